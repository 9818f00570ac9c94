"""Open311 GeoReport v2 (issue 6): every endpoint in JSON and XML, the documented errors, API keys,
the rate limit, and no personal information in what GET answers."""

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.utils import timezone

from open311.models import ApiKey
from open311.services import api_key_issue, api_key_revoke
from requests_app.enums import Channel, Status
from requests_app.models import ServiceRequest

from ..factories import assign_and_complete, submit_request

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def api_key():
    key = ApiKey(organisation="Appli citoyenne Laurentides")
    raw = api_key_issue(api_key=key)
    return raw


def xml(response):
    return ET.fromstring(response.content)


def test_services_list_every_active_type_in_json_and_xml(client):
    data = client.get(f"{BASE}/services.json").json()
    pothole = next(s for s in data if s["service_code"] == "nid-de-poule")
    assert pothole == {
        "service_code": "nid-de-poule",
        "service_name": "Nid-de-poule",
        "description": "Nid-de-poule",
        "metadata": True,  # it asks for the pothole's size
        "type": "realtime",
        "keywords": "",
        "group": "Travaux publics",
    }
    root = xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services" and len(root.findall("service")) == len(data)
    assert root.find("service[service_code='nid-de-poule']/group").text == "Travaux publics"


def test_service_definition_and_unknown_code(client):
    definition = client.get(f"{BASE}/services/nid-de-poule.json").json()
    assert definition["service_code"] == "nid-de-poule"
    (size,) = definition["attributes"]
    assert (size["code"], size["datatype"], size["required"], size["variable"]) == (
        "taille",
        "singlevaluelist",
        False,
        True,
    )
    assert size["description"] == "Taille approximative du nid-de-poule"
    assert [value["key"] for value in size["values"]] == ["petit", "moyen", "grand"]
    root = xml(client.get(f"{BASE}/services/nid-de-poule.xml"))
    assert root.find("service_code").text == "nid-de-poule"
    assert [v.text for v in root.findall("attributes/attribute/values/value/key")] == ["petit", "moyen", "grand"]
    lights = client.get(f"{BASE}/services/lumiere-de-rue.json").json()
    assert lights == {"service_code": "lumiere-de-rue", "attributes": []}
    assert not next(s for s in client.get(f"{BASE}/services.json").json() if s["service_code"] == "lumiere-de-rue")[
        "metadata"
    ]
    response = client.get(f"{BASE}/services/inconnu.json")
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": "service_code 'inconnu' not found"}]
    assert xml(client.get(f"{BASE}/services/inconnu.xml")).find("error/code").text == "404"


def test_requests_carry_no_personal_information(client):
    request = submit_request(location_address="1234, rue Principale")
    entry = client.get(f"{BASE}/requests.json").json()[0]
    assert entry["service_request_id"] == request.number and entry["status"] == "open"
    assert entry["address"] == "1234, rue Principale" and entry["agency_responsible"] == "Travaux publics"
    assert entry["requested_datetime"].endswith(("-05:00", "-04:00"))
    flat = json.dumps(entry) + client.get(f"{BASE}/requests.xml").content.decode()
    for personal in ("Marie", "Tremblay", "marie@example.ca", "450 555-0101", "1234, rue Principale, Prévost"):
        assert personal not in flat


def test_status_notes_are_the_public_note_and_closed_is_closed(client, technicien, responsable_tp):
    request = assign_and_complete(
        submit_request(),
        technicien=technicien,
        responsable=responsable_tp,
        internal_note="Équipe de Roger",
        public_note="Trou comblé ce matin.",
    )
    entry = client.get(f"{BASE}/requests/{request.number}.json").json()[0]
    assert entry["status"] == "closed" and entry["status_notes"] == "Trou comblé ce matin."
    assert "Roger" not in json.dumps(entry)
    assert xml(client.get(f"{BASE}/requests/{request.number}.xml")).find("request/status").text == "closed"


