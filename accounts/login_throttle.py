"""One login lock (django-axes) that counts two things: failures per account, whatever was typed to
name it, and failures per address across accounts.

Counting per typed string let anyone guess without limit by spelling one account differently (its
username, its e-mail in any case, with spaces around). Every spelling now resolves to the account it
names before it is counted. The address count catches one password sprayed over many accounts; it
allows more failures than an account does, since the city's offices may share one address.
"""

import unicodedata

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum


def normalised(typed: str) -> str:
    return unicodedata.normalize("NFKC", typed or "").strip()


def login_identity(request, credentials=None) -> str:
    """AXES_USERNAME_CALLABLE: the account a login names (its username), or the normalised text when it
    names none, so that « Tech@Ville.ca », « tech@ville.ca » and « tech » are one counter."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = getattr(request, "POST", {}).get("username", "")
    text = normalised(typed or "")
    users = get_user_model().objects.order_by("pk")
    field = "email__iexact" if "@" in text else "username__iexact"
    user = users.filter(**{field: text}).only("username").first() if text else None
    return user.get_username() if user else text.casefold()


class LoginThrottle(AxesDatabaseHandler):
    """AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]: the first count is the account's, the
    second the address's, which locks at AXES_ADDRESS_FAILURE_LIMIT instead of AXES_FAILURE_LIMIT."""

    def get_failures(self, request, credentials=None) -> int:
        per_account, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # Scaled so that one limit (AXES_FAILURE_LIMIT) applies to both counts.
        scaled = per_address * settings.AXES_FAILURE_LIMIT // settings.AXES_ADDRESS_FAILURE_LIMIT
        return max(per_account, scaled)

    def reset_user_attempts(self, request, credentials=None) -> int:
        # A success clears its account's failures, never the address's: knowing one password must not
        # reset a spray from the same address.
        account, _address = self.filter_user_attempts(request, credentials)
        count, _ = account.delete()
        return count
