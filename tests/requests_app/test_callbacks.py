"""The call-back list: who asked to be called, when, every attempt, the late ones highlighted."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app.enums import CallbackOutcome, ContactPreference, EventKind
from requests_app.models import ServiceRequest

from ..factories import submit_request
from .test_submission import form_data

pytestmark = pytest.mark.django_db

URL = reverse("staff:callbacks")


def text(response) -> str:
    return html.unescape(response.content.decode())


def rows(page: str) -> list[str]:
    return page.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:] if "<tbody>" in page else []


def test_a_citizen_chooses_to_be_called_back_in_the_afternoon(client):
    response = client.post(
        reverse("requests:create"),
        form_data(contact_preference=ContactPreference.CALLBACK, callback_window="apres-midi", requester_email=""),
    )
    assert response.status_code == 302
    created = ServiceRequest.objects.get()
    assert created.contact_preference == ContactPreference.CALLBACK and created.callback_window == "apres-midi"


def test_the_list_shows_who_to_call_with_number_and_time_and_flags_the_late_ones(client, technicien):
    monday = timezone.make_aware(dt.datetime(2026, 11, 16, 9, 0))
    late = submit_request(
        received_at=monday, contact_preference=ContactPreference.CALLBACK, requester_name="Paul Ancien"
    )
    fresh = submit_request(
        contact_preference=ContactPreference.CALLBACK,
        callback_window="avant-midi",
        requester_name="Nadia Récente",
        requester_phone="450 555-0199",
    )
    submit_request(requester_name="Courriel Seulement")

    client.force_login(technicien)
    page = text(client.get(URL))

    listed = rows(page)
    assert len(listed) == 2
    assert late.number in listed[0] and "En retard" in listed[0]  # oldest first, flagged
    assert fresh.number in listed[1] and "En retard" not in listed[1]
    assert "450 555-0199" in listed[1] and "en avant-midi" in listed[1]
    assert "Courriel Seulement" not in page


def test_each_attempt_is_recorded_and_a_reached_citizen_leaves_the_list(
    client, technicien, django_assert_max_num_queries
):
    waiting = submit_request(contact_preference=ContactPreference.CALLBACK)
    for _ in range(5):
        submit_request(contact_preference=ContactPreference.CALLBACK)
    client.force_login(technicien)

    response = client.post(
        URL,
        {"number": waiting.number, f"{waiting.number}-outcome": CallbackOutcome.MESSAGE, f"{waiting.number}-note": ""},
    )
    assert response.status_code == 302
    page = text(client.get(URL))
    row = next(row for row in rows(page) if waiting.number in row)
    assert "1 — dernier : message laissé" in row

    client.post(
        URL,
        {
            "number": waiting.number,
            f"{waiting.number}-outcome": CallbackOutcome.REACHED,
            f"{waiting.number}-note": "Précisé : devant le 1240.",
        },
    )
    assert all(waiting.number not in row for row in rows(text(client.get(URL))))
    history = list(waiting.events.filter(kind=EventKind.CALLBACK).values_list("note", flat=True))
    assert history == ["message laissé", "joint : demande réglée ou précisée — Précisé : devant le 1240."]

    with django_assert_max_num_queries(12):  # the list does not query per row
        client.get(URL)


def test_a_bad_outcome_is_refused_with_the_message_beside_the_row(client, technicien):
    waiting = submit_request(contact_preference=ContactPreference.CALLBACK)
    client.force_login(technicien)
    response = client.post(URL, {"number": waiting.number, f"{waiting.number}-outcome": "invente"})
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in text(response)
    assert not waiting.callback_attempts.exists()


def test_only_the_technicien_keeps_the_list(client, responsable_tp):
    client.force_login(responsable_tp)
    assert client.get(URL).status_code == 403


def test_no_outcome_is_chosen_in_advance_and_closed_requests_leave_the_list(client, technicien):
    from requests_app.enums import Status

    waiting = submit_request(contact_preference=ContactPreference.CALLBACK)
    closed = submit_request(contact_preference=ContactPreference.CALLBACK)
    ServiceRequest.objects.filter(pk=closed.pk).update(status=Status.CLOSED)
    client.force_login(technicien)

    assert client.post(URL, {"number": waiting.number}).status_code == 400
    assert not waiting.callback_attempts.exists()
    listed = rows(text(client.get(URL)))
    assert len(listed) == 1 and waiting.number in listed[0]
