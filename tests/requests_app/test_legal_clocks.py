import datetime as dt

import pytest

from requests_app import business_days
from requests_app.legal_clocks import (
    DamageKind,
    access_answer_deadline,
    access_extension_possible,
    access_warning,
    claim_clocks,
)
from requests_app.models import ClosureDay

D = dt.date
pytestmark = pytest.mark.django_db


def test_property_damage_notice_15_days_and_6_months_to_sue():
    clocks = claim_clocks(event_date=D(2026, 11, 2), damage_kind=DamageKind.PROPERTY, filed_on=D(2026, 11, 10))
    assert clocks.notice_deadline == D(2026, 11, 17)
    assert clocks.prescription == D(2027, 5, 2)
    assert not clocks.notice_is_late
    assert "art. 585" in clocks.notice_basis


def test_day_15_on_a_weekend_moves_to_monday():
    # 2026-11-06 + 15 days = Saturday 21 November.
    clocks = claim_clocks(event_date=D(2026, 11, 6), damage_kind=DamageKind.PROPERTY, filed_on=D(2026, 11, 23))
    assert clocks.notice_deadline == D(2026, 11, 23)
    assert not clocks.notice_is_late


def test_day_15_on_a_holiday_or_a_closure_moves_to_the_next_business_day():
    # 2026-12-10 + 15 = Friday 25 December (Noël); Monday 28 is a municipal closure.
    ClosureDay.objects.create(date=D(2026, 12, 28), label="Congé des Fêtes")
    business_days.closures_changed()
    clocks = claim_clocks(event_date=D(2026, 12, 10), damage_kind=DamageKind.PROPERTY, filed_on=D(2026, 12, 29))
    assert clocks.notice_deadline == D(2026, 12, 29)


def test_a_late_notice_is_flagged_not_refused():
    clocks = claim_clocks(event_date=D(2026, 10, 1), damage_kind=DamageKind.PROPERTY, filed_on=D(2026, 11, 1))
    assert clocks.notice_is_late and clocks.notice_deadline == D(2026, 10, 16)


def test_bodily_injury_needs_no_notice_and_has_3_years():
    clocks = claim_clocks(event_date=D(2026, 1, 20), damage_kind=DamageKind.BODILY, filed_on=D(2026, 6, 1))
    assert clocks.notice_deadline is None and not clocks.notice_is_late
    assert clocks.prescription == D(2029, 1, 20)
    assert "2930" in clocks.notice_basis


def test_snow_removal_damage_is_received_until_the_spring_date(settings):
    winter = claim_clocks(
        event_date=D(2026, 12, 15), damage_kind=DamageKind.PROPERTY, filed_on=D(2027, 4, 30), snow_removal=True
    )
    assert winter.notice_deadline == D(2027, 5, 17)  # 15 May 2027 is a Saturday
    assert not winter.notice_is_late
    settings.SNOW_REMOVAL_CLAIMS_UNTIL = "04-30"
    assert claim_clocks(
        event_date=D(2027, 2, 1), damage_kind=DamageKind.PROPERTY, filed_on=D(2027, 5, 3), snow_removal=True
    ).notice_is_late


def test_access_request_answer_in_20_calendar_days_or_30_with_the_extension():
    assert access_answer_deadline(D(2026, 11, 23)) == D(2026, 12, 13)  # a Sunday: calendar days, as art. 47 says
    assert access_answer_deadline(D(2026, 11, 23), extended=True) == D(2026, 12, 23)
    assert access_extension_possible(D(2026, 11, 23), D(2026, 12, 13))
    assert not access_extension_possible(D(2026, 11, 23), D(2026, 12, 14))


def test_access_request_warnings_day_15_last_day_and_overdue():
    received = D(2026, 11, 23)
    assert access_warning(received, D(2026, 12, 7)) is None
    assert access_warning(received, D(2026, 12, 8)) == "day15"
    assert access_warning(received, D(2026, 12, 13)) == "last_day"
    assert access_warning(received, D(2026, 12, 14)) == "overdue"
    assert access_warning(received, D(2026, 12, 14), extended=True) is None
    assert access_warning(received, D(2026, 12, 23), extended=True) == "last_day"
