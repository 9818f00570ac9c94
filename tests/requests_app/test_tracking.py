import html

import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app import services

from ..factories import assign_and_complete, submit_request
from .test_submission import form_data

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_status_page_shows_public_note_and_never_internal_note_or_staff_name(client, technicien, responsable_tp):
    request = services.request_assign(service_request=submit_request(), acting_user=technicien)
    services.request_complete(
        service_request=request,
        acting_user=responsable_tp,
        done_date=timezone.localdate(),
        extension="47193",
        internal_note="Note interne : le voisin est difficile.",
        public_note="Réparé avec de l'asphalte chaud.",
    )
    services.request_close(service_request=request, acting_user=technicien, public_note="Merci de votre patience.")

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


def test_status_page_changes_as_soon_as_the_city_acts_although_it_is_cached(
    client, technicien, responsable_tp, django_assert_num_queries, django_capture_on_commit_callbacks
):
    request = submit_request()
    url = reverse("requests:track", kwargs={"token": request.tracking_token})
    assert "Reçue" in page(client.get(url))
    with django_assert_num_queries(0):  # the second reader is served from the cache
        assert "Reçue" in page(client.get(url))

    with django_capture_on_commit_callbacks(execute=True):
        assign_and_complete(
            request, technicien=technicien, responsable=responsable_tp, public_note="Trou comblé ce matin."
        )

    text = page(client.get(url))
    assert "Complétée" in text and "Trou comblé ce matin." in text


def test_a_page_rendered_before_a_commit_is_never_served_after_it(client, technicien, responsable_tp):
    from core import page_cache

    request = submit_request()
    token = request.tracking_token
    url = reverse("requests:track", kwargs={"token": token})
    stale_version, _ = page_cache.lookup(token, "fr-ca")
    services.request_assign(service_request=request, acting_user=technicien)
    # A reader that read the version before the change stores what it rendered late:
    page_cache.store(token, "fr-ca", stale_version, b"ancienne page")
    assert "ancienne page" not in page(client.get(url))


def test_pages_read_while_a_change_is_under_way_are_not_served_once_it_commits(
    client, technicien, responsable_tp, django_capture_on_commit_callbacks
):
    # The keys a block changes are bumped together on commit (issue 20): the status page's and
    # the lists' (Open311, the desk's flags) both, or a reader of the old rows would be believed.
    from core import page_cache
    from requests_app.signals import LIST_VERSION_KEY

    request = submit_request()
    token = request.tracking_token
    with django_capture_on_commit_callbacks(execute=True):
        services.request_assign(service_request=request, acting_user=technicien)
        status_version, _ = page_cache.lookup(token, "fr-ca")
        list_version, _ = page_cache.lookup_versioned(LIST_VERSION_KEY, "open311-feed:test")
        page_cache.store(token, "fr-ca", status_version, b"ancienne page")
        page_cache.store_versioned("open311-feed:test", list_version, b"ancien flux", 60)
    assert "ancienne page" not in page(client.get(reverse("requests:track", kwargs={"token": token})))
    assert page_cache.lookup_versioned(LIST_VERSION_KEY, "open311-feed:test")[1] is None


def test_status_page_answers_when_the_cache_does_not(client, cache_away):
    request = submit_request()
    response = client.get(reverse("requests:track", kwargs={"token": request.tracking_token}))
    assert response.status_code == 200 and request.number in page(response)


def test_citizen_who_just_filed_sees_the_thanks_once_even_where_the_page_is_cached(client):
    from django.test import Client

    url = client.post(reverse("requests:create"), form_data()).url
    assert "Merci, votre demande est reçue" not in page(Client().get(url))  # someone else: cached, no thanks
    assert "Merci, votre demande est reçue" in page(client.get(url))
    assert "Merci, votre demande est reçue" not in page(client.get(url))
    assert "sessionid" not in client.cookies  # filing keeps no server session for the citizen


def test_language_link_leads_to_the_same_page_in_english(client):
    request = submit_request()
    text = client.get(reverse("requests:track", kwargs={"token": request.tracking_token})).content.decode()
    href = text.split('class="lang-switch" href="')[1].split('"')[0]
    assert href.startswith("/en/") and href.endswith(f"/{request.tracking_token}/")
    response = client.get(href)
    assert response.status_code == 200 and "Request" in page(response)


def test_one_lookup_finds_every_kind_of_demand_by_its_number_and_email(client, technicien):
    """/suivi/ is where a citizen looks: a complaint, a claim or an access request is found there too."""
    from complaints.services import complaint_record_verbal
    from legal.services.access import access_request_submit

    from ..complaints.conftest import complaint_data
    from ..legal.test_claims import file_claim

    claim = file_claim(today=timezone.localdate())
    access = access_request_submit(
        data={
            "documents_requested": "Le procès-verbal du 3 novembre.",
            "requester_name": "Jean Roy",
            "requester_address": "12, rue des Pins",
            "requester_phone": "",
            "requester_email": "jean@example.test",
            "language": "fr-ca",
        },
        form="ecrite",
    )
    complaint = complaint_record_verbal(data=complaint_data(), acting_user=technicien)
    lookup = reverse("requests:track_lookup")
    for number, email, expected in (
        (claim.number, claim.claimant_email.upper(), reverse("claims:track", args=[claim.tracking_token])),
        (access.number.lower(), "jean@example.test", reverse("access:track", args=[access.tracking_token])),
        (complaint.number, complaint.complainant_email, reverse("complaints:track", args=[complaint.tracking_token])),
    ):
        response = client.post(lookup, {"number": number, "email": email})
        assert response.status_code == 302 and response.url == expected, number
    wrong = client.post(lookup, {"number": claim.number, "email": "autre@example.test"}, follow=True)
    assert "Aucune demande ne correspond" in html.unescape(wrong.content.decode())
