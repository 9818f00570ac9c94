"""What stands between a bot and the Technicien's queue on the citizen forms, without a third-party
CAPTCHA (no citizen's data leaves for a foreign service, and a CAPTCHA fails the people who most
need the portal):

- a limit of posts per address, shared by every public form (django-ratelimit, in the shared cache);
- a honeypot field no person sees, which form-filling robots fill in;
- a signed stamp of when the form was opened: a form sent back before a person could have read it
  came from a script.

A refused post is answered with the same form, everything typed still in it, and a sentence that
says what to do: a person caught by mistake loses nothing and succeeds by sending again (the stamp
of the first opening is kept, the honeypot comes back empty).
"""

import math
import time

from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

HONEYPOT_FIELD = "site_internet"
STAMP_FIELD = "formulaire_ouvert"
_STAMP_SALT = "prevost.public-form-opened"
THROTTLED = "throttled"


def new_stamp() -> str:
    return signing.dumps(time.time(), salt=_STAMP_SALT)


def stamp_for(request) -> str:
    """The stamp to put in the page: the first opening's when the form comes back after a refusal."""
    posted = request.POST.get(STAMP_FIELD, "") if request.method == "POST" else ""
    return posted if _opened_at(posted) is not None else new_stamp()


def _opened_at(stamp: str) -> float | None:
    try:
        return float(signing.loads(stamp, salt=_STAMP_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


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
    opened_at = _opened_at(request.POST.get(STAMP_FIELD, ""))
    min_seconds = settings.PUBLIC_FORM_MIN_SECONDS
    if min_seconds and (opened_at is None or time.time() - opened_at < min_seconds):
        form.add_error(
            None,
            ValidationError(
                _("Le formulaire a été envoyé très vite après son ouverture. Relisez-le, puis envoyez-le de nouveau."),
                code="too_fast",
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
