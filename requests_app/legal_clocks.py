"""The legal clocks of réclamations and demandes d'accès (issue 9), computed on the city's calendar.

Delays here are in calendar days, as the laws count them; only a notice deadline that falls on a
day the city is closed moves to its next business day (the Greffe cannot receive a notice then).
"""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from requests_app import business_days
from requests_app.enums import DamageKind

NOTICE_DAYS = 15  # Loi sur les cités et villes, art. 585: written notice within 15 days
PROPERTY_PRESCRIPTION = relativedelta(months=6)  # LCV art. 585–586: action prescribed after 6 months
BODILY_PRESCRIPTION = relativedelta(years=3)  # Code civil du Québec, art. 2925 and 2930
ACCESS_ANSWER_DAYS = 20  # Loi sur l'accès, art. 47
ACCESS_EXTENSION_DAYS = 10  # art. 47, last paragraph: once, by written notice before the 20th day
ACCESS_FIRST_WARNING_DAY = 15


@dataclass(frozen=True)
class ClaimClocks:
    notice_deadline: dt.date | None
    notice_basis: str
    prescription: dt.date
    prescription_basis: str
    notice_is_late: bool


def snow_removal_season_end(event_date: dt.date) -> dt.date:
    """The city accepts snow-removal claims until a date each spring (15 May by default)."""
    month, day = (int(part) for part in settings.SNOW_REMOVAL_CLAIMS_UNTIL.split("-"))
    end = dt.date(event_date.year, month, day)
    return end if event_date <= end else dt.date(event_date.year + 1, month, day)


def claim_clocks(
    *, event_date: dt.date, damage_kind: str, filed_on: dt.date, snow_removal: bool = False
) -> ClaimClocks:
    if damage_kind == DamageKind.BODILY:
        # C.c.Q. art. 2930: no prior notice may be required for bodily injury; 3 years to sue.
        return ClaimClocks(
            notice_deadline=None,
            notice_basis=str(_("Aucun avis préalable n'est exigé pour un préjudice corporel (C.c.Q., art. 2930).")),
            prescription=event_date + BODILY_PRESCRIPTION,
            prescription_basis=str(_("Recours prescrit après 3 ans (C.c.Q., art. 2925 et 2930).")),
            notice_is_late=False,
        )
    deadline = event_date + dt.timedelta(days=NOTICE_DAYS)
    basis = _("Avis écrit au greffier dans les 15 jours de l'événement (Loi sur les cités et villes, art. 585).")
    if snow_removal:
        # Never stricter than the law: the later of the season's end and the 15-day notice.
        deadline = max(deadline, snow_removal_season_end(event_date))
        basis = _(
            "Dommages causés par le déneigement : réclamations reçues jusqu'au %(date)s "
            "(règle saisonnière de la Ville)."
        ) % {"date": snow_removal_season_end(event_date).isoformat()}
    deadline = business_days.next_business_day(deadline)
    return ClaimClocks(
        notice_deadline=deadline,
        notice_basis=str(basis),
        prescription=event_date + PROPERTY_PRESCRIPTION,
        prescription_basis=str(
            _("Le recours en justice se prescrit par 6 mois (Loi sur les cités et villes, art. 585 et 586).")
        ),
        notice_is_late=filed_on > deadline,
    )


def access_answer_deadline(received_on: dt.date, *, extended: bool = False) -> dt.date:
    """A-2.1 art. 47: 20 calendar days from receipt, 30 when the responsable extended it once."""
    return received_on + dt.timedelta(days=ACCESS_ANSWER_DAYS + (ACCESS_EXTENSION_DAYS if extended else 0))


def access_extension_possible(received_on: dt.date, today: dt.date) -> bool:
    """The extension notice must go out before the 20th day has passed."""
    return today <= access_answer_deadline(received_on)


def access_warning(received_on: dt.date, today: dt.date, *, extended: bool = False) -> str | None:
    """What the responsable must be told today: 'day15', 'last_day', 'overdue' (art. 52: no answer by
    the deadline is a refusal), or nothing."""
    deadline = access_answer_deadline(received_on, extended=extended)
    if today > deadline:
        return "overdue"
    if today == deadline:
        return "last_day"
    if not extended and today == received_on + dt.timedelta(days=ACCESS_FIRST_WARNING_DAY):
        return "day15"
    return None
