"""One place that reads the environment, so every setting shows where it comes from."""

from pathlib import Path
from urllib.parse import urlsplit

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


def tile_origin(url_template: str) -> str:
    """The origin a map tile URL template loads images from, for the CSP's img-src:
    « https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png » → « https://*.tile.openstreetmap.org »."""
    parts = urlsplit(url_template.replace("{s}.", ""))  # {s}: the server's subdomains a., b., c.
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ImproperlyConfigured("MAP_TILE_URL must be an http(s) URL template.")
    return f"{parts.scheme}://{'*.' if '{s}.' in url_template else ''}{parts.netloc}"
