"""Nobody sets another person's password; invitations and resets go to the person's own address;
a reset keeps the second factor; removing a factor is a superuser's logged act; every staff account
may turn the factor on, and a superuser may require it per role."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.enums import Role
from accounts.models import RightsChange, RoleSecurity, User
from outbox.models import OutboundEmail

from ..factories import UserFactory
from .test_second_factor import PASSWORD, SECOND_FACTOR, code_for, enrol, log_in, text

pytestmark = pytest.mark.django_db
USERS = reverse("admin:accounts_user_changelist")


def link_in(email: OutboundEmail) -> str:
    return re.search(r"https?://[^/\s]+(/\S*/mot-de-passe/choisir/\S+/)", email.body_text).group(1)


@pytest.fixture
def director(db):
    """A director of service who has never enrolled a second factor (the takeover target)."""
    user = UserFactory(username="dir-tp", email="dir@ville.example", roles=[Role.DIRECTEUR_SERVICE])
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    return User.objects.get(pk=user.pk)


def test_nobody_sets_another_persons_password_in_the_admin(client, technicien, director, responsable_tp):
    client.force_login(technicien)
    for target in (director, responsable_tp):
        url = reverse("admin:auth_user_password_change", args=[target.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"password1": "Pris-en-otage-42", "password2": "Pris-en-otage-42"}).status_code == 403
    director.refresh_from_db()
    assert director.check_password(PASSWORD)


def test_the_technicien_cannot_redirect_a_directors_reset_link_to_himself(client, technicien, director):
    client.force_login(technicien)
    change = reverse("admin:accounts_user_change", args=[director.pk])
    page = client.get(change)
    assert 'name="email"' not in page.content.decode()  # read-only once the person has logged in
    assert "../password/" not in page.content.decode() and "choisi par la personne" in text(page)
    client.post(USERS, {"action": "send_password_link", "_selected_action": [director.pk]})
    (email,) = OutboundEmail.objects.filter(dedupe_key__startswith=f"account:{director.pk}:password:")
    assert email.to == "dir@ville.example"
    assert RightsChange.objects.filter(actor=technicien, target=director, change__contains="dir@ville.example").exists()


def test_a_new_account_is_invited_and_chooses_its_own_password_once(client, technicien):
    client.force_login(technicien)
    add = reverse("admin:accounts_user_add")
    assert 'name="password1"' not in client.get(add).content.decode()
    client.post(
        add,
        {
            "username": "nouvelle",
            "first_name": "Anne",
            "last_name": "Roy",
            "email": "anne@ville.example",
            "language": "fr-ca",
        },
    )
    anne = User.objects.get(username="nouvelle")
    assert not anne.has_usable_password()
    email = OutboundEmail.objects.get(to="anne@ville.example")
    assert "choisissez votre mot de passe" in email.body_text.lower()
    assert RightsChange.objects.filter(target=anne, change__startswith="invitation envoyée").exists()

    visitor = type(client)()
    form = visitor.get(link_in(email), follow=True)
    assert "Choisir votre mot de passe" in text(form) and 'name="new_password1"' in form.content.decode()
    done = visitor.post(
        form.redirect_chain[-1][0], {"new_password1": "Vallee-Prevost-2026", "new_password2": "Vallee-Prevost-2026"}
    )
    assert done.status_code == 302
    anne.refresh_from_db()
    assert anne.check_password("Vallee-Prevost-2026")
    assert RightsChange.objects.filter(actor=anne, target=anne, change__contains="choisi par la personne").exists()
    again = type(client)().get(link_in(email), follow=True)
    assert "a déjà servi ou a expiré" in text(again)  # single use


def test_a_reset_keeps_the_second_factor(client, technicien):
    enrol(client, technicien)
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:password_forgotten"), {"email": technicien.email.upper()})
    email = OutboundEmail.objects.get(dedupe_key__startswith=f"account:{technicien.pk}:password:")
    form = client.get(link_in(email), follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": "Nouveau-Passe-2026", "new_password2": "Nouveau-Passe-2026"}
    )
    assert TOTPDevice.objects.filter(user=technicien, confirmed=True).exists()
    client.post(reverse("accounts:login"), {"username": technicien.username, "password": "Nouveau-Passe-2026"})
    asked = client.get(reverse("staff:home"))
    assert asked.status_code == 302 and asked.url.startswith(SECOND_FACTOR)
    assert "Confirmez que c'est bien vous" in text(client.get(asked.url))  # the code, not a new enrolment


def test_the_forgotten_password_page_tells_nobody_who_has_an_account(client, technicien):
    known = client.post(reverse("accounts:password_forgotten"), {"email": technicien.email})
    unknown = client.post(reverse("accounts:password_forgotten"), {"email": "personne@example.ca"})
    assert text(known) == text(unknown) and "Vérifiez vos courriels" in text(known)
    assert OutboundEmail.objects.filter(to=technicien.email).count() == 1


def test_only_a_superuser_removes_a_factor_and_it_is_logged(client, technicien, responsable_tp):
    enrol(client, technicien)
    client.post(reverse("accounts:logout"))
    other = UserFactory(username="tech-2", roles=[Role.TECHNICIEN], is_staff=True)
    client.force_login(other)
    client.post(USERS, {"action": "remove_second_factor", "_selected_action": [technicien.pk]})
    assert TOTPDevice.objects.filter(user=technicien).exists()
    it = UserFactory(username="ti", is_staff=True, is_superuser=True)
    client.force_login(it)
    client.post(USERS, {"action": "remove_second_factor", "_selected_action": [technicien.pk]})
    assert not TOTPDevice.objects.filter(user=technicien).exists()
    assert RightsChange.objects.filter(actor=it, target=technicien, change__startswith="second facteur retiré").exists()
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404  # no unlogged way around


def test_a_responsable_turns_the_factor_on_and_is_asked_for_it_from_then_on(client, responsable_tp):
    log_in(client, responsable_tp.username)
    page = client.get(reverse("accounts:security"))
    assert "Activer le second facteur" in text(page)
    start = client.get(f"{SECOND_FACTOR}?activer=1&next=/compte/securite/")
    assert "Activer le second facteur" in text(start)
    done = client.post(SECOND_FACTOR, {"code": code_for(responsable_tp), "activer": "1", "next": "/compte/securite/"})
    assert "ne seront plus jamais affichés" in text(done)
    assert RightsChange.objects.filter(target=responsable_tp, change__startswith="second facteur activé").exists()
    client.post(reverse("accounts:logout"))
    log_in(client, responsable_tp.username)
    asked = client.get(reverse("staff:home"))
    assert asked.status_code == 302 and asked.url.startswith(SECOND_FACTOR)


def test_a_superuser_requires_the_factor_for_the_elus(client):
    elu = UserFactory(username="elu-3", roles=[Role.ELU])
    log_in(client, elu.username)
    assert client.get(reverse("staff:elus_report")).status_code == 200
    client.post(reverse("accounts:logout"))
    RoleSecurity.objects.filter(group=Group.objects.get(name=Role.ELU)).update(second_factor_required=True)
    log_in(client, elu.username)
    asked = client.get(reverse("staff:elus_report"))
    assert asked.status_code == 302 and asked.url.startswith(SECOND_FACTOR)
