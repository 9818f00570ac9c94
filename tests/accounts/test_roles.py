"""The roles registry: what each role may do is written once, and every migrate makes it so."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from accounts.enums import Role
from accounts.models import RoleSecurity
from accounts.roles import SENSITIVE_ROLES, roles_sync

pytestmark = pytest.mark.django_db


def codenames(role: Role) -> set[str]:
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=role.value).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_each_app_grants_the_technicien_its_desk_and_nothing_else_reaches_the_confidential_files():
    technicien = codenames(Role.TECHNICIEN)
    assert {"requests_app.change_servicerequest", "knowledge.add_article", "outbox.change_outboundemail"} <= technicien
    assert {"intake.view_inboundemail", "digests.change_digestdelivery", "accounts.add_user"} <= technicien
    assert not any(name.startswith(("legal.", "complaints.")) for name in technicien)
    assert codenames(Role.GREFFIER) == {
        "legal.handle_claims",
        "legal.handle_access_requests",
        "knowledge.read_knowledge_base",
    }
    assert codenames(Role.ELU) == {"digests.read_elus_report"}, "élus read reports, not the desk's notes"
    assert set(SENSITIVE_ROLES) == {Role.DIRECTEUR_SAC, Role.DIRECTEUR_GENERAL, Role.GREFFIER}


def test_the_sync_puts_back_what_the_registry_says_and_keeps_a_superusers_login_choice():
    group = Group.objects.get(name=Role.TECHNICIEN.value)
    before = codenames(Role.TECHNICIEN)
    group.permissions.add(Permission.objects.get(codename="delete_servicerequest"))  # granted by hand
    Group.objects.filter(name=Role.ELU.value).delete()
    RoleSecurity.objects.filter(group__name=Role.RESPONSABLE.value).update(second_factor_required=True)
    roles_sync()
    assert codenames(Role.TECHNICIEN) == before, "a deleted request is a lost request: not the desk's to do"
    assert Group.objects.filter(name=Role.ELU.value).exists()
    assert RoleSecurity.objects.get(group__name=Role.ELU.value).second_factor_required is False
    assert RoleSecurity.objects.get(group__name=Role.RESPONSABLE.value).second_factor_required is True
    assert RoleSecurity.objects.get(group__name=Role.TECHNICIEN.value).second_factor_required is True


def test_migrate_runs_the_sync():
    Group.objects.get(name=Role.TECHNICIEN.value).permissions.clear()
    call_command("migrate", verbosity=0)
    assert "requests_app.view_servicerequest" in codenames(Role.TECHNICIEN)
