from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("courriels reçus")

    # What this app's permissions give each role (accounts.roles applies it after migrate).
    role_permissions = {
        Role.TECHNICIEN: ["view_inboundemail"],
    }

    def ready(self):
        from intake import signals  # noqa: F401  (connects the receivers)
