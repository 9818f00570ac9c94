import html

import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app import services

from ..factories import submit_request

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_status_page_shows_public_note_and_never_internal_note_or_staff_name(client, technicien, responsable_tp):
    request = services.request_assign(request=submit_request(), acting_user=technicien)
    services.request_complete(
        request=request,
        acting_user=responsable_tp,
        done_date=timezone.localdate(),
        extension="47193",
        internal_note="Note interne : le voisin est difficile.",
        public_note="Réparé avec de l'asphalte chaud.",
    )
    services.request_close(request=request, acting_user=technicien, public_note="Merci de votre patience.")

    text = page(client.get(reverse("requests:track", kwargs={"token": request.tracking_token})))
    assert "Fermée" in text
    assert "Réparé avec de l'asphalte chaud." in text and "Merci de votre patience." in text
    assert "le voisin est difficile" not in text
    for name in (responsable_tp.get_full_name(), technicien.get_full_name(), "47193"):
        assert name not in text


def test_unknown_token_is_404(client):
    assert client.get(reverse("requests:track", kwargs={"token": "nope"})).status_code == 404


def test_lookup_by_number_and_email_leads_to_the_status_page(client):
    request = submit_request()
    response = client.post(reverse("requests:track_lookup"), {"number": request.number, "email": "MARIE@example.ca"})
    assert response.url == reverse("requests:track", kwargs={"token": request.tracking_token})


def test_lookup_with_wrong_email_reveals_nothing(client):
    request = submit_request()
    response = client.post(reverse("requests:track_lookup"), {"number": request.number, "email": "x@example.ca"})
    assert response.status_code == 200
    assert "Aucune demande ne correspond" in page(response)
    assert request.tracking_token not in page(response)


def test_home_page_explains_the_four_kinds_in_french(client):
    text = page(client.get("/"))
    for kind in ("Requête", "Plainte", "Réclamation", "Information ou commentaire"):
        assert kind in text
    assert "15 jours" in text


def test_unknown_page_answers_a_french_404_page(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in page(response)
