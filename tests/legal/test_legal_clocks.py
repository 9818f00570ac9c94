"""The legal clocks, written from the texts: LCV art. 585–586, Loi d'interprétation (I-16) art. 52 and
61(23), C.c.Q. art. 2879, 2925 and 2930, C.p.c. art. 83, A-2.1 art. 47. Every expected date below is
worked out from the article named beside it, never from the code."""

import datetime as dt

import pytest

from core import legal_calendar
from legal.clocks import (
    access_answer_deadline,
    access_extension_possible,
    access_warning,
    claim_clocks,
    snow_removal_season_end,
)
from legal.enums import DamageKind
from requests_app import business_days
from requests_app.models import ClosureDay

D = dt.date
pytestmark = pytest.mark.django_db


def property_claim(event, filed=None, **kwargs):
    return claim_clocks(event_date=event, damage_kind=DamageKind.PROPERTY, filed_on=filed or event, **kwargs)


# --- I-16 art. 61(23): the jours fériés -----------------------------------------------------------


def test_the_holidays_of_the_interpretation_act_in_2027():
    assert set(legal_calendar.interpretation_holidays(2027)) == {
        D(2027, 1, 1),
        D(2027, 3, 26),  # Good Friday
        D(2027, 3, 29),  # and Easter Monday: both, whatever the city observes
        D(2027, 5, 24),  # the Monday before 25 May
        D(2027, 6, 24),
        D(2027, 7, 1),
        D(2027, 9, 6),  # Labour Day
        D(2027, 10, 11),  # Thanksgiving
        D(2027, 12, 25),
    }


def test_canada_day_on_a_sunday_makes_2_july_the_holiday():
    assert D(2029, 7, 2) in legal_calendar.interpretation_holidays(2029)  # 1 July 2029 is a Sunday


def test_saturdays_2_january_and_26_december_are_not_holidays_sundays_are():
    for day in (D(2027, 1, 2), D(2029, 12, 26), D(2027, 1, 9)):
        assert not legal_calendar.is_holiday(day)
    assert legal_calendar.is_holiday(D(2027, 1, 10))


# --- LCV art. 585: the 15-day notice for property damage ------------------------------------------


def test_property_damage_notice_15_days_after_the_event():
    clocks = property_claim(D(2026, 11, 2), D(2026, 11, 10))
    assert clocks.notice_deadline == D(2026, 11, 17)
    assert not clocks.notice_is_late
    assert "art. 585" in clocks.notice_basis


def test_day_15_on_a_saturday_does_not_move():
    # 6 November 2026 + 15 days = Saturday 21 November: not a jour férié (I-16 art. 61(23)).
    clocks = property_claim(D(2026, 11, 6), D(2026, 11, 23))
    assert clocks.notice_deadline == D(2026, 11, 21)
    assert clocks.notice_is_late


def test_day_15_on_a_sunday_moves_to_monday():
    # I-16 art. 52: the thing may be done on the next day that is not a holiday.
    assert property_claim(D(2026, 11, 7)).notice_deadline == D(2026, 11, 23)


def test_day_15_on_easter_monday_moves_and_a_notice_filed_the_next_day_is_on_time(settings):
    settings.EASTER_HOLIDAY = "good_friday"  # the city's own choice changes nothing to the law's calendar
    business_days.clear_caches()
    clocks = property_claim(D(2027, 3, 14), D(2027, 3, 30))  # + 15 = Easter Monday 29 March 2027
    assert clocks.notice_deadline == D(2027, 3, 30)
    assert not clocks.notice_is_late


def test_day_15_on_good_friday_moves_to_the_saturday():
    assert property_claim(D(2027, 3, 11)).notice_deadline == D(2027, 3, 27)


def test_municipal_closures_move_no_notice_deadline():
    # The Fêtes closure (24 December – 2 January) is in force out of the box; add a day on top of it.
    ClosureDay.objects.create(date=D(2027, 1, 4), label="Fermeture exceptionnelle")
    business_days.closures_changed()
    assert property_claim(D(2026, 12, 10)).notice_deadline == D(2026, 12, 26)  # Noël → Saturday 26
    assert property_claim(D(2026, 12, 18)).notice_deadline == D(2027, 1, 2)  # Saturday 2 January
    assert property_claim(D(2026, 12, 17)).notice_deadline == D(2027, 1, 2)  # 1 January → 2 January
    assert property_claim(D(2029, 12, 11)).notice_deadline == D(2029, 12, 26)  # a Wednesday 26 December


def test_a_late_notice_is_flagged_not_refused():
    clocks = property_claim(D(2026, 10, 1), D(2026, 11, 1))
    assert clocks.notice_is_late and clocks.notice_deadline == D(2026, 10, 16)


def test_the_notice_deadline_is_always_the_first_non_holiday_from_day_15():
    for offset in range(5 * 366):
        event = D(2026, 1, 1) + dt.timedelta(days=offset)
        deadline = property_claim(event).notice_deadline
        day_15 = event + dt.timedelta(days=15)
        assert not legal_calendar.is_holiday(deadline), event
        assert all(legal_calendar.is_holiday(day_15 + dt.timedelta(days=n)) for n in range((deadline - day_15).days))


# --- Prescription: LCV art. 586, C.c.Q. art. 2925, 2930, 2879; C.p.c. art. 83 -----------------------


