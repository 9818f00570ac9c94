"""Tests: fast hashing, mail kept in memory, tasks run in-process unless a test asks for a worker."""

import os

os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from .base import *  # noqa: F403
from .base import BASE_DIR

ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PORTAL_BASE_URL = "http://testserver"
# Static files from the app folders, as in development: no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests post at machine speed; tests/test_public_forms.py turns the minimum back on.
PUBLIC_FORM_MIN_SECONDS = 0
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]  # noqa: F405


class _UnknownVariable(str):
    """string_if_invalid for the tests: an unknown variable in one of the portal's own templates is
    an error, not an empty string a reader would never notice. Django's, the admin's and crispy's
    templates are left as they are (they rely on missing variables by design)."""

    def __contains__(self, item):
        return item == "%s"

    def __mod__(self, variable):
        import inspect

        from django.template.base import Template

        for frame_info in inspect.stack()[1:40]:
            template = frame_info.frame.f_locals.get("self")
            if isinstance(template, Template) and template.origin and template.origin.name:
                path = str(template.origin.name)
                if path.startswith(str(BASE_DIR / "templates")) and "/templates/admin/" not in path:
                    raise NameError(f"unknown template variable {variable!r} in {path}")
                break
        return ""


TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = _UnknownVariable("%s")  # noqa: F405
