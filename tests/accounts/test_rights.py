import datetime as dt
import html

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Availability, Role
from accounts.models import RightsChange

from ..factories import UserFactory, service, submit_request

pytestmark = pytest.mark.django_db


def user_form(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "language": user.language,
        "extension": user.extension,
        "availability": user.availability,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "_save": "1",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_technicien_gives_a_role_to_a_colleague_and_it_is_logged(client, technicien):
    colleague = UserFactory(username="collegue")
    client.force_login(technicien)
    responsable = Group.objects.get(name=Role.RESPONSABLE)
    url = reverse("admin:accounts_user_change", args=[colleague.pk])
    response = client.post(url, user_form(colleague, groups=[responsable.pk]))
    assert response.status_code == 302
    assert colleague.groups.filter(name=Role.RESPONSABLE).exists()
    entry = RightsChange.objects.get(target=colleague)
    assert entry.actor == technicien and Role.RESPONSABLE.value in entry.change


def test_technicien_cannot_escalate_his_own_rights(client, technicien):
    client.force_login(technicien)
    dsac = Group.objects.get(name=Role.DIRECTEUR_SAC)
    url = reverse("admin:accounts_user_change", args=[technicien.pk])
    client.post(url, user_form(technicien, groups=[dsac.pk], is_staff="on"))
    technicien.refresh_from_db()
    assert list(technicien.groups.values_list("name", flat=True)) == [Role.TECHNICIEN.value]
    assert not technicien.is_superuser and not technicien.user_permissions.exists()


def test_technicien_cannot_create_a_superuser_or_touch_one(client, technicien):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(technicien)
    assert client.get(reverse("admin:accounts_user_change", args=[root.pk])).status_code in (302, 404)
    page = client.get(reverse("admin:accounts_user_change", args=[UserFactory(username="x").pk])).content.decode()
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page


def test_staff_log_in_with_their_email_address(client, technicien):
    response = client.post(reverse("accounts:login"), {"username": "TECH@ville.test", "password": "secret-pass-123"})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == technicien.pk


def test_repeated_failed_logins_are_throttled_with_a_polite_page(client, technicien):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "tech", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "tech", "password": "secret-pass-123"})
    assert response.status_code == 429
    assert "Connexion temporairement suspendue" in html.unescape(response.content.decode())
    assert "_auth_user_id" not in client.session


def test_availability_in_one_click_and_the_directory_shows_it(client, technicien, responsable_env):
    client.force_login(responsable_env)
    client.post(
        reverse("accounts:availability"),
        {"availability": Availability.OUT_OF_OFFICE, "back_at": "14:30", "next": "/personnel/"},
    )
    responsable_env.refresh_from_db()
    assert responsable_env.availability == Availability.OUT_OF_OFFICE
    client.force_login(technicien)
    page = html.unescape(client.get(reverse("accounts:directory")).content.decode())
    row = page[page.index("Environnement") :]
    assert responsable_env.get_full_name() in row and "Absent du bureau — de retour vers 14:30" in row


def test_status_is_shown_next_to_the_responsable_when_assigning(client, technicien, responsable_tp):
    responsable_tp.availability = Availability.IN_MEETING
    responsable_tp.save()
    client.force_login(technicien)
    request = submit_request()
    page = html.unescape(
        client.get(reverse("admin:requests_app_servicerequest_change", args=[request.pk])).content.decode()
    )
    assert f"Responsable désigné du service : {responsable_tp} (en réunion)" in page
    assert service("travaux-publics").responsable == responsable_tp


def test_only_technicien_and_managers_read_the_directory(client, responsable_tp):
    client.force_login(responsable_tp)
    assert client.get(reverse("accounts:directory")).status_code == 403


def test_technicien_cannot_grant_a_sensitive_role_nor_reset_its_password(client, technicien, directeur_sac):
    puppet = UserFactory(username="puppet")
    client.force_login(technicien)
    dsac = Group.objects.get(name=Role.DIRECTEUR_SAC)
    client.post(reverse("admin:accounts_user_change", args=[puppet.pk]), user_form(puppet, groups=[dsac.pk]))
    assert not puppet.groups.exists(), "the Directeur SAC role is granted by IT only"
    url = reverse("admin:auth_user_password_change", args=[directeur_sac.pk])
    response = client.post(url, {"password1": "Nouveau-mot-de-passe-42", "password2": "Nouveau-mot-de-passe-42"})
    assert response.status_code == 403
    directeur_sac.refresh_from_db()
    assert directeur_sac.check_password("secret-pass-123")


def test_a_staff_session_ends_after_thirty_idle_minutes_and_not_while_working(client, technicien, settings):
    from freezegun import freeze_time

    start = timezone.now()
    with freeze_time(start):
        client.force_login(technicien)
    for minutes in (20, 40, 60):  # working: a page every twenty minutes keeps the session
        with freeze_time(start + dt.timedelta(minutes=minutes)):
            assert client.get(reverse("staff:home")).status_code == 200
    with freeze_time(start + dt.timedelta(minutes=60 + 31)):  # away for 31 minutes
        response = client.get(reverse("staff:home"))
    assert response.status_code == 302 and "/compte/connexion/" in response.url


def test_the_availability_widget_is_for_employees_and_says_what_its_time_field_is(client, technicien):
    client.force_login(UserFactory(username="elu-availability", roles=[Role.ELU]))
    elu_page = client.get(reverse("staff:elus_report")).content.decode()
    assert "Mon statut" not in elu_page, "an élu has no office phone to report on"
    client.force_login(technicien)
    page = html.unescape(client.get(reverse("staff:home")).content.decode())
    assert "Mon statut" in page and '<label class="back-at-label" for="back-at">De retour vers</label>' in page


def test_a_working_session_is_written_at_most_once_a_minute(client, technicien):
    # Issue 20: pushing the idle expiry back on every page wrote the session row on every page.
    from django.contrib.sessions.models import Session
    from freezegun import freeze_time

    start = timezone.now()
    with freeze_time(start):
        client.force_login(technicien)
        client.get(reverse("staff:home"))
    expiry = Session.objects.get().expire_date
    with freeze_time(start + dt.timedelta(seconds=50)):
        client.get(reverse("staff:home"))
    assert Session.objects.get().expire_date == expiry, "not written again within the minute"
    with freeze_time(start + dt.timedelta(seconds=70)):
        client.get(reverse("staff:home"))
    assert Session.objects.get().expire_date == expiry + dt.timedelta(seconds=70)