def test_property_damage_is_prescribed_after_6_months_moved_off_a_sunday():
    clocks = property_claim(D(2026, 11, 2))
    assert clocks.prescription == D(2027, 5, 3)  # 2 May 2027 is a Sunday (C.c.Q. art. 2879)
    assert "art. 586" in clocks.prescription_basis and "2879" in clocks.prescription_basis


def test_a_month_without_the_same_day_ends_on_its_last_day():
    assert property_claim(D(2027, 8, 31)).prescription == D(2028, 2, 29)  # C.p.c. art. 83, leap year
    assert property_claim(D(2026, 8, 31)).prescription == D(2027, 3, 1)  # 28 February 2027 is a Sunday


def test_a_prescription_ending_on_a_saturday_or_a_holiday_moves_to_the_next_working_day():
    assert property_claim(D(2026, 11, 1)).prescription == D(2027, 5, 3)  # Saturday 1 May 2027
    assert property_claim(D(2026, 12, 24)).prescription == D(2027, 6, 25)  # 24 June 2027


def test_bodily_injury_needs_no_notice_and_has_3_years():
    clocks = claim_clocks(event_date=D(2026, 1, 20), damage_kind=DamageKind.BODILY, filed_on=D(2026, 6, 1))
    assert clocks.notice_deadline is None and not clocks.notice_is_late
    assert clocks.prescription == D(2029, 1, 22)  # 20 January 2029 is a Saturday
    assert "2930" in clocks.notice_basis and "2925" in clocks.prescription_basis


def test_another_loss_has_no_15_day_notice_nor_late_flag_and_shows_its_prescription():
    clocks = claim_clocks(event_date=D(2026, 10, 1), damage_kind=DamageKind.OTHER, filed_on=D(2026, 11, 20))
    assert clocks.notice_deadline is None and not clocks.notice_is_late
    assert clocks.prescription == D(2027, 4, 1)
    assert "art. 586" in clocks.prescription_basis


# --- Snow removal: the city's season ---------------------------------------------------------------


def test_snow_removal_damage_in_winter_is_received_until_the_spring_date():
    clocks = property_claim(D(2026, 12, 15), D(2027, 4, 30), snow_removal=True)
    assert clocks.notice_deadline == D(2027, 5, 15)
    assert not clocks.notice_is_late and not clocks.prescription_first


def test_snow_removal_outside_the_season_has_the_ordinary_notice():
    assert snow_removal_season_end(D(2027, 5, 16)) is None
    assert property_claim(D(2027, 5, 16), snow_removal=True).notice_deadline == D(2027, 5, 31)
    assert property_claim(D(2027, 7, 1), snow_removal=True).notice_deadline == D(2027, 7, 16)
    assert property_claim(D(2026, 10, 31), snow_removal=True).notice_deadline == D(2026, 11, 16)


def test_snow_removal_notice_never_later_than_the_prescription():
    clocks = property_claim(D(2026, 11, 1), snow_removal=True)  # 6 months end before 15 May
    assert clocks.prescription == D(2027, 5, 3)
    assert clocks.notice_deadline == clocks.prescription and clocks.prescription_first
    assert "prend fin le 3 mai 2027, avant le 15 mai 2027" in clocks.notice_basis


def test_snow_removal_never_stricter_than_the_law_and_follows_the_settings(settings):
    assert property_claim(D(2027, 5, 15), snow_removal=True).notice_deadline == D(2027, 5, 31)
    settings.SNOW_REMOVAL_CLAIMS_UNTIL = "04-30"
    assert property_claim(D(2027, 2, 1), D(2027, 5, 3), snow_removal=True).notice_is_late


# --- art. 47: the answer to an access request --------------------------------------------------


def test_access_answer_in_20_days_moved_off_a_sunday():
    assert access_answer_deadline(D(2026, 11, 23)) == D(2026, 12, 14)  # 13 December is a Sunday
    assert access_answer_deadline(D(2026, 11, 22)) == D(2026, 12, 12)  # a Saturday is not férié
    assert access_answer_deadline(D(2026, 12, 5)) == D(2026, 12, 26)  # Noël → 26 December
    assert access_answer_deadline(D(2026, 12, 13)) == D(2027, 1, 2)  # 2 January is not férié


def test_an_extended_deadline_on_a_sunday_moves_to_monday():
    assert access_answer_deadline(D(2026, 11, 13), extended=True) == D(2026, 12, 14)
    assert access_answer_deadline(D(2026, 11, 23), extended=True) == D(2026, 12, 23)


def test_the_extension_is_possible_until_the_20_day_deadline():
    assert access_extension_possible(D(2026, 11, 23), D(2026, 12, 14))
    assert not access_extension_possible(D(2026, 11, 23), D(2026, 12, 15))


def test_access_request_warnings_day_15_last_day_and_overdue():
    received = D(2026, 11, 23)
    assert access_warning(received, D(2026, 12, 7)) is None
    assert access_warning(received, D(2026, 12, 8)) == "day15"
    assert access_warning(received, D(2026, 12, 13)) is None
    assert access_warning(received, D(2026, 12, 14)) == "last_day"
    assert access_warning(received, D(2026, 12, 15)) == "overdue"
    assert access_warning(received, D(2026, 12, 15), extended=True) is None
    assert access_warning(received, D(2026, 12, 23), extended=True) == "last_day"
