"""What stands between a bot and the Technicien's queue on the citizen forms, without a third-party
CAPTCHA (no citizen's data leaves for a foreign service, and a CAPTCHA fails the people who most
need the portal):

- a limit of posts per address, shared by every public form (django-ratelimit, in the shared cache);
- a honeypot field no person sees, which form-filling robots fill in;
- a signed stamp of when the form was opened: a form sent back before a person could have read it
  came from a script; the stamp is good for one post that passes these guards (a nonce spent in the
  cache), so one human-paced opening cannot be replayed by a script any number of times.

A refused post is answered with the same form, everything typed still in it, and a sentence that
says what to do: a person caught by mistake loses nothing and succeeds by sending again (the time
of the first opening is kept, with a fresh nonce; the honeypot comes back empty).
"""

import math
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

HONEYPOT_FIELD = "site_internet"
STAMP_FIELD = "formulaire_ouvert"
_STAMP_SALT = "prevost.public-form-opened"
THROTTLED = "throttled"


STAMP_MAX_AGE = 24 * 3600  # a form left open longer is sent again with a fresh stamp


def new_stamp(opened_at: float | None = None) -> str:
    """When the form was opened, and a nonce that an accepted post uses up: a stamp is good once."""
    return signing.dumps({"t": opened_at or time.time(), "n": secrets.token_urlsafe(12)}, salt=_STAMP_SALT)


def stamp_for(request) -> str:
    """The stamp to put in the page. When the form comes back after a refusal, it keeps the first
    opening's time (the citizen does not wait again) with a fresh nonce (the old one may be spent)."""
    posted = _read_stamp(request.POST.get(STAMP_FIELD, "")) if request.method == "POST" else None
    return new_stamp(posted[0] if posted else None)


def _read_stamp(stamp: str) -> tuple[float, str] | None:
    try:
        value = signing.loads(stamp, salt=_STAMP_SALT, max_age=STAMP_MAX_AGE)
        return float(value["t"]), str(value["n"])
    except (signing.BadSignature, TypeError, ValueError, KeyError):
        return None


def _use_up(nonce: str) -> bool:
    """Record the nonce as spent; False when it already was (a replayed post). Atomic with the cache's
    add; when the cache does not answer, the post is let through (it must never block filing)."""
    key = f"public-form-stamp:{nonce}"
    return cache.add(key, 1, STAMP_MAX_AGE) or cache.get(key) is None


def _rate(group, request):
    return settings.PUBLIC_FORM_RATE or None  # empty: no limit (bench/load.py's submission storm)


def refused(request, form) -> bool:
    """True when this POST must not be acted on; the reason is then one of the form's errors.

    Every POST counts towards the address's limit, valid or not: a bot's failures cost it too."""
    usage = get_usage(request, group="public-forms", key="ip", rate=_rate, method="POST", increment=True)
    if usage is not None and usage["should_limit"]:
        minutes = max(1, math.ceil(usage["time_left"] / 60)) if usage["time_left"] > 0 else 10
        message = ngettext(
            "Nous recevons trop d'envois de votre adresse Internet. Rien de ce que vous avez écrit n'est "
            "perdu : envoyez de nouveau dans %(minutes)s minute. En cas d'urgence, appelez le %(phone)s.",
            "Nous recevons trop d'envois de votre adresse Internet. Rien de ce que vous avez écrit n'est "
            "perdu : envoyez de nouveau dans %(minutes)s minutes. En cas d'urgence, appelez le %(phone)s.",
            minutes,
        ) % {"minutes": minutes, "phone": settings.CITY_URGENT_PHONE}
        form.add_error(None, ValidationError(message, code=THROTTLED))
        return True
    if request.POST.get(HONEYPOT_FIELD):
        form.add_error(
            None,
            ValidationError(
                _("Votre envoi n'a pas pu être accepté. Vérifiez le formulaire, puis envoyez-le de nouveau."),
                code="trap",
            ),
        )
        return True
    stamp = _read_stamp(request.POST.get(STAMP_FIELD, ""))
    min_seconds = settings.PUBLIC_FORM_MIN_SECONDS
    if min_seconds and (stamp is None or time.time() - stamp[0] < min_seconds):
        form.add_error(
            None,
            ValidationError(
                _("Le formulaire a été envoyé très vite après son ouverture. Relisez-le, puis envoyez-le de nouveau."),
                code="too_fast",
            ),
        )
        return True
    if stamp is not None and not _use_up(stamp[1]):
        form.add_error(
            None,
            ValidationError(
                _(
                    "Ce formulaire a déjà été envoyé une fois. Si vous n'avez pas vu la confirmation de votre envoi, "
                    "relisez-le, puis envoyez-le de nouveau."
                ),
                code="replayed",
            ),
        )
        return True
    return False


def status_for(form) -> int:
    """429 for an address over its limit, 400 for a form with errors, 200 otherwise."""
    if not form.is_bound:
        return 200
    if form.has_error(NON_FIELD_ERRORS, THROTTLED):
        return 429
    return 400 if form.errors else 200