def test_search_filters(client):
    old = submit_request(received_at=timezone.now() - dt.timedelta(days=120))
    pothole = submit_request()
    light = submit_request(type_code="lumiere-de-rue")
    ServiceRequest.objects.filter(pk=light.pk).update(status=Status.CLOSED)

    def numbers(**params):
        return [entry["service_request_id"] for entry in client.get(f"{BASE}/requests.json", params).json()]

    assert set(numbers()) == {pothole.number, light.number}  # the last 90 days by default
    assert numbers(service_code="lumiere-de-rue") == [light.number]
    assert numbers(status="open") == [pothole.number]
    assert numbers(status="closed") == [light.number]
    start = (timezone.now() - dt.timedelta(days=130)).isoformat()
    end = (timezone.now() - dt.timedelta(days=100)).isoformat()
    assert numbers(start_date=start, end_date=end) == [old.number]
    assert numbers(service_request_id=f"{old.number},{light.number}", status="open") == [light.number, old.number]


@pytest.mark.parametrize(
    "params, description",
    [
        ({"start_date": "hier"}, "start_date must be an ISO 8601 date and time (e.g. 2026-11-23T09:00:00-05:00)"),
        (
            {"start_date": "2026-01-01T00:00:00-05:00", "end_date": "2026-06-01T00:00:00-04:00"},
            "start_date and end_date may not span more than 90 days",
        ),
        ({"end_date": "0001-01-01T16:01:00Z"}, "end_date is out of range"),
        ({"start_date": "9999-12-31T23:59:00Z"}, "start_date is out of range"),
        (
            {"start_date": "1980-06-25T12:44:22.5+16:54", "end_date": "1980-06-26T00:00:00Z"},
            "start_date has a time zone offset outside -12:00 to +14:00",
        ),
        ({"status": "pending"}, "status must be open or closed"),
        ({"jurisdiction_id": "montreal.ca"}, "jurisdiction_id 'montreal.ca' is not served here"),
        ({"service_code": "nid\x00"}, "parameters must not contain NUL characters"),
    ],
)
def test_search_errors(client, params, description):
    response = client.get(f"{BASE}/requests.json", params)
    assert response.status_code in (400, 404)
    assert response.json() == [{"code": response.status_code, "description": description}]


def test_unknown_request_and_token(client):
    assert client.get(f"{BASE}/requests/2026-999999.json").status_code == 404
    assert client.get(f"{BASE}/tokens/forged.json").json()[0]["code"] == 404


def test_post_files_a_request_into_the_technicien_queue(client, api_key):
    response = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": api_key,
            "jurisdiction_id": "prevost.ca",
            "service_code": "nid-de-poule",
            "lat": "45.867512",
            "long": "-74.081234",
            "address_string": "Rue Principale face au 1234",
            "description": "Trou profond.",
            "first_name": "Jean",
            "last_name": "Roy",
            "email": "jean@example.test",
            "media_url": "https://example.test/trou.jpg",
            "attribute[taille]": "grand",
        },
    )
    assert response.status_code == 201
    entry = response.json()[0]
    request = ServiceRequest.objects.get(number=entry["service_request_id"])
    assert request.channel == Channel.API and request.status == Status.RECEIVED
    assert request.requester_name == "Jean Roy" and request.requester_email == "jean@example.test"
    assert (
        str(request.latitude) == "45.867512"
        and "Taille approximative du nid-de-poule : Grand (plus de 60 cm)" in request.description
    )
    assert request.service.code == "travaux-publics"
    token = client.get(f"{BASE}/tokens/{entry['token']}.json").json()
    assert token == [{"service_request_id": request.number, "token": entry["token"]}]
    assert (
        xml(client.get(f"{BASE}/tokens/{entry['token']}.xml")).find("request/service_request_id").text == request.number
    )


