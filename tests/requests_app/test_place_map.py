"""The optional map: off by default, its tile server the only origin it adds, its pin stored when
placed and dropped when malformed; never needed to file a requête."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from prevost_service.env import tile_origin
from requests_app.models import Address, ServiceRequest
from requests_app.services.addresses import addresses_import

from .test_addresses import ROLL
from .test_submission import form_data

pytestmark = pytest.mark.django_db


def test_without_a_tile_server_the_form_loads_no_map(client):
    page = client.get(reverse("requests:create")).content.decode()
    assert "leaflet" not in page and "place-map-settings" not in page


def test_with_a_tile_server_the_form_offers_the_map(client, settings):
    settings.MAP_TILE_URL = "https://tuiles.ville.prevost.qc.ca/{z}/{x}/{y}.png"
    page = client.get(reverse("requests:create")).content.decode()
    assert "vendor/leaflet-1.9.4/leaflet.js" in page and "js/request-map.js" in page
    assert "https://tuiles.ville.prevost.qc.ca/{z}/{x}/{y}.png" in page
    assert "Indiquer le lieu sur une carte (facultatif)" in page


def test_the_tile_server_is_the_only_origin_the_map_adds_to_the_policy():
    assert tile_origin("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png") == "https://*.tile.openstreetmap.org"
    assert tile_origin("https://tuiles.ville.prevost.qc.ca/{z}/{x}/{y}.png") == "https://tuiles.ville.prevost.qc.ca"
    with pytest.raises(ImproperlyConfigured):
        tile_origin("javascript:alert(1)")


def test_a_placed_pin_is_stored_and_wins_over_the_address_position(client):
    addresses_import(ROLL)
    chosen = Address.objects.get(source_id="A-1")

    client.post(
        reverse("requests:create"),
        form_data(location_address=chosen.label, address=chosen.pk, latitude="45.8701234567", longitude="-74.0799"),
    )

    request = ServiceRequest.objects.get()
    assert (request.latitude, request.longitude) == (Decimal("45.870123"), Decimal("-74.079900"))
    assert request.address == chosen


@pytest.mark.parametrize("latitude, longitude", [("95", "-74"), ("abc", "-74"), ("45.1", ""), ("NaN", "NaN")])
def test_a_malformed_pin_is_dropped_and_the_request_still_filed(client, latitude, longitude):
    response = client.post(reverse("requests:create"), form_data(latitude=latitude, longitude=longitude))

    assert response.status_code == 302
    request = ServiceRequest.objects.get()
    assert request.latitude is None and request.location_address == "1234, rue Principale"


def test_the_technicien_checks_the_pin_on_the_request_page_when_the_map_is_on(client, technicien, settings):
    client.post(reverse("requests:create"), form_data(latitude="45.8701", longitude="-74.0799"))
    request = ServiceRequest.objects.get()
    client.force_login(technicien)
    url = reverse("admin:requests_app_servicerequest_change", args=[request.pk])

    assert 'id="request-map"' not in client.get(url).content.decode()  # off by default
    settings.MAP_TILE_URL = "https://tuiles.ville.prevost.qc.ca/{z}/{x}/{y}.png"
    page = client.get(url).content.decode()
    assert 'id="request-map"' in page and 'data-lat="45.870100"' in page and 'data-lon="-74.079900"' in page
