"""Dates in words as a person reads them: « 1er mai 2027 » in French, « 1 May 2027 » in English."""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import get_language


def in_words(value: dt.date, *, year: bool = True) -> str:
    text = date_format(value, "j F Y" if year else "j F")
    if value.day == 1 and (get_language() or "fr").startswith("fr"):
        text = "1er" + text[1:]  # French writes the first of the month as an ordinal
    return text


def month_day(value: str) -> tuple[int, int]:
    """A day of the year written MM-DD (settings, annual closures): "12-24" → (12, 24)."""
    month, day = (int(part) for part in value.split("-"))
    return month, day
