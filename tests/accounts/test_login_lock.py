"""The login lock counts per account, however it is named, and per address across accounts."""

import pytest
from django.urls import reverse

from accounts.enums import Role

from ..factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "secret-pass-123"
LOGIN = reverse("accounts:login")


def attempt(client, username, password, address):
    response = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)
    return "Connexion temporairement suspendue" in response.content.decode()


def test_spelling_an_account_differently_does_not_buy_more_guesses(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    UserFactory(username="tech", email="Tech@Ville.Prevost.qc.ca", roles=[Role.TECHNICIEN], is_staff=True)
    spellings = [
        "tech@ville.prevost.qc.ca",
        "TECH@VILLE.PREVOST.QC.CA",
        "  Tech@Ville.Prevost.qc.ca ",
        "ｔｅｃｈ＠ｖｉｌｌｅ．ｐｒｅｖｏｓｔ．ｑｃ．ｃａ",  # full-width: the same text after NFKC
        "tech",
        "TECH",
    ]
    locked = [attempt(client, spellings[n % len(spellings)], "wrong-guess", f"203.0.113.{n}") for n in range(30)]
    assert locked.index(True) == 4  # the 5th failure locks the account, from any address
    assert all(locked[4:])
    assert attempt(client, "tech", PASSWORD, "198.51.100.7"), "the right password waits for the cool-off"


def test_one_password_sprayed_over_many_accounts_locks_the_address(client, settings):
    settings.AXES_FAILURE_LIMIT, settings.AXES_ADDRESS_FAILURE_LIMIT = 5, 25
    users = [UserFactory(username=f"employe{n}", roles=[Role.RESPONSABLE]) for n in range(30)]
    locked = [attempt(client, user.username, "Prevost2026!", "203.0.113.50") for user in users]
    assert locked.index(True) == 24 and all(locked[24:])
    assert attempt(client, users[0].username, PASSWORD, "203.0.113.50"), "the address waits, whatever the account"
    assert not attempt(client, users[0].username, PASSWORD, "198.51.100.8"), "the account itself is not locked"


def test_a_success_clears_the_account_not_the_address(client, settings):
    settings.AXES_FAILURE_LIMIT, settings.AXES_ADDRESS_FAILURE_LIMIT = 5, 8
    mine = UserFactory(username="moi", roles=[Role.RESPONSABLE])
    others = [UserFactory(username=f"autre{n}", roles=[Role.RESPONSABLE]) for n in range(7)]
    for other in others:
        attempt(client, other.username, "wrong-guess", "203.0.113.60")
    assert not attempt(client, mine.username, PASSWORD, "203.0.113.60")  # 7 failures: under 8
    client.post(reverse("accounts:logout"))
    assert attempt(client, others[0].username, "wrong-guess", "203.0.113.60")  # the 8th locks the address
