"""Duplicates: the Technicien sees them, joins them, and every count still counts one problem once."""

import datetime as dt
import html
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from freezegun import freeze_time

from core.errors import ApplicationError
from digests import reports
from open311 import georeport as open311
from reporting import dashboard
from requests_app import duplicates, services, standards
from requests_app.enums import EventKind, RequestKind, Status
from requests_app.models import RequestEvent, Service, ServiceRequest

from ..factories import assign_and_complete, submit_request

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def words(response) -> str:
    return " ".join(strip_tags(text(response)).split())


def pothole(address="1234, rue Principale", **overrides):
    return submit_request(location_address=address, **overrides)


# --- seeing them ---------------------------------------------------------------------------------


def test_same_nature_same_street_nearby_and_recent_is_a_likely_duplicate():
    first = pothole("1240 Rue Principale, Prévost")
    same_door = pothole("1234, rue principale")
    other_street = pothole("1234, chemin du Lac-Écho")
    far_on_the_street = pothole("1900, rue Principale")
    other_nature = pothole("1236, rue Principale", type_code="lumiere-de-rue")
    new = pothole("1234, rue Principale", requester_name="Jean Nouveau")

    found = duplicates.likely_duplicates(new)

    assert [d.request for d in found] == [same_door, first]  # nearest first
    assert found[0].why == "même adresse" and found[1].why == "même rue, à 6 numéros civiques"
    assert other_street not in [d.request for d in found]
    assert far_on_the_street not in [d.request for d in found] and other_nature not in [d.request for d in found]


def test_positions_are_compared_in_metres_when_both_requests_have_one():
    near = pothole("chemin du Lac-Écho, près du parc", latitude=Decimal("45.867000"), longitude=Decimal("-74.080000"))
    pothole("ailleurs", latitude=Decimal("45.880000"), longitude=Decimal("-74.080000"))  # 1.4 km north
    new = pothole("en face du parc", latitude=Decimal("45.867500"), longitude=Decimal("-74.080500"))

    found = duplicates.likely_duplicates(new)

    assert [d.request for d in found] == [near]
    assert found[0].why == "à 68 m"


def test_old_closed_or_joined_requests_are_not_offered(technicien):
    pothole(received_at=timezone.now() - dt.timedelta(days=45))
    rejected = pothole()
    services.request_reject(service_request=rejected, acting_user=technicien, reason="autre")
    main, joined = pothole(), pothole()
    services.request_merge(service_request=joined, acting_user=technicien, into=main)
    new = pothole()

    assert [d.request for d in duplicates.likely_duplicates(new)] == [main]


def test_the_technicien_sees_them_on_the_request_and_joins_one_in_a_click(client, technicien):
    main = pothole(requester_name="Marie Première")
    new = pothole("1236, rue Principale", requester_name="Jean Second")
    client.force_login(technicien)

    page = text(client.get(reverse("admin:requests_app_servicerequest_change", args=[new.pk])))
    assert "Doublon possible" in page and main.number in page and "même rue, à 2 numéros civiques" in page
    assert f"Joindre cette demande à {main.number}" in page

    response = client.post(reverse("admin:requests_app_servicerequest_merge", args=[new.pk]), {"into": main.pk})

    assert response.url == reverse("admin:requests_app_servicerequest_change", args=[main.pk])
    new.refresh_from_db()
    assert new.status == Status.MERGED and new.duplicate_of == main
    main_page = text(client.get(response.url))
    assert "Signalement joint à cette demande" in main_page and new.number in main_page
    assert f"La demande {new.number} est jointe à la demande {main.number}" in main_page


def test_a_responsable_cannot_join_requests(client, responsable_tp, technicien):
    main, new = pothole(), pothole()
    services.request_assign(service_request=new, acting_user=technicien)
    client.force_login(responsable_tp)
    client.post(reverse("admin:requests_app_servicerequest_merge", args=[new.pk]), {"into": main.pk})
    new.refresh_from_db()
    assert new.status == Status.ASSIGNED and new.duplicate_of is None


# --- joining -------------------------------------------------------------------------------------


