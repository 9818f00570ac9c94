from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("base de connaissances")

    # What this app's permissions give each role (accounts.roles applies it after migrate).
    role_permissions = {
        Role.TECHNICIEN: [
            "view_article",
            "add_article",
            "change_article",
            "delete_article",
            "view_standardanswer",
            "add_standardanswer",
            "change_standardanswer",
            "delete_standardanswer",
            "read_knowledge_base",
        ],
        # Every employee reads it; not the élus, who read reports, not the desk's working notes.
        **{role: ["read_knowledge_base"] for role in Role if role not in (Role.TECHNICIEN, Role.ELU)},
    }
