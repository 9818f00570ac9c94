"""« C'est le même problème : me tenir informé »: a citizen follows an open request instead of filing it again."""

import html
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutboundEmail
from requests_app import services
from requests_app.models import Follower, ServiceRequest
from requests_app.services.retention import requests_anonymize

from ..factories import assign_and_complete, request_type, submit_request

pytestmark = pytest.mark.django_db

SPOT = {"lat": "45.867200", "lon": "-74.081600"}


def pothole_at(lat, lon, **fields):
    return submit_request(
        latitude=Decimal(lat), longitude=Decimal(lon), location_address="1250, rue Principale", **fields
    )


def test_nearby_open_requests_of_the_nature_are_offered_without_anything_personal(client, technicien):
    near = pothole_at("45.867250", "-74.081650", requester_name="Julie Roy", description="Trou près de chez Julie")
    far = pothole_at("45.900000", "-74.100000")
    other_nature = submit_request(
        type_code="lumiere-de-rue", latitude=Decimal("45.867200"), longitude=Decimal("-74.081600")
    )
    response = client.get(reverse("requests:similar"), {"type": request_type("nid-de-poule").pk, **SPOT})
    found = response.json()["requests"]
    assert [entry["number"] for entry in found] == [near.number]
    entry = found[0]
    assert set(entry) == {"number", "nature", "street", "status", "received", "follow_url"}
    assert "Julie" not in str(entry) and "1250" not in str(entry), "no name, no civic number, no description"
    assert far.number not in str(found) and other_nature.number not in str(found)
    assert client.get(reverse("requests:similar"), {"type": "x"}).json() == {"requests": []}


def test_a_follower_is_told_at_each_public_step_counted_once_and_never_sees_the_requesters_notes(
    client, technicien, responsable_tp, django_capture_on_commit_callbacks
):
    followed = pothole_at("45.867250", "-74.081650")
    page = html.unescape(client.get(reverse("requests:follow", args=[followed.number])).content.decode())
    assert "Nid-de-poule" in page and "Me tenir informé" in page
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("requests:follow", args=[followed.number]), {"email": "Voisin@Example.test"})
        client.post(reverse("requests:follow", args=[followed.number]), {"email": "voisin@example.test"})
    assert "vous suivez ce problème" in html.unescape(done.content.decode()).lower()
    assert Follower.objects.get().email == "voisin@example.test", "twice is once"
    assert ServiceRequest.objects.count() == 1, "counted once: no second request"
    with django_capture_on_commit_callbacks(execute=True):
        assign_and_complete(
            followed, technicien=technicien, responsable=responsable_tp, public_note="Merci Mme Tremblay, c'est réparé."
        )
    to_follower = [message for message in mail.outbox if message.to == ["voisin@example.test"]]
    bodies = "\n".join(message.body for message in to_follower)
    assert len(to_follower) == 3, [message.subject for message in to_follower]  # welcome, assigned, completed
    assert "assignée" in bodies and "complétée" in bodies
    assert "Tremblay" not in bodies and "/suivi/" not in bodies, "not the requester's note, not their private link"
    stop = bodies.split("Pour ne plus recevoir ces courriels : ")[1].split()[0]
    client.get(stop.replace("http://testserver", ""))
    assert not Follower.objects.exists()


def test_a_request_already_done_cannot_be_followed_and_says_what_to_do(client, technicien):
    followed = pothole_at("45.867250", "-74.081650")
    services.request_reject(service_request=followed, acting_user=technicien, reason="doublon")
    page = html.unescape(
        client.post(reverse("requests:follow", args=[followed.number]), {"email": "v@example.test"}).content.decode()
    )
    assert "déjà réglée" in page and "nouvelle requête" in page and not Follower.objects.exists()


def test_followers_are_forgotten_with_the_request(technicien):
    followed = pothole_at("45.867250", "-74.081650")
    Follower.objects.create(request=followed, email="v@example.test")
    ServiceRequest.objects.filter(pk=followed.pk).update(
        status="fermee", closed_at=timezone.now() - timezone.timedelta(days=4000)
    )
    requests_anonymize()
    assert not Follower.objects.exists()
    assert not OutboundEmail.objects.filter(to="v@example.test").exists()


def test_telling_many_followers_reads_the_address_table_once(technicien, responsable_tp):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    followed = pothole_at("45.867250", "-74.081650")
    for index in range(6):
        Follower.objects.create(request=followed, email=f"v{index}@example.test")
    with CaptureQueriesContext(connection) as queries:
        services.request_assign(service_request=followed, acting_user=technicien)
    street_reads = [q for q in queries.captured_queries if 'DISTINCT "requests_app_address"."street"' in q["sql"]]
    assert len(street_reads) == 1, "one reading for the event, not one per follower"
    assert OutboundEmail.objects.filter(dedupe_key__contains=":follower:").count() == 6
