"""Dates in words as a person reads them: « 1er mai 2027 » in French, « 1 May 2027 » in English."""

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def in_words(value: dt.date, *, year: bool = True) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    text = date_format(value, "j F Y" if year else "j F")
    if value.day == 1 and (get_language() or "fr").startswith("fr"):
        text = "1er" + text[1:]  # French writes the first of the month as an ordinal
    return text


def month_day(value: str) -> tuple[int, int]:
    """A day of the year written MM-DD (settings, annual closures): "12-24" → (12, 24)."""
    month, day = (int(part) for part in value.split("-"))
    return month, day


def at_in_words(value: dt.datetime) -> str:
    """« 30 novembre 2026 à 12 h 45 »: the moment, in the city's time, as a person writes it."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return _("%(date)s à %(hour)s h %(minute)s") % {
        "date": in_words(local.date()),
        "hour": local.hour,
        "minute": f"{local.minute:02d}",
    }