@pytest.mark.parametrize(
    "params, status, description",
    [
        ({"api_key": "faux"}, 403, "a valid api_key is required"),
        ({"service_code": ""}, 400, "service_code is required"),
        ({"service_code": "inconnu"}, 404, "service_code 'inconnu' not found"),
        (
            {"address_string": "", "lat": "", "long": ""},
            400,
            "a location is required: lat and long, address_string or address_id",
        ),
        ({"lat": "45.8"}, 400, "lat and long go together"),
        ({"lat": "145.8", "long": "-74"}, 400, "lat is out of range"),
        ({"description": " "}, 400, "description is required"),
        ({"attribute[taille]": "immense"}, 400, "attribute[taille] must be one of: petit, moyen, grand"),
        ({"attribute[profondeur]": "15 cm"}, 400, "an attribute is not part of this service's definition"),
        ({"service_code": "bac-brise"}, 400, "attribute[couleur] is required for this service"),
        ({"email": "pas-un-courriel"}, 400, "email must be one e-mail address"),
        ({"email": "a@example.ca\nBcc: b@example.ca"}, 400, "email must be one e-mail address"),
        ({"email": "a@example.ca, b@example.ca"}, 400, "email must be one e-mail address"),
        ({"email": "a@example.ca b@example.ca"}, 400, "email must be one e-mail address"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url must be an http or https URL"),
        ({"media_url": "file:///etc/passwd"}, 400, "media_url must be an http or https URL"),
        ({"media_url": "ftp://example.org/p.jpg"}, 400, "media_url must be an http or https URL"),
        ({"media_url": "http://127.0.0.1/p.jpg"}, 400, "media_url must point to a public host"),
        ({"media_url": "http://10.1.2.3/p.jpg"}, 400, "media_url must point to a public host"),
        ({"media_url": "http://192.168.0.1/p.jpg"}, 400, "media_url must point to a public host"),
        ({"media_url": "http://169.254.169.254/latest/meta-data/"}, 400, "media_url must point to a public host"),
        ({"media_url": "http://[::1]/p.jpg"}, 400, "media_url must point to a public host"),
        ({"media_url": "http://localhost:8000/p.jpg"}, 400, "media_url must point to a public host"),
        ({"media_url": "http://0x7f.1/p.jpg"}, 400, "media_url must point to a public host"),
        ({"media_url": "http://2130706433/p.jpg"}, 400, "media_url must point to a public host"),
    ],
)
def test_post_errors(client, api_key, params, status, description):
    data = {
        "api_key": api_key,
        "service_code": "nid-de-poule",
        "address_string": "1234, rue Principale",
        "description": "Trou.",
        **params,
    }
    response = client.post(f"{BASE}/requests.xml", data)
    assert response.status_code == status
    root = xml(response)
    assert root.tag == "errors" and root.find("error/description").text == description
    assert not ServiceRequest.objects.exists()


def test_a_post_without_any_api_key_parameter_is_refused(client):
    response = client.post(
        f"{BASE}/requests.json",
        {"service_code": "nid-de-poule", "address_string": "1, rue Principale", "description": "x"},
    )
    assert response.status_code == 403 and response.json() == [
        {"code": 403, "description": "a valid api_key is required"}
    ]
    assert not ServiceRequest.objects.exists()


def test_a_public_media_url_and_a_plain_address_are_accepted(client, api_key):
    data = {
        "api_key": api_key,
        "service_code": "nid-de-poule",
        "address_string": "1234, rue Principale",
        "description": "Trou.",
        "email": "App@Example.ca",
        "media_url": "https://photos.example.org/nid.jpg",
    }
    assert client.post(f"{BASE}/requests.json", data).status_code == 201
    request = ServiceRequest.objects.get()
    assert (request.media_url, request.requester_email) == ("https://photos.example.org/nid.jpg", "App@Example.ca")


def test_a_revoked_key_is_refused(client, api_key):
    api_key_revoke(api_key=ApiKey.objects.get())
    data = {
        "api_key": api_key,
        "service_code": "nid-de-poule",
        "address_string": "Rue Principale",
        "description": "Trou.",
    }
    assert client.post(f"{BASE}/requests.json", data).status_code == 403


def test_posts_are_rate_limited_per_key(client, api_key, settings):
    settings.OPEN311_POST_LIMIT = (2, 3600)
    data = {
        "api_key": api_key,
        "service_code": "nid-de-poule",
        "address_string": "Rue Principale",
        "description": "Trou.",
    }
    assert [client.post(f"{BASE}/requests.json", data).status_code for _ in range(3)] == [201, 201, 429]
    assert ServiceRequest.objects.count() == 2
    other = ApiKey(organisation="Autre")
    other_raw = api_key_issue(api_key=other)
    assert client.post(f"{BASE}/requests.json", {**data, "api_key": other_raw}).status_code == 201


def test_only_the_hash_of_a_key_is_stored(api_key):
    stored = ApiKey.objects.get()
    assert api_key not in (stored.key_hash, stored.key_prefix) and stored.key_prefix == api_key[:8]


def test_a_page_of_requests_costs_the_same_queries_whatever_its_length(client, django_assert_max_num_queries):
    for _ in range(12):
        submit_request()
    with django_assert_max_num_queries(4):
        assert len(client.get(f"{BASE}/requests.json").json()) == 12


def test_service_discovery_lists_the_endpoint_its_formats_and_contact(client):
    for path in ("/open311/discovery", f"{BASE}/discovery"):
        found = client.get(f"{path}.json").json()
        (endpoint,) = found["endpoints"]
        assert endpoint["url"].endswith("/open311/v2") and endpoint["type"] == "production"
        assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert endpoint["formats"] == ["application/json", "text/xml"]
        assert found["contact"] == "Service aux citoyens, Ville de Prévost — requetes@ville.prevost.qc.ca, 450 224-8888"
        root = xml(client.get(f"{path}.xml"))
        assert root.tag == "discovery"
        assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == ["application/json", "text/xml"]


def test_the_feed_is_kept_whole_and_shows_every_change_at_once(
    client, technicien, responsable_tp, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Polled by other cities' apps: a repeated query reads no database, yet a new request, a
    completion and its public note, or a renamed type are in the very next answer."""
    with django_capture_on_commit_callbacks(execute=True):
        first = submit_request()
    assert [e["service_request_id"] for e in client.get(f"{BASE}/requests.json").json()] == [first.number]
    with django_assert_num_queries(0):
        assert client.get(f"{BASE}/requests.json").json()[0]["status"] == "open"

    with django_capture_on_commit_callbacks(execute=True):
        second = submit_request(type_code="lumiere-de-rue")
    assert [e["service_request_id"] for e in client.get(f"{BASE}/requests.json").json()] == [
        second.number,
        first.number,
    ]

    with django_capture_on_commit_callbacks(execute=True):
        assign_and_complete(
            first, technicien=technicien, responsable=responsable_tp, public_note="Trou comblé ce matin."
        )
    entry = client.get(f"{BASE}/requests.json?status=closed").json()[0]
    assert entry["status_notes"] == "Trou comblé ce matin."
    assert client.get(f"{BASE}/requests.json").json()[1]["status"] == "closed"

    with django_capture_on_commit_callbacks(execute=True):
        pothole = first.request_type
        pothole.name_fr = "Nid-de-poule (chaussée)"
        pothole.save()
    assert client.get(f"{BASE}/requests.json").json()[1]["service_name"] == "Nid-de-poule (chaussée)"
    # Each format and each query is its own answer.
    assert xml(client.get(f"{BASE}/requests.xml")).find("request/service_request_id").text == second.number
    assert (
        client.get(f"{BASE}/requests.json?service_code=lumiere-de-rue").json()[0]["service_request_id"] == second.number
    )


def test_an_invalid_query_is_never_kept_in_place_of_the_feed(client):
    submit_request()
    assert client.get(f"{BASE}/requests.json?status=maybe").status_code == 400
    assert client.get(f"{BASE}/requests.json?status=maybe").status_code == 400
    assert len(client.get(f"{BASE}/requests.json").json()) == 1
