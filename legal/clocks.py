"""The legal clocks of réclamations and demandes d'accès, each on the calendar its own text names.

Delays are in calendar days or months, as the laws count them (`legal_calendar`); the city's business
days and closures never move them: a claimant may send a notice by e-mail or through the portal on a
Saturday or while the city hall is closed for the Fêtes.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from core import legal_calendar
from core.dates import in_words, month_day
from legal.enums import DamageKind

NOTICE_DAYS = 15  # Loi sur les cités et villes (LCV), art. 585: written notice within 15 days of the event
PROPERTY_PRESCRIPTION_MONTHS = 6  # LCV art. 586: actions for damages against the city, 6 months
BODILY_PRESCRIPTION_MONTHS = 36  # C.c.Q. art. 2925 and 2930: bodily injury, 3 years, notice or not
ACCESS_ANSWER_DAYS = 20  # Loi sur l'accès, art. 47
ACCESS_EXTENSION_DAYS = 10  # art. 47, last paragraph: once, by written notice before the 20th day
ACCESS_FIRST_WARNING_DAY = 15
ACCESS_REVIEW_DAYS = 30  # art. 135: review by the Commission within 30 days of the decision or of the deadline


@dataclass(frozen=True)
class ClaimClocks:
    notice_deadline: dt.date | None
    notice_basis: str
    prescription: dt.date
    prescription_basis: str
    notice_is_late: bool
    # Snow removal: the city's spring date comes after the right to sue has ended; the claimant is told.
    prescription_first: bool = False


def snow_removal_season_end(event_date: dt.date) -> dt.date | None:
    """The spring date that ends the winter of `event_date` (city practice, 15 May by default), or
    None when the event is outside the season (SNOW_REMOVAL_SEASON_START to that spring date)."""
    start_month, start_day = month_day(settings.SNOW_REMOVAL_SEASON_START)
    end_month, end_day = month_day(settings.SNOW_REMOVAL_CLAIMS_UNTIL)
    if (event_date.month, event_date.day) >= (start_month, start_day):
        return dt.date(event_date.year + 1, end_month, end_day)
    if (event_date.month, event_date.day) <= (end_month, end_day):
        return dt.date(event_date.year, end_month, end_day)
    return None


def snow_removal_season_words() -> dict[str, str]:
    """The season as the form tells it: « du 1 novembre au 15 mai »."""
    start, end = (
        dt.date(2000, *month_day(value))
        for value in (settings.SNOW_REMOVAL_SEASON_START, settings.SNOW_REMOVAL_CLAIMS_UNTIL)
    )
    return {"start": in_words(start, year=False), "end": in_words(end, year=False)}


def _prescription(event_date: dt.date, months: int) -> dt.date:
    # Months as C.p.c. art. 83 counts them; a last day on a Saturday or a holiday moves (C.c.Q. art. 2879).
    return legal_calendar.next_juridical_day(legal_calendar.add_months(event_date, months))


def _statutory_notice_deadline(event_date: dt.date) -> dt.date:
    # LCV art. 585; a 15th day that is a jour férié moves to the next day that is not (I-16 art. 52).
    return legal_calendar.next_non_holiday(event_date + dt.timedelta(days=NOTICE_DAYS))


def claim_clocks(
    *, event_date: dt.date, damage_kind: str, filed_on: dt.date, snow_removal: bool = False
) -> ClaimClocks:
    moved = _(
        "Un dernier jour qui tombe un samedi ou un jour férié est reporté au jour ouvrable suivant "
        "(Code civil du Québec, art. 2879)."
    )
    if damage_kind == DamageKind.BODILY:
        # C.c.Q. art. 2930: no notice requirement may stand in the way of an action for bodily injury.
        return ClaimClocks(
            notice_deadline=None,
            notice_basis=_(
                "La loi demande un avis dans les 15 jours (Loi sur les cités et villes, art. 585), mais pour un "
                "préjudice corporel son absence ne peut vous priver de votre recours (Code civil du Québec, art. 2930)."
            ),
            prescription=_prescription(event_date, BODILY_PRESCRIPTION_MONTHS),
            prescription_basis=_(
                "Le recours en justice se prescrit par 3 ans à compter de l'événement (Code civil du Québec, "
                "art. 2925 et 2930)."
            )
            + " "
            + moved,
            notice_is_late=False,
        )
    prescription = _prescription(event_date, PROPERTY_PRESCRIPTION_MONTHS)
    prescription_basis = (
        _(
            "Le recours en justice se prescrit par 6 mois à compter de l'événement (Loi sur les cités et villes, art. 586)."
        )
        + " "
        + moved
    )
    if damage_kind != DamageKind.PROPERTY:
        # The 15-day notice of LCV art. 585 is for bodily injury and property damage only.
        return ClaimClocks(
            notice_deadline=None,
            notice_basis=_(
                "Pour une autre perte, la loi n'exige pas l'avis de 15 jours prévu pour les dommages matériels "
                "(Loi sur les cités et villes, art. 585); seul le délai de prescription ci-dessous s'applique."
            ),
            prescription=prescription,
            prescription_basis=prescription_basis,
            notice_is_late=False,
        )
    deadline = _statutory_notice_deadline(event_date)
    basis = _(
        "Avis écrit au greffier dans les 15 jours de l'événement (Loi sur les cités et villes, art. 585). Si le "
        "15e jour est un dimanche ou un jour férié, l'avis peut être donné le jour suivant qui ne l'est pas (Loi "
        "d'interprétation, art. 52 et 61); un samedi ou une fermeture de l'hôtel de ville ne change rien, l'avis "
        "pouvant être envoyé en ligne."
    )
    season_end = snow_removal_season_end(event_date) if snow_removal else None
    prescription_first = False
    if season_end is not None:
        # City practice, never stricter than the law: the later of the spring date and the 15-day notice,
        # but never after the right to sue has ended.
        deadline = max(deadline, season_end)
        basis = _(
            "Dommages causés par le déneigement pendant l'hiver : la Ville reçoit la réclamation jusqu'au "
            "%(date)s (pratique de la Ville), jamais moins que les 15 jours de la loi (Loi sur les cités et "
            "villes, art. 585)."
        ) % {"date": in_words(season_end)}
        if deadline > prescription:
            deadline, prescription_first = prescription, True
            basis += " " + _(
                "Attention : votre droit de poursuivre la Ville prend fin le %(prescription)s, avant le %(date)s. "
                "Envoyez votre réclamation au plus tard le %(prescription)s."
            ) % {"prescription": in_words(prescription), "date": in_words(season_end)}
    elif snow_removal:
        basis += (
            " "
            + _(
                "L'événement a eu lieu hors de la saison de déneigement (du %(start)s au %(end)s) : le délai ordinaire "
                "de 15 jours s'applique."
            )
            % snow_removal_season_words()
        )
    return ClaimClocks(
        notice_deadline=deadline,
        notice_basis=basis,
        prescription=prescription,
        prescription_basis=prescription_basis,
        notice_is_late=filed_on > deadline,
        prescription_first=prescription_first,
    )


def access_answer_deadline(received_on: dt.date, *, extended: bool = False) -> dt.date:
    """A-2.1 art. 47: 20 calendar days from receipt, 30 when extended once; a last day that is a jour
    férié moves to the next day that is not (I-16 art. 52), a Saturday does not."""
    days = ACCESS_ANSWER_DAYS + (ACCESS_EXTENSION_DAYS if extended else 0)
    return legal_calendar.next_non_holiday(received_on + dt.timedelta(days=days))


def access_extension_possible(received_on: dt.date, today: dt.date) -> bool:
    """The extension notice must go out before the 20-day delay has expired (art. 47)."""
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
