"""Jours ouvrables: weekends, Québec statutory holidays (computed) and municipal closures (data).

Every delay the portal counts in business days goes through this module, so that a closure
entered by staff moves digest dates, ages and service standards alike.
"""

import bisect
import calendar
import datetime as dt
import time
from dataclasses import dataclass
from functools import lru_cache

from dateutil.easter import easter
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from core.dates import month_day

CLOSURES_CACHE_KEY = "business-days:closures"
_MEMO_SECONDS = 30
_memo: dict = {"at": float("-inf"), "closures": None}


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


@dataclass(frozen=True)
class Closures:
    """The municipal closures: days entered one by one, and the annual periods with the years they skip."""

    days: frozenset[dt.date] = frozenset()
    # (first day "MM-DD", last day "MM-DD", years skipped): plain values, so that an edited period
    # is a different key for the caches below.
    periods: tuple[tuple[str, str, frozenset[int]], ...] = ()


def _load_closures() -> Closures:
    from requests_app.models import ClosureDay, RecurringClosure

    periods = RecurringClosure.objects.filter(is_active=True).prefetch_related("skipped_years")
    return Closures(
        days=frozenset(ClosureDay.objects.values_list("date", flat=True)),
        periods=tuple(
            (period.starts_on, period.ends_on, frozenset(skip.year for skip in period.skipped_years.all()))
            for period in periods
        ),
    )


def closures() -> Closures:
    """Municipal closures, read at most once per process every few seconds, shared through the cache."""
    now = time.monotonic()
    if now - _memo["at"] > _MEMO_SECONDS:
        loaded = cache.get(CLOSURES_CACHE_KEY)
        if not isinstance(loaded, Closures):
            loaded = _load_closures()
            cache.set(CLOSURES_CACHE_KEY, loaded, 3600)
        _memo.update(at=now, closures=loaded)
    return _memo["closures"]


def period_days(starts_on: str, ends_on: str, year: int) -> list[dt.date]:
    """The days of an annual period ("12-24" to "01-02") that begins in `year`, the next January's included."""
    first = dt.date(year, *month_day(starts_on))
    end = month_day(ends_on)
    last = dt.date(year + (1 if end < (first.month, first.day) else 0), *end)
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


@lru_cache(maxsize=256)
def _closed_days(year: int, current: Closures) -> frozenset[dt.date]:
    days = {day for day in current.days if day.year == year}
    for starts_on, ends_on, skipped in current.periods:
        for start_year in (year - 1, year):  # last year's Fêtes end in this January
            if start_year not in skipped:
                days.update(day for day in period_days(starts_on, ends_on, start_year) if day.year == year)
    return frozenset(days)


def is_closed(day: dt.date) -> bool:
    """A municipal closure: a day entered by staff, or a day of an annual closure in force that year."""
    return day in _closed_days(day.year, closures())


def closures_changed() -> None:
    """Called after staff edit closures: the next count sees them."""
    cache.delete(CLOSURES_CACHE_KEY)
    _memo["at"] = float("-inf")


def local_tz():
    return timezone.get_current_timezone()


def clear_caches() -> None:
    """After a settings change (tests): holidays and closures are computed again."""
    quebec_holidays.cache_clear()
    _closed_days.cache_clear()
    _weekday_closures_cached.cache_clear()
    closures_changed()


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in quebec_holidays(day.year) and not is_closed(day)


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
def _weekday_closures_cached(first_year: int, last_year: int, current: Closures) -> tuple[dt.date, ...]:
    days: set[dt.date] = set()
    for year in range(first_year, last_year + 1):
        days.update(quebec_holidays(year))
        days.update(_closed_days(year, current))
    return tuple(sorted(day for day in days if day.weekday() < 5))


def _weekday_closures(first_year: int, last_year: int) -> tuple[dt.date, ...]:
    return _weekday_closures_cached(first_year, last_year, closures())


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
    """The first business day of the month's last full work week (Monday to Friday inside the month).
    This reconciles 4.1 (« premier jour ouvré de la dernière semaine ») with 4.2.3 (« le dernier lundi
    d'une semaine complète »). When a closure covers that whole week (the Fêtes in December 2027,
    2028, 2029, 2032), the list goes out in the full week before it, so that it always comes before
    the deadline, the month's last business day."""
    last = _month_end(year, month)
    friday = last - dt.timedelta(days=(last.weekday() - 4) % 7)
    while friday.day >= 5:  # its Monday is still in the month
        monday = friday - dt.timedelta(days=4)
        for offset in range(5):
            day = monday + dt.timedelta(days=offset)
            if is_business_day(day):
                return day
        friday -= dt.timedelta(days=7)
    return deadline_date(year, month)  # a month closed in every full week: the list goes with the deadline


def deadline_date(year: int, month: int) -> dt.date:
    """The last business day of the month: the responsables' answers are due (4.2.3)."""
    return previous_business_day(_month_end(year, month))


def elus_date(year: int, month: int) -> dt.date:
    """The first business day of the month: the élus receive the digest (4.1)."""
    return next_business_day(dt.date(year, month, 1))
