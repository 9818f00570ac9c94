"""Jours ouvrables: weekends, Québec statutory holidays (computed) and municipal closures (data).

Every delay the portal counts in business days goes through this module, so that a closure
entered by staff moves digest dates, ages and service standards alike.
"""

import datetime as dt
import time
from functools import lru_cache

from dateutil.easter import easter
from django.conf import settings
from django.core.cache import cache

CLOSURES_CACHE_KEY = "business-days:closures"
_MEMO_SECONDS = 30
_memo: dict = {"at": float("-inf"), "dates": frozenset()}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def _sunday_moves_to_monday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=1) if day.weekday() == 6 else day


@lru_cache(maxsize=64)
def quebec_holidays(year: int) -> dict[dt.date, str]:
    """Statutory holidays (Loi sur les normes du travail and Loi sur la fête nationale)."""
    easter_sunday = easter(year)
    if getattr(settings, "EASTER_HOLIDAY", "good_friday") == "easter_monday":
        easter_day = (easter_sunday + dt.timedelta(days=1), "Lundi de Pâques")
    else:
        easter_day = (easter_sunday - dt.timedelta(days=2), "Vendredi saint")
    may_25 = dt.date(year, 5, 25)
    patriotes = may_25 - dt.timedelta(days=(may_25.weekday() or 7))  # the Monday strictly before
    return dict(
        [
            (dt.date(year, 1, 1), "Jour de l'An"),
            easter_day,
            (patriotes, "Journée nationale des patriotes"),
            (_sunday_moves_to_monday(dt.date(year, 6, 24)), "Fête nationale du Québec"),
            (_sunday_moves_to_monday(dt.date(year, 7, 1)), "Fête du Canada"),
            (_nth_weekday(year, 9, 0, 1), "Fête du Travail"),
            (_nth_weekday(year, 10, 0, 2), "Action de grâce"),
            (dt.date(year, 12, 25), "Noël"),
        ]
    )


def _load_closures() -> frozenset[dt.date]:
    from requests_app.models import ClosureDay

    return frozenset(ClosureDay.objects.values_list("date", flat=True))


def closure_dates() -> frozenset[dt.date]:
    """Municipal closures, read at most once per process every few seconds, shared through the cache."""
    now = time.monotonic()
    if now - _memo["at"] > _MEMO_SECONDS:
        dates = cache.get(CLOSURES_CACHE_KEY)
        if dates is None:
            dates = _load_closures()
            cache.set(CLOSURES_CACHE_KEY, dates, 3600)
        _memo.update(at=now, dates=frozenset(dates))
    return _memo["dates"]


def closures_changed() -> None:
    """Called after staff edit closures: the next count sees them."""
    cache.delete(CLOSURES_CACHE_KEY)
    _memo["at"] = float("-inf")


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in quebec_holidays(day.year) and day not in closure_dates()


def next_business_day(day: dt.date) -> dt.date:
    """The day itself when it is a business day, else the next one."""
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return day


def add_business_days(day: dt.date, count: int) -> dt.date:
    while count > 0:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days after `start` up to and including `end`: a request received today is 0 days old."""
    if end <= start:
        return 0
    days = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            days += 1
    return days
