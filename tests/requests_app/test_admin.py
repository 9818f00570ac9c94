import datetime as dt
import html
import re

import pytest
from django.contrib.admin.templatetags import admin_list
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from requests_app import duplicates, services
from requests_app.enums import Channel, RejectionReason, RequestKind, Status
from requests_app.models import RequestEvent, ServiceRequest

from ..factories import assign_and_complete, request_type, submit_request

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:requests_app_servicerequest_changelist")


def page(response) -> str:
    return html.unescape(response.content.decode())


def make_requests(count, technicien):
    # Travaux publics and Environnement have responsables (fixtures); the others stay in the queue.
    codes = ["nid-de-poule", "permis-question", "collecte-manquee", "animal-errant"]
    for index in range(count):
        request = submit_request(type_code=codes[index % len(codes)])
        if index % 2 == 0:
            services.request_assign(service_request=request, acting_user=technicien)


def changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def test_triage_list_runs_a_constant_number_of_queries(
    client, technicien, responsable_tp, responsable_env, monkeypatch
):
    monkeypatch.setattr(duplicates, "COUNTS_TIMEOUT", 0)  # the flags counted on every view, as after a change
    client.force_login(technicien)
    make_requests(4, technicien)
    client.get(CHANGELIST)  # warm the closures cache, as any running server has
    few = changelist_queries(client)
    make_requests(30, technicien)
    many = changelist_queries(client)
    assert ServiceRequest.objects.count() == 34
    assert few == many


def test_triage_list_shows_number_status_age_and_responsable(client, technicien, responsable_tp):
    client.force_login(technicien)
    request = services.request_assign(service_request=submit_request(), acting_user=technicien)
    text = page(client.get(CHANGELIST))
    assert request.number in text and "assignée" in text and str(responsable_tp) in text
    assert "âge (jours ouvrables)" in text.lower()


def test_technicien_assigns_from_the_change_form(client, technicien, responsable_tp):
    client.force_login(technicien)
    request = submit_request()
    url = reverse("admin:requests_app_servicerequest_transition", args=[request.pk, "assign"])
    response = client.post(
        url,
        {"assign-request_type": request.request_type_id, "assign-responsable": "", "assign-note": "Urgent"},
        follow=True,
    )
    assert "Demande classée et assignée au responsable." in page(response)
    request.refresh_from_db()
    assert request.status == Status.ASSIGNED and request.responsable == responsable_tp


def test_refused_transition_shows_a_french_message_and_changes_nothing(client, technicien):
    client.force_login(technicien)
    request = submit_request()
    url = reverse("admin:requests_app_servicerequest_transition", args=[request.pk, "close"])
    response = client.post(url, {"close-public_note": ""}, follow=True)
    assert "cette action n'est pas possible à ce stade" in page(response)
    request.refresh_from_db()
    assert request.status == Status.RECEIVED


def test_bulk_close_completed_requests(client, technicien, responsable_tp):
    client.force_login(technicien)
    request = assign_and_complete(submit_request(), technicien=technicien, responsable=responsable_tp)
    response = client.post(CHANGELIST, {"action": "close_completed", "_selected_action": [request.pk]}, follow=True)
    assert "1 demande(s) fermée(s)." in page(response)
    assert ServiceRequest.objects.get(pk=request.pk).status == Status.CLOSED


