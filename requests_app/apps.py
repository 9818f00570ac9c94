from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


class RequestsAppConfig(AppConfig):
    name = "requests_app"
    verbose_name = _("requêtes des citoyens")

    # What this app's permissions give each role (accounts.roles applies it after migrate).
    role_permissions = {
        Role.TECHNICIEN: [
            "view_servicerequest",
            "change_servicerequest",
            "add_servicerequest",
            "view_requestevent",
            "view_intervention",
            "view_service",
            "change_service",
            "view_requesttype",
            "add_requesttype",
            "change_requesttype",
            "view_interventioncode",
            "view_closureday",
            "add_closureday",
            "change_closureday",
            "delete_closureday",
            "view_designation",
            "view_address",
            "view_recurringclosure",
            "add_recurringclosure",
            "change_recurringclosure",
            "delete_recurringclosure",
            "view_recurringclosureskip",
            "add_recurringclosureskip",
            "change_recurringclosureskip",
            "delete_recurringclosureskip",
            "view_requesttypeattribute",
            "add_requesttypeattribute",
            "change_requesttypeattribute",
            "delete_requesttypeattribute",
            "triage",
            "see_all",
        ],
        Role.DIRECTEUR_SAC: ["see_all", "read_satisfaction"],
        Role.DIRECTEUR_GENERAL: ["see_all", "read_satisfaction"],
        Role.EXPERIENCE_CITOYEN: ["read_satisfaction"],
    }

    def ready(self):
        from core import tracking
        from requests_app.selectors import tracking_path_for

        tracking.register(tracking_path_for)
        from requests_app import signals  # noqa: F401  (connects the receivers)
