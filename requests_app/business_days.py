"""Jours ouvrables: weekends, Québec statutory holidays (computed) and municipal closures (data).

Every delay the portal counts in business days goes through this module, so that a closure
entered by staff moves digest dates, ages and service standards alike.
"""

import bisect
import calendar
import datetime as dt
import time
from functools import lru_cache

from dateutil.easter import easter
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

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
    if settings.EASTER_HOLIDAY == "easter_monday":
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


def local_tz():
    return timezone.get_current_timezone()


def clear_caches() -> None:
    """After a settings change (tests): holidays and closures are computed again."""
    quebec_holidays.cache_clear()
    _weekday_closures_cached.cache_clear()
    closures_changed()


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in quebec_holidays(day.year) and day not in closure_dates()


def next_business_day(day: dt.date) -> dt.date:
    """The day itself when it is a business day, else the next one."""
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return day


def previous_business_day(day: dt.date) -> dt.date:
    """The day itself when it is a business day, else the one before."""
    while not is_business_day(day):
        day -= dt.timedelta(days=1)
    return day


def add_business_days(day: dt.date, count: int) -> dt.date:
    """`count` business days after `day` (before it when negative)."""
    step = dt.timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining > 0:
        day += step
        if is_business_day(day):
            remaining -= 1
    return day


def _weekdays_after(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days in (start, end], in constant time."""

    def weekdays_through(day: dt.date) -> int:
        ordinal = day.toordinal()  # ordinal 1 (0001-01-01) is a Monday
        weeks, rest = divmod(ordinal, 7)
        return weeks * 5 + min(rest, 5)

    return weekdays_through(end) - weekdays_through(start)


@lru_cache(maxsize=256)
def _weekday_closures_cached(first_year: int, last_year: int, closures: frozenset) -> tuple[dt.date, ...]:
    days = set(closures)
    for year in range(first_year, last_year + 1):
        days.update(quebec_holidays(year))
    return tuple(sorted(day for day in days if day.weekday() < 5))


def _weekday_closures(first_year: int, last_year: int) -> tuple[dt.date, ...]:
    return _weekday_closures_cached(first_year, last_year, closure_dates())


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days after `start` up to and including `end`: a request received today is 0 days old.

    Counted arithmetically (weekdays minus holidays and closures on weekdays), so the age of a
    request fifteen years old costs the same as one from yesterday.
    """
    if end <= start:
        return 0
    closed = _weekday_closures(start.year, end.year)
    return _weekdays_after(start, end) - (bisect.bisect_right(closed, end) - bisect.bisect_right(closed, start))


# --- the monthly RNC dates (policy 4.1 and 4.2.3) -------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def responsables_date(year: int, month: int) -> dt.date:
    """The Monday of the month's last full work week (Monday to Friday inside the month), or the
    next business day of that week when the Monday is not one. This reconciles 4.1 (« premier jour
    ouvré de la dernière semaine ») with 4.2.3 (« le dernier lundi d'une semaine complète »)."""
    last = _month_end(year, month)
    last_friday = last - dt.timedelta(days=(last.weekday() - 4) % 7)
    monday = last_friday - dt.timedelta(days=4)
    for offset in range(5):
        day = monday + dt.timedelta(days=offset)
        if is_business_day(day):
            return day
    return monday  # a week closed from Monday to Friday: keep the Monday rather than skip the month


def deadline_date(year: int, month: int) -> dt.date:
    """The last business day of the month: the responsables' answers are due (4.2.3)."""
    return previous_business_day(_month_end(year, month))


def elus_date(year: int, month: int) -> dt.date:
    """The first business day of the month: the élus receive the digest (4.1)."""
    return next_business_day(dt.date(year, month, 1))
