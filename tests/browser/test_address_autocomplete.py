"""The place of a requête with a keyboard: the city's addresses are offered as one types, chosen
with the arrows and Enter; the request keeps the address's identifier and position."""

import pytest
from django.urls import reverse

from requests_app.models import Address, ServiceRequest
from requests_app.services.addresses import addresses_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLL = """identifiant;numero;rue;code_postal;latitude;longitude
A-1;2870;boulevard du Curé-Labelle;J0R 1T0;45.867512;-74.081234
A-2;2874;boulevard du Curé-Labelle;J0R 1T0;45.867600;-74.081300
"""


def test_a_citizen_picks_the_address_with_the_keyboard_and_the_request_keeps_it(live_server, phone, shoot):
    addresses_import(ROLL)
    phone.goto(live_server.url + reverse("requests:create"))
    phone.select_option("#id_service", label="Travaux publics")
    phone.select_option("#id_request_type", label="Nid-de-poule")
    phone.fill("#id_description", "Un nid-de-poule profond devant le commerce.")

    place = phone.locator("#id_location_address")
    place.click()
    phone.keyboard.type("287 cure", delay=20)
    phone.locator("#address-options [role=option]").nth(1).wait_for()
    assert place.get_attribute("aria-expanded") == "true"
    assert "2 adresses proposées" in phone.locator(".address-field [role=status]").inner_text()
    phone.keyboard.press("ArrowDown")
    phone.keyboard.press("ArrowDown")
    assert place.get_attribute("aria-activedescendant") == "address-options-1"
    shoot(phone, "21-address-autocomplete-phone")
    phone.keyboard.press("Enter")  # chooses the address; does not send the form

    assert place.input_value() == "2874, boulevard du Curé-Labelle"
    assert phone.input_value("#id_address") == str(Address.objects.get(source_id="A-2").pk)
    assert place.get_attribute("aria-expanded") == "false"

    phone.fill("#id_requester_name", "Marie Tremblay")
    phone.fill("#id_requester_email", "marie@example.ca")
    phone.check("input[name=contact_preference][value=courriel]")
    phone.click("text=Envoyer ma requête")
    phone.wait_for_selector("text=Merci, votre demande est reçue")
    request = ServiceRequest.objects.get()
    assert request.address.source_id == "A-2" and request.latitude is not None


def test_the_optional_map_places_a_pin_from_the_keyboard(live_server, phone, shoot, settings):
    settings.MAP_TILE_URL = live_server.url + "/static/img/favicon.svg?{z}/{x}/{y}"  # a tile server of our own
    settings.MAP_CENTER = (45.8672, -74.0816)
    phone.goto(live_server.url + reverse("requests:create"))
    phone.select_option("#id_service", label="Travaux publics")
    phone.select_option("#id_request_type", label="Nid-de-poule")
    phone.fill("#id_description", "Un ponceau bouché sur le long chemin, loin de toute adresse.")
    phone.fill("#id_location_address", "chemin du Lac-Écho, après la courbe")

    toggle = phone.locator(".place-map-toggle")
    toggle.focus()
    phone.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    phone.locator("text=Placer le repère au centre de la carte").focus()
    phone.keyboard.press("Enter")
    phone.locator("#place-map .leaflet-marker-icon").wait_for()
    assert phone.input_value("#id_latitude") == "45.867200" and phone.input_value("#id_longitude") == "-74.081600"
    assert "Repère placé" in phone.locator("#place-map-panel + [role=status]").inner_text()
    shoot(phone, "22-place-map-phone")

    phone.fill("#id_requester_name", "Marie Tremblay")
    phone.fill("#id_requester_email", "marie@example.ca")
    phone.check("input[name=contact_preference][value=courriel]")
    phone.click("text=Envoyer ma requête")
    phone.wait_for_selector("text=Merci, votre demande est reçue")
    request = ServiceRequest.objects.get()
    assert str(request.latitude) == "45.867200" and request.location_address == "chemin du Lac-Écho, après la courbe"


def test_a_citizen_sees_the_same_problem_already_reported_and_follows_it_with_the_keyboard(
    live_server, phone, shoot, technicien, django_capture_on_commit_callbacks
):
    """FixMyStreet-like, without anything personal: the nature and the place chosen, the open
    pothole reported next door is offered; following it files nothing new."""
    from decimal import Decimal

    from django.core import mail

    from requests_app.models import Follower

    from ..factories import submit_request

    addresses_import(ROLL)
    reported = submit_request(
        latitude=Decimal("45.867580"),
        longitude=Decimal("-74.081280"),
        location_address="2872, boulevard du Curé-Labelle",
    )
    phone.goto(live_server.url + reverse("requests:create"))
    phone.select_option("#id_request_type", label="Nid-de-poule")
    place = phone.locator("#id_location_address")
    place.click()
    phone.keyboard.type("2874 cure", delay=20)
    phone.locator("#address-options [role=option]").first.wait_for()
    phone.keyboard.press("ArrowDown")
    phone.keyboard.press("Enter")
    offer = phone.locator("#similar-requests")
    offer.locator(".follow-link").wait_for()
    shoot(phone, "22-similar-requests-phone")
    assert offer.get_attribute("aria-live") == "polite"
    text = offer.inner_text()
    assert "Nid-de-poule" in text and "boulevard du Curé-Labelle" in text and "2872" not in text
    offer.locator(".follow-link").focus()
    phone.keyboard.press("Enter")
    phone.wait_for_selector("text=Me tenir informé")
    phone.fill("#id_email", "voisin@example.ca")
    phone.keyboard.press("Enter")
    phone.wait_for_selector("text=vous suivez ce problème")
    shoot(phone, "23-following-phone")
    assert Follower.objects.get().request == reported
    assert ServiceRequest.objects.count() == 1
    assert any(message.to == ["voisin@example.ca"] for message in mail.outbox)
