"""Policy 4.1 and 4.2.3: every month, each digest goes out once, on a business day, the responsables'
list before its deadline, whatever the holidays and closures of the year."""

import datetime as dt

import pytest

from accounts.enums import Role
from digests import services as digests
from digests.enums import DigestKind
from digests.models import DigestDelivery
from requests_app import business_days as bd
from requests_app.models import RecurringClosure

from ..factories import UserFactory, service

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("easter", ["good_friday", "easter_monday"])
@pytest.mark.parametrize("fetes_closure", [True, False])
def test_every_digest_is_due_once_a_month_on_a_business_day_from_2026_to_2040(settings, easter, fetes_closure):
    settings.EASTER_HOLIDAY = easter
    if not fetes_closure:
        RecurringClosure.objects.all().delete()
    bd.clear_caches()
    first_due = {}  # (month, kind) → the day the daily run first found it due
    day = D(2026, 1, 1)
    while day <= D(2040, 12, 31):
        for kind, scheduled_for in digests.digest_windows(day):
            key = (day.replace(day=1), kind)
            if key not in first_due:
                first_due[key] = day
                assert scheduled_for == day, key  # due on its own day, never caught up later
                assert bd.is_business_day(day), key
        day += dt.timedelta(days=1)
    months = [D(year, month, 1) for year in range(2026, 2041) for month in range(1, 13)]
    for month in months:
        deadline = bd.deadline_date(month.year, month.month)
        listed = first_due[(month, DigestKind.RESPONSABLE)]
        assert listed <= first_due[(month, DigestKind.REMINDER)] <= deadline, month
        assert (month, DigestKind.ELUS) in first_due
    assert len(first_due) == 3 * len(months)
    bd.clear_caches()


def test_december_2028_lists_go_out_once_to_every_responsable_including_schema_b_execution(
    django_capture_on_commit_callbacks,
):
    reception = UserFactory(username="resp-tp", roles=[Role.RESPONSABLE])
    execution = UserFactory(username="surintendant", roles=[Role.RESPONSABLE])
    UserFactory(username="elu", roles=[Role.ELU])
    travaux = service("travaux-publics")
    travaux.responsable, travaux.execution_responsable = reception, execution
    travaux.save()
    for offset in range(31):
        digests.digests_dispatch(today=D(2028, 12, 1) + dt.timedelta(days=offset), enqueue=False)
    lists = DigestDelivery.objects.filter(month=D(2028, 12, 1), kind=DigestKind.RESPONSABLE)
    assert sorted(lists.values_list("recipient__username", flat=True)) == ["resp-tp", "surintendant"]
    assert set(lists.values_list("scheduled_for", "is_late")) == {(D(2028, 12, 18), False)}
    assert DigestDelivery.objects.filter(month=D(2028, 12, 1), kind=DigestKind.ELUS).count() == 1
