import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "prevost_service.settings.production",
    "SECRET_KEY": "x7Hq-2vLr9!pWm4@Zt8kNc3^Yb6sJd1%Gf5aUe0*Qo7iRy2&Tl",
    "ALLOWED_HOSTS": "requetes.ville.prevost.qc.ca",
    "CSRF_TRUSTED_ORIGINS": "https://requetes.ville.prevost.qc.ca",
    "DATABASE_URL": "sqlite:////tmp/prevost-deploy-check.sqlite3",
}


def run_manage(*args, env_overrides):
    ignored = ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )


def test_deploy_check_is_clean_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_every_model_change_has_its_migration(db):
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_public_pages_forbid_inline_scripts_and_styles(client):
    for path in ("/", "/requete/nouvelle/", "/plainte/nouvelle/", "/normes-de-service/", "/en/privacy/"):
        policy = client.get(path)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'", path
        assert "unsafe-inline" not in policy and directives["frame-ancestors"] == "'none'", path


@pytest.mark.django_db
def test_the_policy_built_once_still_follows_its_settings_and_spares_the_admin(client, settings):
    """The header is built once per process (issue 20), not once forever: a tile server named in the
    settings reaches it, and the admin, whose inline styles need it, still goes without."""
    assert "tiles.example.ca" not in client.get("/")["Content-Security-Policy"]
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {**directives, "img-src": [*directives["img-src"], "https://tiles.example.ca"]},
    }
    assert "img-src 'self' data: https://tiles.example.ca" in client.get("/")["Content-Security-Policy"]
    assert "Content-Security-Policy" not in client.get("/admin/login/")
