"""The roles of the policy in one registry: what each one may do and the rules it carries.

Each role is a Django group of that exact name. The permissions come from the apps: every app's
`AppConfig.role_permissions` maps a role to the codenames of that app's permissions it grants
(accounts knows no domain app). `roles_sync` makes the groups say exactly that; it runs after
every `migrate` (and after a test database flush), so a registry change is live at the next deploy.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import transaction

from .enums import Role


@dataclass(frozen=True)
class RoleRules:
    # Granted by IT (superusers) only: the role reads complaints, claims or access files in bulk, so
    # the Technicien, who manages accounts, could otherwise give it to an account and log in with it.
    sensitive: bool = False
    # Asked at login until a superuser says otherwise (accounts.RoleSecurity): roles that read
    # personal information in bulk or reach the admin.
    second_factor_by_default: bool = False


RULES: dict[Role, RoleRules] = {
    Role.TECHNICIEN: RoleRules(second_factor_by_default=True),
    Role.RESPONSABLE: RoleRules(),
    Role.DIRECTEUR_SERVICE: RoleRules(second_factor_by_default=True),
    Role.DIRECTEUR_SAC: RoleRules(sensitive=True, second_factor_by_default=True),
    Role.EXPERIENCE_CITOYEN: RoleRules(),
    Role.DIRECTEUR_GENERAL: RoleRules(sensitive=True, second_factor_by_default=True),
    Role.GREFFIER: RoleRules(sensitive=True, second_factor_by_default=True),
    Role.ELU: RoleRules(),
}

SENSITIVE_ROLES = tuple(role for role, rules in RULES.items() if rules.sensitive)


def role_permissions() -> dict[Role, set[tuple[str, str]]]:
    """(app_label, codename) pairs per role, as the installed apps grant them."""
    granted: dict[Role, set[tuple[str, str]]] = {role: set() for role in Role}
    for config in global_apps.get_app_configs():
        for role, codenames in getattr(config, "role_permissions", {}).items():
            for codename in codenames:
                app_label, _, name = codename.rpartition(".")
                granted[role].add((app_label or config.label, name))
    return granted


def roles_sync(apps=global_apps, **_signal_kwargs) -> None:
    """Make every role's group hold exactly the registry's permissions; create what is missing.
    Idempotent; a permission granted by hand in the admin and absent from the registry is removed."""
    for config in apps.get_app_configs():  # permissions exist only after their app's post_migrate
        create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    RoleSecurity = apps.get_model("accounts", "RoleSecurity")
    by_key = {
        (app_label, codename): pk
        for pk, app_label, codename in Permission.objects.values_list("pk", "content_type__app_label", "codename")
    }
    with transaction.atomic():
        for role, permissions in role_permissions().items():
            missing = permissions - by_key.keys()
            if missing:
                raise LookupError(f"{role}: unknown permissions {sorted(missing)}")
            group, _created = Group.objects.get_or_create(name=role.value)
            group.permissions.set([by_key[key] for key in permissions])
            RoleSecurity.objects.get_or_create(
                group=group, defaults={"second_factor_required": RULES[role].second_factor_by_default}
            )
