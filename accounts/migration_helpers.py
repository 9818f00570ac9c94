"""Used by data migrations: permissions exist only after post_migrate, so create them first."""

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps) -> None:
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant_to_group(apps, group_name: str, permissions: list[tuple[str, str]]) -> None:
    """Give (app_label, codename) permissions to a group, creating the permissions if needed."""
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, codename in permissions:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
