"""The calendars the laws themselves name, for the legal clocks of claims and access requests.

These are not the city's business days (`business_days`): a law's delay does not care whether the
city hall is closed, and a Saturday is not a holiday. Two calendars are used, each where its text
says so:

* *jour férié* of the Loi d'interprétation (RLRQ c. I-16, art. 61(23)): when the last day of a
  delay is one, the thing may still be done the next day that is not (art. 52). The 15-day notice
  of a claim (LCV art. 585) and the answer to an access request (A-2.1 art. 47) follow it.
* *jour juridique*: neither a Saturday nor a *jour férié*. A prescription whose last day is a
  Saturday or a holiday is acquired only on the next working day (C.c.Q. art. 2879), and the Code
  of civil procedure counts months and moves its own delays the same way (C.p.c. art. 83).

Municipal closures (the Fêtes, an exceptional closure) move none of these dates.
"""

import calendar
import datetime as dt
from functools import lru_cache

from dateutil.easter import easter

ONE_DAY = dt.timedelta(days=1)
SATURDAY, SUNDAY = 5, 6


def _nth_monday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(-first.weekday()) % 7 + 7 * (n - 1))


@lru_cache(maxsize=64)
def interpretation_holidays(year: int) -> dict[dt.date, str]:
    """The dated *jours fériés* of I-16 art. 61(23); Sundays are holidays too (see `is_holiday`).

    Unlike the city's calendar, both Good Friday and Easter Monday are holidays, a 24 June on a
    Sunday moves nothing to the 25th, and neither 2 January nor 26 December is a holiday.
    """
    easter_sunday = easter(year)
    may_25 = dt.date(year, 5, 25)
    canada_day = dt.date(year, 7, 1)
    return {
        dt.date(year, 1, 1): "Jour de l'An",
        easter_sunday - 2 * ONE_DAY: "Vendredi saint",
        easter_sunday + ONE_DAY: "Lundi de Pâques",
        # « le lundi qui précède le 25 mai » (Journée nationale des patriotes).
        may_25 - dt.timedelta(days=may_25.weekday() or 7): "Journée nationale des patriotes",
        dt.date(year, 6, 24): "Fête nationale",
        # « le 1er juillet ... ou le 2 juillet si le 1er tombe un dimanche ».
        canada_day + ONE_DAY if canada_day.weekday() == SUNDAY else canada_day: "Fête du Canada",
        _nth_monday(year, 9, 1): "Fête du Travail",
        _nth_monday(year, 10, 2): "Action de grâces",
        dt.date(year, 12, 25): "Noël",
    }


def is_holiday(day: dt.date) -> bool:
    """A *jour férié* in the sense of I-16 art. 61(23): every Sunday and the dated holidays."""
    return day.weekday() == SUNDAY or day in interpretation_holidays(day.year)


def next_non_holiday(day: dt.date) -> dt.date:
    """I-16 art. 52: a thing due on a *jour férié* may be done the next day that is not one."""
    while is_holiday(day):
        day += ONE_DAY
    return day


def is_juridical_day(day: dt.date) -> bool:
    """Neither a Saturday nor a *jour férié* (C.c.Q. art. 2879; C.p.c. art. 83)."""
    return day.weekday() != SATURDAY and not is_holiday(day)


def next_juridical_day(day: dt.date) -> dt.date:
    """C.c.Q. art. 2879: a prescription ending on a Saturday or a holiday is acquired the next working day."""
    while not is_juridical_day(day):
        day += ONE_DAY
    return day


def add_months(day: dt.date, months: int) -> dt.date:
    """C.p.c. art. 83: a delay in months ends on the day of the last month bearing the same number,
    or on that month's last day when it has none (31 August + 6 months = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
