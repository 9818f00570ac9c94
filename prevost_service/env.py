"""One place that reads the environment, so every setting shows where it comes from."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# A .env file is read only when asked for: a stray file must never change a production host.
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))


def env_secret(name: str, *, debug: bool, dev_default: str) -> str:
    """A secret that may only fall back to a default while DEBUG is on."""
    value = env.str(name, default="")
    if value:
        return value
    if debug:
        return dev_default
    raise ImproperlyConfigured(f"{name} must be set when DEBUG is off.")
