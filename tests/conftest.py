import shutil

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor
from accounts.enums import Role
from core import broker, numbering
from legal.provisions_seed import provisions_seed
from requests_app import business_days, selectors
from requests_app.catalog_seed import catalog_seed

from .factories import UserFactory, service


@pytest.fixture(autouse=True)
def _french_and_clean_caches(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Each test starts with no cached page and no count of posts (public forms' limits).
    cache.clear()
    broker.reset()
    numbering.forget_sequences()
    business_days.closures_changed()
    selectors.forget_catalog()
    with translation.override("fr-ca"):
        yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """force_login skips the password; it skips the second factor too, as if the code had been
    typed. The real path (password, then code) is tested in tests/accounts/test_second_factor.py
    and by the browser tests, which log in through the forms."""
    original = Client.force_login

    def force_login(client, user, backend=None):
        original(client, user, backend)
        if second_factor.required_for(user):
            device, _ = TOTPDevice.objects.get_or_create(user=user, name="tests", defaults={"confirmed": True})
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def cache_away(settings):
    """The cache on a port nobody listens on: every read misses at once, every write is dropped."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


@pytest.fixture
def technicien(db):
    return UserFactory(username="tech", first_name="Sylvie", is_staff=True, roles=[Role.TECHNICIEN])


@pytest.fixture
def responsable_tp(db):
    """Responsable de la réception des requêtes of Travaux publics."""
    user = UserFactory(username="resp-tp", first_name="Luc", roles=[Role.RESPONSABLE])
    tp = service("travaux-publics")
    tp.responsable = user
    tp.save()
    return user


@pytest.fixture
def responsable_env(db):
    user = UserFactory(username="resp-env", first_name="Julie", roles=[Role.RESPONSABLE])
    env = service("environnement")
    env.responsable = user
    env.save()
    return user


@pytest.fixture
def elu(db):
    return UserFactory(username="elu", roles=[Role.ELU])


@pytest.fixture
def directeur_sac(db):
    return UserFactory(username="dsac", roles=[Role.DIRECTEUR_SAC])


@pytest.fixture
def greffier(db):
    return UserFactory(username="greffier", first_name="Nadia", roles=[Role.GREFFIER])


@pytest.fixture
def directeur_general(db):
    return UserFactory(username="dg", first_name="Hélène", roles=[Role.DIRECTEUR_GENERAL])


@pytest.fixture
def catalog_after_flush(transactional_db):
    """Transactional tests flush every table, the rows seeded on a fresh install too: seed them again
    (the roles come back by themselves: the flush ends with post_migrate, which syncs them)."""
    catalog_seed(apps)
    provisions_seed(apps)
