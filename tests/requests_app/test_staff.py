import html

import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app import services
from requests_app.enums import Channel, Status
from requests_app.models import ServiceRequest

from ..factories import request_type, submit_request

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def tp_request(technicien, responsable_tp):
    return services.request_assign(service_request=submit_request(), acting_user=technicien)


def test_responsable_sees_own_service_requests_only(client, technicien, tp_request, responsable_env):
    env_request = services.request_assign(
        service_request=submit_request(type_code="collecte-manquee", location_address="9, rue des Érables"),
        acting_user=technicien,
    )
    client.force_login(responsable_env)
    text = page(client.get(reverse("staff:home")))
    assert env_request.number in text and tp_request.number not in text


def test_responsable_of_another_service_gets_404(client, tp_request, responsable_env):
    client.force_login(responsable_env)
    detail = reverse("staff:request_detail", kwargs={"number": tp_request.number})
    assert client.get(detail).status_code == 404
    action = reverse("staff:request_action", kwargs={"number": tp_request.number, "action": "completer"})
    response = client.post(action, {"complete-done_date": timezone.localdate().isoformat(), "complete-extension": "1"})
    assert response.status_code == 404
    tp_request.refresh_from_db()
    assert tp_request.status == Status.ASSIGNED


def test_elu_sees_no_request(client, tp_request, elu):
    client.force_login(elu)
    assert client.get(reverse("staff:request_detail", kwargs={"number": tp_request.number})).status_code == 404


def test_responsable_completes_from_the_annexe_a_screen(client, tp_request, responsable_tp):
    client.force_login(responsable_tp)
    action = reverse("staff:request_action", kwargs={"number": tp_request.number, "action": "completer"})
    response = client.post(
        action,
        {
            "complete-done_date": timezone.localdate().isoformat(),
            "complete-extension": "227",
            "complete-internal_note": "Fait.",
            "complete-public_note": "Réparé.",
        },
        follow=True,
    )
    assert "Demande complétée (code 238)." in page(response)
    tp_request.refresh_from_db()
    assert tp_request.status == Status.COMPLETED


def test_missing_extension_keeps_what_was_typed(client, tp_request, responsable_tp):
    client.force_login(responsable_tp)
    action = reverse("staff:request_action", kwargs={"number": tp_request.number, "action": "completer"})
    response = client.post(
        action,
        {
            "complete-done_date": timezone.localdate().isoformat(),
            "complete-extension": "",
            "complete-public_note": "Le trou est réparé, merci.",
        },
    )
    assert response.status_code == 400
    text = page(response)
    assert "Ce champ est obligatoire." in text
    assert "Le trou est réparé, merci." in text


def test_anonymous_is_sent_to_login(client, tp_request):
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302 and "/compte/connexion/" in response.url


def test_technicien_records_a_phone_request(client, technicien, responsable_tp):
    client.force_login(technicien)
    pothole = request_type("nid-de-poule")
    response = client.post(
        reverse("staff:intake"),
        {
            "kind": "requete",
            "channel": "telephone",
            "received_at": "2026-01-15T09:30",
            "service": pothole.service_id,
            "request_type": pothole.pk,
            "description": "Appel : nid-de-poule devant l'école.",
            "location_address": "rue Principale",
            "requester_name": "Jean Roy",
            "requester_address": "12, rue Shaw",
            "requester_phone": "450 555-0199",
            "requester_email": "",
            "contact_preference": "rappel",
        },
    )
    created = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert created.channel == Channel.PHONE and created.created_by == technicien
    assert timezone.localtime(created.received_at).date().isoformat() == "2026-01-15"
    assert created.number.startswith("2026-")


def test_phone_information_answered_at_first_contact_is_closed(client, technicien):
    client.force_login(technicien)
    tax = request_type("taxation-question")
    client.post(
        reverse("staff:intake"),
        {
            "kind": "information",
            "channel": "comptoir",
            "received_at": "2026-01-15T09:30",
            "service": tax.service_id,
            "request_type": tax.pk,
            "description": "Date du 2e versement?",
            "requester_name": "Jean Roy",
            "requester_address": "12, rue Shaw",
            "requester_phone": "450 555-0199",
            "contact_preference": "rappel",
            "answer": "Le 2e versement est dû le 30 juin.",
        },
    )
    assert ServiceRequest.objects.get().status == Status.CLOSED


def test_responsable_cannot_use_intake(client, responsable_tp):
    client.force_login(responsable_tp)
    assert client.get(reverse("staff:intake")).status_code == 403


def test_the_intake_form_speaks_of_the_requester_not_to_the_technicien(client, technicien):
    client.force_login(technicien)
    text = html.unescape(client.get(reverse("staff:intake")).content.decode())
    assert "Adresse complète du requérant" in text and "Courriel du requérant" in text
    assert "Votre adresse" not in text and "Vous recevrez" not in text and "souhaitez-vous" not in text


def test_a_responsable_sees_what_awaits_triage_apart_and_is_told_why_nothing_can_be_done(
    client, technicien, responsable_tp
):
    waiting = submit_request()
    assigned = services.request_assign(service_request=submit_request(), acting_user=technicien)
    client.force_login(responsable_tp)
    home = html.unescape(client.get(reverse("staff:home")).content.decode())
    assert assigned.number in home and waiting.number not in home
    assert "Reçues, pas encore assignées (1)" in home
    tab = html.unescape(client.get(reverse("staff:home"), {"filtre": "en-triage"}).content.decode())
    assert waiting.number in tab and assigned.number not in tab and "rien à faire pour l'instant" in tab
    detail = html.unescape(client.get(reverse("staff:request_detail", args=[waiting.number])).content.decode())
    assert "pas encore assignée" in detail and "Compléter la demande" not in detail


def test_the_technicien_still_sees_every_request_not_completed_on_one_tab(client, technicien):
    waiting = submit_request()
    client.force_login(technicien)
    home = html.unescape(client.get(reverse("staff:home")).content.decode())
    assert waiting.number in home and "pas encore assignées" not in home