def test_joining_tells_the_duplicate_requester_and_records_it_on_both(technicien, django_capture_on_commit_callbacks):
    main = pothole()
    new = pothole(requester_email="jean@example.ca", requester_name="Jean Second")

    with django_capture_on_commit_callbacks(execute=True):
        services.request_merge(service_request=new, acting_user=technicien, into=main)

    new.refresh_from_db()
    assert new.status == Status.MERGED and new.closed_at is not None
    assert RequestEvent.objects.filter(request=new, kind=EventKind.MERGED, actor=technicien).exists()
    assert RequestEvent.objects.get(request=main, kind=EventKind.DUPLICATE_JOINED).note == new.number
    notice = next(m for m in mail.outbox if m.to == ["jean@example.ca"] and "jointe" in m.subject)
    assert main.number in notice.body and new.tracking_token in notice.body


@pytest.mark.parametrize("case", ["itself", "joined", "closed", "information"])
def test_joining_is_refused_where_it_would_lose_a_requester(technicien, case):
    new = pothole()
    if case == "itself":
        main, message = new, "elle-même"
    elif case == "joined":
        main, other = pothole(), pothole()
        services.request_merge(service_request=main, acting_user=technicien, into=other)
        main.refresh_from_db()
        message = f"jointe à la demande {other.number}"
    elif case == "closed":
        main = pothole()
        services.request_reject(service_request=main, acting_user=technicien, reason="autre")
        main.refresh_from_db()
        message = "on ne lui joint plus"
    else:
        main = submit_request(kind=RequestKind.INFORMATION, request_type=None, service=Service.objects.first())
        message = "Seules des requêtes"
    with pytest.raises(ApplicationError, match=message):
        services.request_merge(service_request=new, acting_user=technicien, into=main)
    new.refresh_from_db()
    assert new.status == Status.RECEIVED and new.duplicate_of is None


def test_only_the_technicien_joins(responsable_tp):
    with pytest.raises(ApplicationError, match="pas le droit"):
        services.request_merge(service_request=pothole(), acting_user=responsable_tp, into=pothole())


def test_a_main_request_joined_elsewhere_brings_its_duplicates_along(technicien):
    oldest, middle, newest = pothole(), pothole(), pothole()
    services.request_merge(service_request=newest, acting_user=technicien, into=middle)
    services.request_merge(service_request=middle, acting_user=technicien, into=oldest)

    newest.refresh_from_db()
    assert newest.duplicate_of == oldest  # one step from the request that is dealt with
    assert set(oldest.duplicates.all()) == {middle, newest}


def test_a_join_made_by_mistake_is_undone_and_the_request_waits_in_the_queue(technicien):
    main, new = pothole(), pothole()
    services.request_merge(service_request=new, acting_user=technicien, into=main)

    services.request_unmerge(service_request=new, acting_user=technicien, note="Pas le même trou")

    new.refresh_from_db()
    assert new.status == Status.RECEIVED and new.duplicate_of is None and new.closed_at is None
    assert "Pas le même trou" in RequestEvent.objects.get(request=new, kind=EventKind.UNMERGED).note


# --- the duplicate's requester follows the main request ------------------------------------------


def _complete(main, technicien, responsable, note="Le trou a été rebouché."):
    assign_and_complete(main, technicien=technicien, responsable=responsable, public_note=note)
    return services.request_close(service_request=ServiceRequest.objects.get(pk=main.pk), acting_user=technicien)


def test_the_main_request_closing_reaches_every_joined_requester_with_its_notes(
    technicien, responsable_tp, django_capture_on_commit_callbacks
):
    main = pothole(requester_email="marie@example.ca")
    new = pothole(requester_email="jean@example.ca", language="en")
    services.request_merge(service_request=new, acting_user=technicien, into=main)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _complete(main, technicien, responsable_tp, note="Le trou a été rebouché.")

    to_jean = next(m for m in mail.outbox if m.to == ["jean@example.ca"])
    assert main.number in to_jean.body and "Le trou a été rebouché." in to_jean.body
    assert new.tracking_token in to_jean.body  # his own page, which follows the main request
    assert "note=5" not in to_jean.body  # the survey is the main requester's
    assert any(m.to == ["marie@example.ca"] and "note=5" in m.body for m in mail.outbox)


