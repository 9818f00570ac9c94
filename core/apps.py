from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares and that knows no domain: errors, numbering, public-form guards, the
    resilient cache and broker, downloads, dates, log masking, the retention runner, template tags."""

    name = "core"
    verbose_name = _("socle commun")
