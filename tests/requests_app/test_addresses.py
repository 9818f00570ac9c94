"""The civic-address table: loaded from the exports the city has, offered as the citizen types,
stored with the request (position, Open311 address_id), never required."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from open311.models import ApiKey
from open311.services import api_key_issue
from requests_app.models import Address, ServiceRequest
from requests_app.services.addresses import addresses_import

from .test_submission import form_data

pytestmark = pytest.mark.django_db

ROLL = """identifiant;numero;rue;code_postal;latitude;longitude
A-1;2870;boulevard du Curé-Labelle;J0R1T0;45,867512;-74,081234
A-2;2874;boulevard du Curé-Labelle;J0R 1T0;45.867600;-74.081300
A-3;12;rue des Érables;J0R 1S0;;
A-4;douze;rue des Érables;J0R 1S0;;
"""


def test_a_property_roll_export_is_loaded_and_loading_it_again_changes_nothing():
    first = addresses_import(ROLL)
    assert (first.created, first.updated) == (3, 0)
    assert first.skipped == [(5, "numéro civique « douze » invalide")]
    address = Address.objects.get(source_id="A-1")
    assert address.label == "2870, boulevard du Curé-Labelle" and address.postal_code == "J0R 1T0"
    assert address.latitude == Decimal("45.867512")  # a decimal comma is read as a point

    again = addresses_import(ROLL.replace("2874;", "2876;"))

    assert (again.created, again.updated) == (0, 3)
    assert Address.objects.count() == 3 and Address.objects.filter(civic_number=2876).exists()


def test_an_adresses_quebec_export_with_its_street_in_parts_and_a_complete_load_retiring_the_rest():
    addresses_import(ROLL)
    quebec = "IdAdr,NoCivq,ODO_GENR,ODO_LIAI,ODO_SPEC,CodePostal\n9001,45,rue,de la,Gare,J0R1T0\n"

    result = addresses_import(quebec, retire_missing=True)

    assert Address.objects.get(source_id="9001").label == "45, rue de la Gare"
    assert result.retired == 3 and not Address.objects.active().filter(source_id__startswith="A-").exists()


def test_the_command_takes_unusual_column_names_and_says_what_it_did(tmp_path):
    path = tmp_path / "roll.csv"
    path.write_text("matricule_x|no|voie\n77|5|rue Shaw\n", encoding="cp1252")
    out = io.StringIO()

    call_command(
        "import_addresses",
        str(path),
        "--encoding=cp1252",
        "--column=source_id=matricule_x",
        "--column=civic_number=no",
        "--column=street=voie",
        stdout=out,
    )

    assert "1 adresse(s) ajoutée(s)" in out.getvalue()
    assert Address.objects.get(source_id="77").label == "5, rue Shaw"
    with pytest.raises(CommandError, match="colonnes introuvables"):
        call_command("import_addresses", str(path), stdout=io.StringIO())


def test_the_autocomplete_finds_an_address_from_any_words_without_accents(client):
    addresses_import(ROLL)
    Address.objects.filter(source_id="A-2").update(is_active=False)

    found = client.get(reverse("requests:address_search"), {"q": "2870 cure"}).json()["results"]
    assert [entry["label"] for entry in found] == ["2870, boulevard du Curé-Labelle"]
    assert client.get(reverse("requests:address_search"), {"q": "287 labelle"}).json()["results"][0]["id"] == (
        Address.objects.get(source_id="A-1").pk
    )  # a retired address is no longer offered
    assert [e["label"] for e in client.get(reverse("requests:address_search"), {"q": "érables"}).json()["results"]] == [
        "12, rue des Érables"
    ]
    assert client.get(reverse("requests:address_search"), {"q": "x"}).json() == {"results": []}


def test_a_chosen_address_is_stored_with_its_position(client):
    addresses_import(ROLL)
    chosen = Address.objects.get(source_id="A-1")

    client.post(reverse("requests:create"), form_data(location_address=chosen.label, address=chosen.pk))

    request = ServiceRequest.objects.get()
    assert request.address == chosen and request.latitude == Decimal("45.867512")


@pytest.mark.parametrize(
    "typed, sent",
    [
        ("un autre endroit, près du parc", "A-1"),  # chosen, then typed over
        ("2870, boulevard du Curé-Labelle", "999999"),  # no such address
        ("2870, boulevard du Curé-Labelle", "²"),  # a digit to str.isdigit, not a number
        ("2870, boulevard du Curé-Labelle", "99999999999999999999999"),  # past any integer column
    ],
)
def test_a_place_typed_by_hand_is_kept_as_typed_without_an_address(client, typed, sent):
    addresses_import(ROLL)
    sent = Address.objects.get(source_id=sent).pk if sent.startswith("A-") else sent

    response = client.post(reverse("requests:create"), form_data(location_address=typed, address=sent))

    assert response.status_code == 302  # never an error on a field the citizen cannot see
    request = ServiceRequest.objects.get()
    assert request.location_address == typed and request.address is None


def test_open311_takes_an_address_id_and_gives_it_back(client):
    addresses_import(ROLL)
    api_key = ApiKey(organisation="App citoyenne")
    key = api_key_issue(api_key=api_key)
    url = "/open311/v2/requests.json"

    created = client.post(
        url, {"api_key": key, "service_code": "nid-de-poule", "address_id": "A-1", "description": "Trou"}
    )
    assert created.status_code == 201, created.content
    number = json.loads(created.content)[0]["service_request_id"]
    entry = client.get(f"/open311/v2/requests/{number}.json").json()[0]
    assert entry["address_id"] == "A-1" and entry["zipcode"] == "J0R 1T0"
    assert entry["address"] == "2870, boulevard du Curé-Labelle" and entry["lat"] == pytest.approx(45.867512)

    unknown = client.post(
        url, {"api_key": key, "service_code": "nid-de-poule", "address_id": "Z-9", "description": "T"}
    )
    assert unknown.status_code == 400 and "not a civic address" in unknown.content.decode()


def test_past_retention_the_request_forgets_which_door_it_was(client):
    import datetime as dt

    from django.utils import timezone

    from requests_app.services.retention import requests_anonymize

    addresses_import(ROLL)
    chosen = Address.objects.get(source_id="A-1")
    client.post(reverse("requests:create"), form_data(location_address=chosen.label, address=chosen.pk))
    ServiceRequest.objects.update(closed_at=timezone.now() - dt.timedelta(days=365 * 8))

    requests_anonymize()

    request = ServiceRequest.objects.get()
    assert request.address is None and request.location_address == "boulevard du Curé-Labelle"
    assert request.latitude == Decimal("45.868000")  # rounded, still counted on the right street