def test_the_main_request_refused_reaches_the_joined_requesters(technicien, django_capture_on_commit_callbacks):
    main, new = pothole(), pothole(requester_email="jean@example.ca")
    services.request_merge(service_request=new, acting_user=technicien, into=main)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_reject(service_request=main, acting_user=technicien, reason="hors_competence")
    to_jean = next(m for m in mail.outbox if m.to == ["jean@example.ca"] and "hors compétence" in m.body)
    assert main.number in to_jean.body


def test_the_duplicate_tracking_page_shows_the_main_request_progress(client, technicien, responsable_tp):
    main = pothole(requester_name="Marie Première", description="Trou devant chez Marie, elle a crevé un pneu.")
    new = pothole()
    services.request_merge(service_request=new, acting_user=technicien, into=main)
    url = reverse("requests:track", kwargs={"token": new.tracking_token})
    before = words(client.get(url))
    assert f"même problème que la demande {main.number}" in before
    assert f"État de la demande {main.number} : reçue" in before

    assign_and_complete(main, technicien=technicien, responsable=responsable_tp, public_note="Le trou a été rebouché.")

    after = words(client.get(url))  # not a stale copy from the page cache
    assert f"État de la demande {main.number} : complétée" in after
    assert "Le trou a été rebouché." in after
    assert "Marie Première" not in after and "crevé un pneu" not in after  # the other citizen stays private


# --- counts --------------------------------------------------------------------------------------


@freeze_time("2026-11-23 12:00:00")
def test_a_problem_reported_three_times_counts_once_everywhere(technicien, responsable_tp, directeur_sac):
    received = timezone.now() - dt.timedelta(days=2)
    main = pothole(received_at=received)
    joined = [pothole(received_at=received) for _ in range(2)]
    for duplicate in joined:
        services.request_merge(service_request=duplicate, acting_user=technicien, into=main)
    services.request_assign(service_request=main, acting_user=technicien)
    service = main.service
    today = timezone.localdate()

    assert [row.number for row in reports.rnc_rows([service], today)] == [main.number]

    volume = next(t for t in dashboard.build(dashboard.services_for(directeur_sac), today) if t.key == "volume")
    november = next(row for row in volume.rows if row[0] == "2026-11")
    assert november[volume.headers.index("Total")] == 1
    assert november[volume.headers.index("Doublons joints (non comptés)")] == 2

    rnc_trend = next(t for t in dashboard.build([service], today) if t.key == "rnc")
    assert dict(rnc_trend.rows)["2026-11"] == 1

    assert standards.compute(today)[main.request_type_id].received == 1

    services.request_complete(
        service_request=ServiceRequest.objects.get(pk=main.pk),
        acting_user=responsable_tp,
        done_date=today,
        extension="227",
    )
    report, _start = reports.elus_report(dt.date(2026, 12, 1), dt.date(2026, 12, 2))
    assert sum(r.completed_count for r in report) == 1

    listed = open311.search({})
    assert [r.number for r in listed] == [main.number]
    by_id = open311.search({"service_request_id": joined[0].number})
    entry = open311.request_entries(by_id)[0]
    assert entry["status"] == "closed" and main.number in entry["status_notes"]


def test_the_responsable_sees_who_else_reported_it_in_the_same_number_of_queries(
    client, technicien, responsable_tp, django_assert_max_num_queries
):
    main = pothole()
    services.request_assign(service_request=main, acting_user=technicien)
    client.force_login(responsable_tp)
    url = reverse("staff:request_detail", kwargs={"number": main.number})
    client.get(url)
    with django_assert_max_num_queries(40) as alone:
        client.get(url)
    for address in ("1236, rue Principale", "1238, rue Principale", "1240, rue Principale"):
        services.request_merge(service_request=pothole(address), acting_user=technicien, into=main)

    with django_assert_max_num_queries(len(alone.captured_queries)):
        page = words(client.get(url))

    assert "Signalée aussi par 3 autres citoyens" in page and "1238, rue Principale" in page
    assert "Vos messages au demandeur et la clôture leur parviennent aussi." in page
