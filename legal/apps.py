from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = _("réclamations et accès à l'information")

    # Réclamations are read in full by the Greffe and the Directeur général only; the DG is the
    # Responsable de l'accès (policy 4.6) and the greffier may act for him.
    role_permissions = {
        Role.GREFFIER: ["handle_claims", "handle_access_requests"],
        Role.DIRECTEUR_GENERAL: ["handle_claims", "handle_access_requests"],
    }

    def ready(self):
        from core import tracking
        from legal.selectors import tracking_path_for

        tracking.register(tracking_path_for)
