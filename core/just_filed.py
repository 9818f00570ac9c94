"""The « thank you, it is received » banner, shown once on the tracking page after a citizen files.

A short-lived signed cookie holding the tracking token, not a server session: filing writes no
session row (nothing about the citizen kept beyond the demand itself, three queries fewer per
submission), and the tracking page of everyone else stays the same for all (cacheable).
"""

from django.conf import settings
from django.core import signing

COOKIE = "just_filed"
MAX_AGE = 15 * 60


def remember(response, token: str):
    response.set_signed_cookie(
        COOKIE,
        token,
        salt=COOKIE,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def is_for(request, token: str) -> bool:
    try:
        return request.get_signed_cookie(COOKIE, salt=COOKIE, max_age=MAX_AGE) == token
    except (KeyError, signing.BadSignature):
        return False


def shown(response):
    """After the page with the banner is rendered: once is enough."""
    response.delete_cookie(COOKIE, samesite="Lax")
    return response
