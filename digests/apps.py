from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


class DigestsConfig(AppConfig):
    name = "digests"
    verbose_name = _("listes RNC et rapports aux élus")

    # What this app's permissions give each role (accounts.roles applies it after migrate).
    role_permissions = {
        Role.TECHNICIEN: ["view_digestdelivery", "change_digestdelivery", "read_elus_report"],
        Role.ELU: ["read_elus_report"],
        Role.DIRECTEUR_SERVICE: ["read_elus_report"],
        Role.DIRECTEUR_SAC: ["read_elus_report"],
        Role.DIRECTEUR_GENERAL: ["read_elus_report"],
    }
