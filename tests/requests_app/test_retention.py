"""Loi 25: past its retention period a request keeps its figures and loses its person."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from PIL import Image

from outbox.models import OutboundEmail
from reporting import dashboard
from requests_app import services
from requests_app.models import RequestPhoto, SatisfactionResponse, Service, ServiceRequest
from requests_app.services.retention import requests_anonymize

from ..factories import assign_and_complete, submit_request

pytestmark = pytest.mark.django_db
LONG_AGO = dt.datetime(2018, 3, 5, 10, tzinfo=dt.UTC)


def photo():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "JPEG")
    return SimpleUploadedFile("trou.jpg", buffer.getvalue(), content_type="image/jpeg")


def handled(technicien, responsable, *, when, **overrides):
    """A request filed, assigned, completed (Annexe A) and closed at `when`."""
    with freeze_time(when):
        request = submit_request(received_at=when - dt.timedelta(days=6), **overrides)
        services.request_assign(service_request=request, acting_user=technicien, note="Voir M. Tremblay, voisin.")
        services.request_complete(
            service_request=request,
            acting_user=responsable,
            done_date=timezone.localdate(),
            extension="227",
            internal_note="Le demandeur Marie Tremblay était absente.",
            public_note="Bonjour Mme Tremblay, c'est réparé.",
        )
        services.request_close(service_request=request, acting_user=technicien, public_note="Merci Mme Tremblay.")
    return request


def figures(today):
    return [(t.key, t.rows) for t in dashboard.build(Service.objects.order_by("name_fr"), today=today)]


def test_old_requests_lose_the_person_and_keep_every_figure(
    technicien, responsable_tp, django_capture_on_commit_callbacks
):
    old = handled(technicien, responsable_tp, when=LONG_AGO, location_address="1234, rue Principale")
    with freeze_time(LONG_AGO):
        services.request_submit(
            data={
                "request_type": old.request_type,
                "description": "Lampadaire éteint devant chez moi, Marie Tremblay.",
                "location_address": "88 rue des Pins",
                "requester_name": "Marie Tremblay",
                "requester_email": "marie@example.ca",
            },
            channel="web",
            photos=[(photo(), "image/jpeg")],
        )
    old_with_photo = ServiceRequest.objects.get(location_address="88 rue des Pins")
    SatisfactionResponse.objects.create(request=old, rating=4, comment="Merci, signé Marie Tremblay")
    recent = handled(technicien, responsable_tp, when=timezone.now() - dt.timedelta(days=30))
    photo_file = RequestPhoto.objects.get(request=old_with_photo).image.name
    before = figures(LONG_AGO.date() + dt.timedelta(days=20))
    assert any(rows for _key, rows in before)

    with django_capture_on_commit_callbacks(execute=True):
        assert requests_anonymize() == 1  # the open one from 2018 is not closed: it stays whole

    old.refresh_from_db()
    assert (old.requester_name, old.requester_email, old.requester_phone, old.requester_address) == ("", "", "", "")
    assert old.description == "" and old.location_address == "rue Principale" and old.anonymized_at
    assert not old.events.exclude(note="", public_note="").exists()
    assert not old.interventions.exclude(internal_note="", public_note="").exists()
    assert old.interventions.get().done_date and old.interventions.get().code.code == 238
    assert not OutboundEmail.objects.filter(owner=old.outbox_owner).exists()
    assert SatisfactionResponse.objects.get(request=old).comment == "" and old.satisfaction.rating == 4
    assert figures(LONG_AGO.date() + dt.timedelta(days=20)) == before

    recent.refresh_from_db()
    assert recent.requester_name == "Marie Tremblay" and recent.anonymized_at is None
    old_with_photo.refresh_from_db()
    assert old_with_photo.requester_name == "Marie Tremblay"  # still open: its purpose is not served
    assert RequestPhoto.objects.filter(request=old_with_photo).exists()
    assert RequestPhoto.objects.get(request=old_with_photo).image.storage.exists(photo_file)


def test_photos_go_with_the_person_and_a_second_run_changes_nothing(
    technicien, responsable_tp, django_capture_on_commit_callbacks
):
    with freeze_time(LONG_AGO):
        request = services.request_submit(
            data={
                "request_type": submit_request().request_type,
                "description": "Nid-de-poule, photo jointe.",
                "location_address": "12-B, chemin du Lac-Écho",
                "requester_name": "Luc Gagnon",
            },
            channel="web",
            photos=[(photo(), "image/jpeg")],
        )
        request = assign_and_complete(request, technicien=technicien, responsable=responsable_tp)
        services.request_close(service_request=request, acting_user=technicien)
    stored = RequestPhoto.objects.get(request=request).image
    assert stored.storage.exists(stored.name)

    with django_capture_on_commit_callbacks(execute=True):
        assert requests_anonymize() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert requests_anonymize() == 0

    request.refresh_from_db()
    assert request.location_address == "chemin du Lac-Écho"
    assert not RequestPhoto.objects.filter(request=request).exists() and not stored.storage.exists(stored.name)


def test_the_status_page_of_an_anonymized_request_shows_no_person(
    client, technicien, responsable_tp, django_capture_on_commit_callbacks
):
    old = handled(technicien, responsable_tp, when=LONG_AGO)
    url = reverse("requests:track", kwargs={"token": old.tracking_token})
    assert "Un nid-de-poule profond" in client.get(url).content.decode()  # cached now
    with django_capture_on_commit_callbacks(execute=True):
        requests_anonymize()
    text = client.get(url).content.decode()
    assert old.number in text and "Un nid-de-poule profond" not in text and "Tremblay" not in text


def test_the_privacy_page_says_how_long_in_both_languages(client, settings):
    settings.RETENTION_REQUEST_YEARS = 7
    assert "conservés 7 ans après sa fermeture" in client.get(reverse("requests:privacy")).content.decode()
    english = client.get("/en" + reverse("requests:privacy").replace("confidentialite", "privacy")).content.decode()
    assert "7 years after it is closed" in english
