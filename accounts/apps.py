from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("comptes et rôles")

    role_permissions = {
        Role.TECHNICIEN: [
            "add_user",
            "change_user",
            "view_user",
            "view_rightschange",
            "auth.view_group",
            # The outbox knows no role: its grants are written here.
            "outbox.view_outboundemail",
            "outbox.change_outboundemail",
        ],
    }

    def ready(self):
        from django.db.models.signals import post_migrate

        # After the last app's migrations (and a test flush): every app's permissions exist by then.
        post_migrate.connect(_sync_once_per_migrate, dispatch_uid="accounts.roles_sync")


def _sync_once_per_migrate(sender, **kwargs):
    from django.apps import apps as global_apps

    from accounts.roles import roles_sync

    # post_migrate is sent per app that has models; the last of them comes after all the others.
    last = [config for config in global_apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label == last.label:
        roles_sync(apps=global_apps)