def test_reclassifying_in_the_change_form_records_history(client, technicien):
    client.force_login(technicien)
    request = submit_request()
    url = reverse("admin:requests_app_servicerequest_change", args=[request.pk])
    # Post what the browser posts: the hidden inputs of the page (inline management forms) plus the edit.
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', client.get(url).content.decode()))
    response = client.post(
        url, {**hidden, "kind": RequestKind.REQUEST, "request_type": request_type("lumiere-de-rue").pk, "_save": "1"}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    request.refresh_from_db()
    assert request.request_type.code == "lumiere-de-rue"
    assert RequestEvent.objects.filter(request=request, kind="classified").exists()


def test_change_form_shows_history_and_transition_buttons(client, technicien):
    client.force_login(technicien)
    request = submit_request()
    text = page(client.get(reverse("admin:requests_app_servicerequest_change", args=[request.pk])))
    assert "Prochaine étape" in text and "Classer et assigner" in text and "Déclarer non recevable" in text
    assert "demande reçue" in text.lower()


def test_responsable_has_no_access_to_the_admin(client, responsable_tp):
    client.force_login(responsable_tp)
    response = client.get(CHANGELIST)
    assert response.status_code == 302 and "login" in response.url


def test_the_triage_list_never_counts_past_the_cap(client, technicien, monkeypatch, django_assert_max_num_queries):
    from core import paginators
    from requests_app.models import ServiceRequest

    monkeypatch.setattr(paginators, "CAP", 5)
    for _ in range(8):
        submit_request()
    assert paginators.EstimatedCountPaginator(ServiceRequest.objects.filter(kind="requete"), 50).count == 6
    client.force_login(technicien)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:requests_app_servicerequest_changelist") + "?status__exact=recue")
    assert response.status_code == 200 and len(response.context["cl"].result_list) == 8


def test_technicien_finds_a_request_by_number_part_of_number_name_or_address(client, technicien):
    client.force_login(technicien)
    gagnon = submit_request(
        requester_name="Luc Gagnon", location_address="77, rue des Pins", requester_address="77, rue des Pins"
    )
    tremblay = submit_request()

    def found(term):
        text = page(client.get(CHANGELIST, {"q": term}))
        return {r.number for r in (gagnon, tremblay) if r.number in text}

    assert found(gagnon.number) == {gagnon.number}
    assert found(gagnon.number[-3:]) == {gagnon.number}  # the end of a number, as read over the phone
    assert found("gagnon") == {gagnon.number}
    assert found("RUE DES PINS") == {gagnon.number}
    assert found("rue principale") == {tremblay.number}


def test_a_bookmark_of_the_desk_from_before_the_rename_still_opens_it(client, technicien):
    """The model was `Request` until it became `ServiceRequest`: the Technicien's saved links
    (the triage queue with its filter, a request's page) lead to the same screens."""
    request = submit_request()
    response = client.get(f"/admin/requests_app/request/{request.pk}/change/?_changelist_filters=status__exact%3Drecue")
    assert response.status_code == 301
    assert (
        response.url
        == f"/admin/requests_app/servicerequest/{request.pk}/change/?_changelist_filters=status__exact%3Drecue"
    )
    assert client.get("/admin/requests_app/request/?status__exact=recue").url == CHANGELIST + "?status__exact=recue"


def test_the_admin_pages_that_moved_to_their_own_app_redirect_from_their_old_address(client, technicien):
    client.force_login(technicien)
    for before, after in [("digestdelivery", "digests"), ("inboundemail", "intake"), ("outboundemail", "outbox")]:
        response = client.get(f"/admin/requests_app/{before}/?p=1")
        assert response.status_code == 301 and response.url == f"/admin/{after}/{before}/?p=1"
        assert client.get(f"/admin/{after}/{before}/").status_code == 200


def test_the_next_step_leads_a_new_request_and_classifies_and_assigns_in_one_go(client, technicien, responsable_tp):
    """The first button of a new request routes it; the type can be corrected in the same step and
    the responsable designated for the new type's service is the one proposed."""
    client.force_login(technicien)
    request = submit_request(type_code="lumiere-de-rue")  # the citizen chose street lights; it is a pothole
    text = page(client.get(reverse("admin:requests_app_servicerequest_change", args=[request.pk])))
    assert text.index("Prochaine étape") < text.index("Classification") < text.index("Enregistrer la classification")
    assert "Enregistrer et continuer" not in text and 'name="_save"' not in text
    assert "change_related_template_url" not in text and "add_id_request_type" not in text, "no catalogue icons"
    url = reverse("admin:requests_app_servicerequest_transition", args=[request.pk, "assign"])
    client.post(url, {"assign-request_type": request_type("nid-de-poule").pk, "assign-responsable": ""})
    request.refresh_from_db()
    assert (request.request_type.code, request.status, request.responsable) == (
        "nid-de-poule",
        Status.ASSIGNED,
        responsable_tp,
    )
    assert list(request.events.values_list("kind", flat=True)) == ["submitted", "classified", "assigned"]


def test_saving_the_classification_stays_on_the_page_and_says_the_request_is_not_routed(client, technicien):
    client.force_login(technicien)
    request = submit_request()
    url = reverse("admin:requests_app_servicerequest_change", args=[request.pk])
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', client.get(url).content.decode()))
    response = client.post(
        url, {**hidden, "kind": RequestKind.REQUEST, "request_type": request.request_type_id, "_continue": "1"}
    )
    assert response.url == url
    assert "pas encore assignée" in page(client.get(url))


def test_a_completed_request_has_no_save_button_and_no_assign_in_the_menu(client, technicien, responsable_tp):
    client.force_login(technicien)
    request = assign_and_complete(submit_request(), technicien=technicien, responsable=responsable_tp)
    text = page(client.get(reverse("admin:requests_app_servicerequest_change", args=[request.pk])))
    assert "Enregistrer" not in text and "Fermer et aviser le demandeur" in text
    menu = page(client.get(CHANGELIST + "?status__exact=completee"))
    assert "Assigner au responsable de leur service" not in menu and "Fermer les demandes complétées" in menu


def test_the_triage_list_tells_designated_from_assigned_and_flags_likely_duplicates(
    client, technicien, responsable_tp, monkeypatch
):
    monkeypatch.setattr(duplicates, "COUNTS_TIMEOUT", 0)  # the flags counted on every view, as after a change
    client.force_login(technicien)
    for name in ("Julie Roy", "Marc Lavoie", "Hélène Dubé"):
        submit_request(location_address="1250, rue Principale", requester_name=name)
    routed = services.request_assign(
        service_request=submit_request(location_address="88, chemin du Lac-René"), acting_user=technicien
    )
    response = client.get(CHANGELIST)
    text = page(response)
    assert "File de triage des demandes" in text and "Sélectionnez" not in text
    assert text.count("pas encore assigné") == 3, "the routed one reads as assigned"
    rows = {row.split("</th>")[0]: row for row in text.split('<th class="field-number_and_flag">')[1:]}
    flagged = [number for number, row in rows.items() if "2 doublons possibles" in row]
    assert len(flagged) == 3 and not any(routed.number in number for number in flagged)
    with CaptureQueriesContext(connection) as before:
        client.get(CHANGELIST)
    for name in ("Autre", "Encore", "Toujours"):
        submit_request(location_address="1250, rue Principale", requester_name=name)
    with CaptureQueriesContext(connection) as after:
        client.get(CHANGELIST)
    assert len(after) == len(before), "the flags are read for the whole page at once"


def test_people_pickers_tell_namesakes_apart_by_their_service(client, technicien, responsable_tp):
    from requests_app.forms import AssignForm

    form = AssignForm(prefix="assign", service_request=submit_request())
    labels = [label for _value, label in form.fields["responsable"].choices]
    assert f"{responsable_tp} — Responsable de la réception des requêtes · Travaux publics" in labels
    assert str(responsable_tp) in labels[0], "blank names the designated responsable"


def test_after_a_storm_of_identical_reports_the_list_says_nine_plus(client, technicien):
    for index in range(12):
        submit_request(location_address="1250, rue Principale", requester_name=f"Voisin {index}")
    client.force_login(technicien)
    text = page(client.get(CHANGELIST))
    assert text.count("9+ doublons possibles") == 12


def test_identical_reports_are_counted_only_within_each_ones_window(client, technicien):
    """Read grouped by place, the same address reported now and six weeks ago still counts each
    report against its own 30 days: the recent ones see each other, the old ones each other."""
    old = [
        submit_request(
            location_address="1250, rue Principale",
            requester_name=f"Avant {index}",
            received_at=timezone.now() - dt.timedelta(days=42),
        )
        for index in range(2)
    ]
    recent = [submit_request(location_address="1250, rue Principale", requester_name=f"Voisin {i}") for i in range(3)]
    client.force_login(technicien)
    text = page(client.get(CHANGELIST))
    rows = {row.split("</th>")[0]: row for row in text.split('<th class="field-number_and_flag">')[1:]}

    def flag(request):
        row = next(row for number, row in rows.items() if request.number in number)
        return row.split('class="duplicate-flag">')[1].split("<")[0] if "duplicate-flag" in row else ""

    assert [flag(request) for request in recent] == ["2 doublons possibles"] * 3
    assert [flag(request) for request in old] == ["1 doublon possible"] * 2


@pytest.mark.parametrize("query", [{}, {"kind__exact": RequestKind.REQUEST, "o": "-2.1"}])
def test_the_triage_rows_are_the_cells_djangos_generic_list_writes(
    client, technicien, responsable_tp, responsable_env, query
):
    # Issue 20: the desk writes its rows from a recipe per column; what the Technicien sees (cells,
    # classes, links keeping the filters and the order, flags, empty values) must not change.
    client.force_login(technicien)
    make_requests(4, technicien)
    for name in ("Julie Roy", "Marc Lavoie"):
        submit_request(location_address="1250, rue Principale", requester_name=name)
    by_email = submit_request(type_code="permis-question", requester_name="Par courriel")
    ServiceRequest.objects.filter(pk=by_email.pk).update(channel=Channel.EMAIL)
    response = client.get(CHANGELIST, query)
    cl = response.context["cl"]
    generic = [list(cells) for cells in admin_list.results(cl)]
    assert cl.rows() == generic and len(generic) == 7
    text = response.content.decode()
    assert all(f"<tr>{''.join(cells)}</tr>" in text for cells in generic)
    if query:
        assert "_changelist_filters=kind__exact" in generic[0][1]


def test_the_duplicate_flags_are_kept_until_a_request_changes(client, technicien, responsable_tp):
    # Issue 20: the page's counts are kept in the cache under the requests' list version.
    client.force_login(technicien)
    first, second = (submit_request(location_address="1250, rue Principale") for _ in range(2))
    assert page(client.get(CHANGELIST)).count("1 doublon possible") == 2
    with CaptureQueriesContext(connection) as unchanged:
        client.get(CHANGELIST)
    assert not any("GROUP BY" in query["sql"] for query in unchanged), "an unchanged page is not counted again"

    services.request_reject(
        service_request=second, acting_user=technicien, reason=RejectionReason.OUT_OF_SCOPE, public_note="Hors champ."
    )
    text = page(client.get(CHANGELIST))
    assert "doublon possible" not in text, "a request that left the queue no longer counts at the next view"
    assert first.number in text
