import datetime as dt
import random

import pytest
from django.core.management import call_command

from requests_app import business_days as bd
from requests_app.models import ClosureDay

D = dt.date
pytestmark = pytest.mark.django_db


def dates(year, month):
    return bd.responsables_date(year, month), bd.deadline_date(year, month), bd.elus_date(year, month)


def test_the_example_of_the_issue_may_2027_with_patriotes_on_the_monday():
    assert dates(2027, 5) == (D(2027, 5, 25), D(2027, 5, 31), D(2027, 5, 3))


def test_month_ending_on_a_friday():
    assert dates(2026, 7) == (D(2026, 7, 27), D(2026, 7, 31), D(2026, 7, 2))  # 1 July is the Fête du Canada


def test_month_ending_on_a_saturday():
    assert dates(2026, 10) == (D(2026, 10, 26), D(2026, 10, 30), D(2026, 10, 1))


def test_easter_in_march_good_friday_is_the_last_business_day():
    # 2024: Good Friday 29 March, the month's last weekday.
    assert bd.deadline_date(2024, 3) == D(2024, 3, 28)


def test_easter_in_april_with_easter_monday_chosen(settings):
    settings.EASTER_HOLIDAY = "easter_monday"
    bd.clear_caches()
    try:
        assert bd.elus_date(2024, 4) == D(2024, 4, 2)  # Easter Monday 1 April 2024
        assert bd.deadline_date(2024, 3) == D(2024, 3, 29)
    finally:
        bd.clear_caches()


def test_fete_nationale_and_canada_day_on_a_sunday():
    # 2029: 24 June and 1 July are Sundays; the 25th and the 2nd are off instead.
    assert bd.responsables_date(2029, 6) == D(2029, 6, 26)
    assert bd.elus_date(2029, 7) == D(2029, 7, 3)


def test_closures_entered_by_staff_move_the_dates():
    assert bd.elus_date(2027, 1) == D(2027, 1, 4)
    ClosureDay.objects.create(date=D(2027, 1, 4), label="Congé des Fêtes")
    ClosureDay.objects.create(date=D(2027, 5, 31), label="Fermeture exceptionnelle")
    bd.closures_changed()
    assert bd.elus_date(2027, 1) == D(2027, 1, 5)
    assert bd.deadline_date(2027, 5) == D(2027, 5, 28)


def test_fast_count_matches_a_day_by_day_count():
    ClosureDay.objects.create(date=D(2026, 12, 28), label="Fêtes")
    bd.closures_changed()
    rng = random.Random(4)
    for _ in range(300):
        start = D(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 1500))
        end = start + dt.timedelta(days=rng.randint(0, 800))
        slow = sum(bd.is_business_day(start + dt.timedelta(days=n)) for n in range(1, (end - start).days + 1))
        assert bd.business_days_between(start, end) == slow, (start, end)


def test_rnc_calendar_command_prints_one_line_per_month(capsys):
    call_command("rnc_calendar", "2027")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 12
    assert lines[4] == "2027-05 responsables=2027-05-25 echeance=2027-05-31 elus=2027-05-03"


def test_december_dates_with_the_fetes_closure_in_force_out_of_the_box():
    # 2026: the last full week (21–25) keeps its Monday; the deadline is the last day before the closure.
    assert dates(2026, 12) == (D(2026, 12, 21), D(2026, 12, 23), D(2026, 12, 1))
    assert bd.elus_date(2027, 1) == D(2027, 1, 4)


@pytest.mark.parametrize(
    "year, responsables, deadline",
    [
        (2027, D(2027, 12, 20), D(2027, 12, 23)),  # the last full week (27–31) is closed
        (2028, D(2028, 12, 18), D(2028, 12, 22)),  # the week of Christmas Day (25–29) is closed
        (2029, D(2029, 12, 17), D(2029, 12, 21)),
        (2032, D(2032, 12, 20), D(2032, 12, 23)),
    ],
)
def test_a_december_whose_last_full_week_is_closed_sends_the_list_the_full_week_before(year, responsables, deadline):
    assert bd.responsables_date(year, 12) == responsables
    assert bd.deadline_date(year, 12) == deadline


def test_rnc_calendar_command_prints_december_with_the_closure_on_a_fresh_install(capsys):
    call_command("rnc_calendar", "2028")
    assert (
        capsys.readouterr().out.splitlines()[11]
        == "2028-12 responsables=2028-12-18 echeance=2028-12-22 elus=2028-12-01"
    )
