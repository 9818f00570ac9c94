"""« Nos normes de service » (issue 6): figures a person can check by hand, computed nightly, published."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from requests_app.enums import Channel, EventKind, Status
from requests_app.models import RequestEvent, ServiceRequest, StandardResult
from requests_app.services.standards import standards_refresh

from ..factories import submit_request

pytestmark = pytest.mark.django_db
D = dt.date


def at(day: dt.date, hour=10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def pothole(received: dt.date, completed: dt.date | None = None, status=None):
    request = submit_request(received_at=at(received))
    changes = {}
    if completed:
        changes.update(completed_on=completed, status=Status.COMPLETED)
    if status:
        changes["status"] = status
    if changes:
        ServiceRequest.objects.filter(pk=request.pk).update(**changes)
    return request


@freeze_time("2026-11-23 12:00:00")
def test_median_and_share_within_the_standard_as_counted_by_hand(client):
    # Nid-de-poule: standard 5 business days. Mondays 2 and 9 November; no holidays in between.
    pothole(D(2026, 11, 2), D(2026, 11, 4))  # 2 days: within
    pothole(D(2026, 11, 2), D(2026, 11, 9))  # 5 days: within (the standard itself)
    pothole(D(2026, 11, 2), D(2026, 11, 10))  # 6 days: late
    pothole(D(2026, 11, 9), D(2026, 11, 19))  # 8 days: late
    pothole(D(2026, 11, 3))  # open for 14 business days: late already
    pothole(D(2026, 11, 20))  # open 1 day: not judged yet
    pothole(D(2026, 11, 5), status=Status.REJECTED)  # not counted
    pothole(D(2025, 11, 1), D(2025, 11, 3))  # outside the 12 months
    standards_refresh()
    result = StandardResult.objects.get(request_type__code="nid-de-poule")
    assert result.received == 6 and result.completed == 4
    # Delays 2, 5, 6, 8: the median is (5 + 6) / 2.
    assert result.median_days == pytest.approx(5.5)
    # Within: 2 of the 5 whose outcome is known (4 completed + 1 open past its standard).
    assert (result.within_standard, result.assessed, result.percent_within) == (2, 5, 40)

    page = html.unescape(client.get(reverse("requests:standards")).content.decode())
    assert "Nos normes de service" in page and "Travaux publics" in page
    assert "5,5 j. ouvr." in page and "40 %" in page
    assert "<svg" in page and "part des requêtes complétées dans la norme" in page


@freeze_time("2026-11-23 12:00:00")
def test_holidays_do_not_count_in_the_delay():
    # Thanksgiving 2026 is Monday 12 October.
    pothole(D(2026, 10, 9), D(2026, 10, 14))  # Fri → Wed over the holiday Monday: 2 business days
    standards_refresh()
    assert StandardResult.objects.get(request_type__code="nid-de-poule").median_days == 2


@freeze_time("2026-11-23 12:00:00")
def test_the_page_reads_the_nightly_figures_and_does_not_compute(client, django_assert_max_num_queries):
    pothole(D(2026, 11, 2), D(2026, 11, 4))
    standards_refresh()
    pothole(D(2026, 11, 3), D(2026, 11, 4))  # after the nightly run: not on the page until the next
    with django_assert_max_num_queries(6):
        response = client.get(reverse("requests:standards"))
    shown = {
        row.request_type.code: row.received for _service, rows, _chart in response.context["sections"] for row in rows
    }
    assert shown["nid-de-poule"] == 1  # the nightly figure, not the two requests now in the table
    assert "Chiffres calculés le 2026-11-23" in response.content.decode()


def test_before_the_first_run_the_page_says_so(client):
    page = html.unescape(client.get(reverse("requests:standards")).content.decode())
    assert "Les premiers résultats seront publiés après le calcul de cette nuit." in page


def emailed(received: dt.date, answered: dt.date | None = None):
    """A citizen's e-mail turned into a request; `answered` when a person at the city acted on it."""
    request = pothole(received)
    ServiceRequest.objects.filter(pk=request.pk).update(channel=Channel.EMAIL)
    if answered:
        RequestEvent.objects.create(request=request, kind=EventKind.ASSIGNED)
        RequestEvent.objects.filter(request=request, kind=EventKind.ASSIGNED).update(created_at=at(answered))
        ServiceRequest.objects.filter(pk=request.pk).update(status=Status.ASSIGNED)
    return request


@freeze_time("2026-11-23 12:00:00")
def test_citizens_e_mails_are_answered_within_3_business_days_and_published(client):
    emailed(D(2026, 11, 2), D(2026, 11, 4))  # 2 business days: within
    emailed(D(2026, 11, 6), D(2026, 11, 11))  # Fri → Wed: 3 business days, within
    emailed(D(2026, 11, 9), D(2026, 11, 13))  # 4: late
    emailed(D(2026, 11, 16))  # no answer after 5 business days: late already
    emailed(D(2026, 11, 20))  # 1 business day: not judged yet
    pothole(D(2026, 11, 2), D(2026, 11, 3))  # filed on the web: not an e-mail
    standards_refresh()
    result = StandardResult.objects.get(request_type__isnull=True)
    assert (result.target_business_days, result.received, result.completed) == (3, 5, 3)
    assert (result.within_standard, result.assessed, result.median_days) == (2, 4, 3)
    page = html.unescape(client.get(reverse("requests:standards")).content.decode())
    assert "Réponse à vos courriels" in page and "50 %" in page


@freeze_time("2026-11-23 12:00:00")
def test_the_technicien_list_flags_e_mails_waiting_past_3_business_days(client, technicien):
    late, recent = emailed(D(2026, 11, 17)), emailed(D(2026, 11, 19))  # 4 and 2 business days old
    client.force_login(technicien)
    page = html.unescape(client.get(reverse("admin:requests_app_servicerequest_changelist")).content.decode())
    assert page.count("courriel sans réponse depuis plus de 3 jours ouvrables") == 1
    assert page.count("courriel à répondre") == 1
    assert late.number in page and recent.number in page
