"""Bots and floods on the citizen forms: refused politely, nothing a person typed is lost."""

import html
import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import translation

from complaints import services as complaint_services
from core import public_forms
from requests_app.models import ServiceRequest

from .complaints.test_investigation import complaint_data
from .requests_app.test_submission import form_data

pytestmark = pytest.mark.django_db

CREATE = reverse("requests:create")


def stamp_in(response) -> str:
    found = re.search(rf'name="{public_forms.STAMP_FIELD}" value="([^"]+)"', response.content.decode())
    assert found, "the form carries its opening stamp"
    return found.group(1)


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def human_speed(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 3


def test_every_public_form_carries_the_honeypot_and_the_stamp(client, technicien):
    complaint = complaint_services.complaint_record_verbal(data=complaint_data(), acting_user=technicien)
    pages = [
        CREATE,
        reverse("requests:track_lookup"),
        reverse("requests:question"),
        reverse("complaints:create"),
        reverse("complaints:sign", args=[complaint.signing_token]),
        reverse("claims:create"),
        reverse("access:create"),
    ]
    for url in pages:
        page = client.get(url).content.decode()
        assert f'name="{public_forms.HONEYPOT_FIELD}"' in page, url
        assert f'name="{public_forms.STAMP_FIELD}"' in page, url


def test_a_filled_honeypot_files_nothing_and_keeps_what_was_typed(client):
    response = client.post(CREATE, {**form_data(), public_forms.HONEYPOT_FIELD: "http://spam.example"})

    assert response.status_code == 400
    assert not ServiceRequest.objects.exists()
    page = text(response)
    assert "Votre envoi n'a pas pu être accepté" in page
    assert "Nid-de-poule profond devant le 1234." in page
    assert "http://spam.example" not in page  # the trap comes back empty: a person sending again succeeds


def test_a_form_sent_back_at_machine_speed_is_refused_then_accepted_when_sent_again(client, human_speed):
    opened = stamp_in(client.get(CREATE))

    too_fast = client.post(CREATE, {**form_data(), public_forms.STAMP_FIELD: opened})

    assert too_fast.status_code == 400
    assert not ServiceRequest.objects.exists()
    assert "envoyé très vite" in text(too_fast)
    assert "marie@example.ca" in text(too_fast)
    # The first opening counts, not the refusal; the nonce is fresh, the old one may be spent.
    assert public_forms._read_stamp(stamp_in(too_fast))[0] == public_forms._read_stamp(opened)[0]
    assert stamp_in(too_fast) != opened

    later = public_forms.time.time() + 4
    with mock.patch.object(public_forms.time, "time", return_value=later):
        response = client.post(CREATE, {**form_data(), public_forms.STAMP_FIELD: stamp_in(too_fast)})

    assert response.status_code == 302
    assert ServiceRequest.objects.count() == 1


def test_an_opening_stamp_is_good_for_one_accepted_post_only(client, human_speed):
    opened = stamp_in(client.get(CREATE))
    later = public_forms.time.time() + 4
    with mock.patch.object(public_forms.time, "time", return_value=later):
        first = client.post(CREATE, {**form_data(), public_forms.STAMP_FIELD: opened})
        replays = [client.post(CREATE, {**form_data(), public_forms.STAMP_FIELD: opened}) for _ in range(3)]
    assert first.status_code == 302
    assert [r.status_code for r in replays] == [400, 400, 400]
    assert "Ce formulaire a déjà été envoyé une fois." in text(replays[0]) and "marie@example.ca" in text(replays[0])
    assert ServiceRequest.objects.count() == 1


def test_the_single_use_check_lets_a_post_through_when_the_cache_does_not_answer(client, human_speed):
    opened = stamp_in(client.get(CREATE))
    later = public_forms.time.time() + 4
    # The resilient Redis cache answers a failed add with False and a failed get with None.
    with (
        mock.patch.object(public_forms.time, "time", return_value=later),
        mock.patch.object(public_forms.cache, "add", return_value=False),
        mock.patch.object(public_forms.cache, "get", return_value=None),
    ):
        response = client.post(CREATE, {**form_data(), public_forms.STAMP_FIELD: opened})
    assert response.status_code == 302 and ServiceRequest.objects.count() == 1


def test_a_post_without_an_opening_stamp_or_with_a_forged_one_is_refused(client, human_speed):
    assert client.post(CREATE, form_data()).status_code == 400
    forged = {**form_data(), public_forms.STAMP_FIELD: "1700000000"}
    assert client.post(CREATE, forged).status_code == 400
    assert not ServiceRequest.objects.exists()


def test_an_address_over_its_limit_gets_a_polite_429_with_everything_typed(client, settings):
    settings.PUBLIC_FORM_RATE = "3/10m"
    for _ in range(3):  # failures count too: a bot's wrong guesses cost it
        client.post(reverse("requests:track_lookup"), {"number": "2026-000001", "email": "x@example.ca"})

    response = client.post(CREATE, form_data())

    assert response.status_code == 429
    assert not ServiceRequest.objects.exists()
    page = text(response)
    assert "Nous recevons trop d'envois de votre adresse Internet" in page
    # django-ratelimit's windows are fixed: what is left of one may be under a minute, hence « 1 minute »
    assert re.search(r"envoyez de nouveau dans \d+ minutes?\.", page) and settings.CITY_URGENT_PHONE in page
    assert "Nid-de-poule profond devant le 1234." in page and "Marie Tremblay" in page

    neighbour = client.post(CREATE, form_data(), REMOTE_ADDR="198.51.100.7")
    assert neighbour.status_code == 302  # another address is not punished


def test_the_refusal_speaks_english_to_an_english_citizen(client, settings):
    settings.PUBLIC_FORM_RATE = "1/10m"
    with translation.override("en"):
        url = reverse("requests:create")
    client.post(url, form_data())

    response = client.post(url, form_data())

    assert response.status_code == 429
    assert "receiving too many submissions from your Internet address" in text(response)


def test_behind_the_proxy_the_limit_follows_the_citizen_not_the_proxy_nor_a_forged_header(client, settings):
    settings.TRUSTED_PROXIES = 1
    settings.PUBLIC_FORM_RATE = "2/10m"
    proxy = {"REMOTE_ADDR": "10.0.0.2"}

    for forged in ("1.1.1.1", "2.2.2.2"):
        client.post(CREATE, form_data(), HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.9", **proxy)
    third = client.post(CREATE, form_data(), HTTP_X_FORWARDED_FOR="3.3.3.3, 203.0.113.9", **proxy)
    other_citizen = client.post(CREATE, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.10", **proxy)

    assert third.status_code == 429  # the same citizen, whatever he writes in front
    assert other_citizen.status_code == 302  # the proxy's address is not everybody's
    assert ServiceRequest.objects.count() == 3
