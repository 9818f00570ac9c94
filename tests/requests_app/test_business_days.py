import datetime as dt

import pytest

from requests_app import business_days
from requests_app.models import ClosureDay, RecurringClosure, RecurringClosureSkip

D = dt.date


def test_quebec_holidays_2026_are_computed():
    assert set(business_days.quebec_holidays(2026)) == {
        D(2026, 1, 1),
        D(2026, 4, 3),
        D(2026, 5, 18),
        D(2026, 6, 24),
        D(2026, 7, 1),
        D(2026, 9, 7),
        D(2026, 10, 12),
        D(2026, 12, 25),
    }


def test_patriotes_is_the_monday_strictly_before_may_25_even_when_the_25th_is_a_monday():
    assert D(2026, 5, 18) in business_days.quebec_holidays(2026)
    assert D(2027, 5, 24) in business_days.quebec_holidays(2027)


def test_fete_nationale_and_canada_day_move_to_monday_when_on_a_sunday():
    holidays = business_days.quebec_holidays(2029)
    assert D(2029, 6, 25) in holidays and D(2029, 6, 24) not in holidays
    assert D(2029, 7, 2) in holidays and D(2029, 7, 1) not in holidays


def test_good_friday_in_march(settings):
    assert D(2027, 3, 26) in business_days.quebec_holidays(2027)


def test_city_may_choose_easter_monday_instead_of_good_friday(settings):
    settings.EASTER_HOLIDAY = "easter_monday"
    business_days.clear_caches()
    try:
        holidays = business_days.quebec_holidays(2026)
        assert D(2026, 4, 6) in holidays and D(2026, 4, 3) not in holidays
    finally:
        business_days.clear_caches()


@pytest.mark.django_db
def test_municipal_closure_is_not_a_business_day_once_entered():
    assert business_days.is_business_day(D(2027, 3, 12))
    ClosureDay.objects.create(date=D(2027, 3, 12), label="Fermeture exceptionnelle")
    business_days.closures_changed()
    assert not business_days.is_business_day(D(2027, 3, 12))


@pytest.mark.django_db
def test_the_fetes_closure_is_in_force_out_of_the_box_from_24_december_to_2_january():
    closed = [D(2026, 12, 24) + dt.timedelta(days=n) for n in range(10)]
    assert not any(business_days.is_business_day(day) for day in closed)
    assert business_days.is_business_day(D(2026, 12, 23)) and business_days.is_business_day(D(2027, 1, 4))
    assert business_days.next_business_day(D(2026, 12, 24)) == D(2027, 1, 4)


@pytest.mark.django_db
def test_the_technicien_can_lift_the_annual_closure_for_one_year():
    fetes = RecurringClosure.objects.get()
    RecurringClosureSkip.objects.create(closure=fetes, year=2027)
    business_days.closures_changed()
    assert business_days.is_business_day(D(2027, 12, 27)) and business_days.is_business_day(D(2027, 12, 31))
    assert not business_days.is_business_day(D(2026, 12, 28)) and not business_days.is_business_day(D(2028, 12, 27))
    fetes.ends_on = "12-31"
    fetes.save()
    business_days.closures_changed()
    assert business_days.is_business_day(D(2029, 1, 2)) and not business_days.is_business_day(D(2029, 12, 31))


@pytest.mark.django_db
def test_age_skips_weekends_and_holidays():
    # Thursday 2026-06-18 to Thursday 2026-06-25: Fri 19, Mon 22, Tue 23, Thu 25 (Wed 24 is the Fête nationale).
    assert business_days.business_days_between(D(2026, 6, 18), D(2026, 6, 25)) == 4
    assert business_days.business_days_between(D(2026, 6, 18), D(2026, 6, 18)) == 0


@pytest.mark.django_db
def test_add_and_next_business_day():
    assert business_days.next_business_day(D(2026, 12, 25)) == D(2027, 1, 4)  # the Fêtes closure
    assert business_days.add_business_days(D(2026, 12, 23), 1) == D(2027, 1, 4)
    assert business_days.next_business_day(D(2026, 6, 24)) == D(2026, 6, 25)
