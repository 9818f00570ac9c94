from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("plaintes")

    def ready(self):
        from complaints.selectors import tracking_path_for
        from core import tracking

        tracking.register(tracking_path_for)
