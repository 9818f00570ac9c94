"""One way to change a status: every demand's screens ask its workflow, and every change is an event
with where it came from and where it went."""

import pytest
from django.urls import reverse

from complaints import services as complaint_services
from complaints.enums import ComplaintStatus
from core.errors import ApplicationError
from core.workflow import available_actions
from legal.enums import AccessStatus, ClaimStatus
from legal.services import access as access_services
from legal.services import claims as claim_services
from requests_app import services
from requests_app.enums import RequestKind

from ..complaints.conftest import file_complaint
from ..factories import submit_request
from ..legal.test_access_requests import submit as submit_access
from ..legal.test_claims import file_claim

pytestmark = pytest.mark.django_db


def test_a_new_request_offers_the_technicien_what_its_kind_and_status_allow_and_the_responsable_nothing(
    technicien, responsable_tp
):
    requete = submit_request()
    information = submit_request(kind=RequestKind.INFORMATION)
    assert available_actions(requete, technicien) == ["assign", "reject", "reclassify", "merge"]
    assert available_actions(information, technicien) == ["answer", "reject", "reclassify", "merge"]
    assert available_actions(requete, responsable_tp) == []
    services.request_assign(service_request=requete, acting_user=technicien)
    requete.refresh_from_db()
    assert "complete" in available_actions(requete, responsable_tp)
    assert "assign" in available_actions(requete, technicien), "reassigning stays possible"


def test_the_desk_shows_only_the_buttons_the_workflow_allows(client, technicien):
    requete = submit_request()
    client.force_login(technicien)
    page = client.get(reverse("admin:requests_app_servicerequest_change", args=[requete.pk])).content.decode()
    assert "transition/assign/" in page and "transition/close/" not in page and "transition/answer/" not in page


def test_every_status_change_of_a_claim_is_an_event_with_its_two_statuses(greffier, technicien):
    claim = file_claim()
    assert available_actions(claim, technicien) == []
    assert available_actions(claim, greffier) == ["start_analysis", "send_to_insurer", "withdraw"]
    claim = claim_services.claim_start_analysis(claim=claim, acting_user=greffier, note="Photos reçues.")
    event = claim.events.exclude(to_status="").last()
    assert (event.from_status, event.to_status, event.by) == (ClaimStatus.RECEIVED, ClaimStatus.ANALYSIS, greffier)
    with pytest.raises(ApplicationError, match="n'est pas possible"):
        claim_services.claim_start_analysis(claim=claim, acting_user=greffier)


def test_an_access_request_keeps_the_history_of_its_statuses(greffier):
    access_request = submit_access()
    assert available_actions(access_request, greffier) == ["decide", "extend", "withdraw"]
    access_services.access_request_withdraw(access_request=access_request, acting_user=greffier)
    history = list(access_request.events.values_list("from_status", "to_status", "by"))
    assert history == [("", AccessStatus.RECEIVED, None), (AccessStatus.RECEIVED, AccessStatus.WITHDRAWN, greffier.pk)]
    access_request.refresh_from_db()
    assert available_actions(access_request, greffier) == []


def test_a_complaint_records_its_statuses_as_events_not_as_a_line_of_text(directeur_sac, technicien):
    complaint = file_complaint()
    assert available_actions(complaint, technicien) == []
    assert available_actions(complaint, directeur_sac) == ["start_investigation", "reclassify"]
    complaint_services.complaint_start_investigation(complaint=complaint, acting_user=directeur_sac)
    event = complaint.events.get()
    assert (event.from_status, event.to_status, event.by) == (
        ComplaintStatus.RECEIVED,
        ComplaintStatus.INVESTIGATING,
        directeur_sac,
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.INVESTIGATING
    assert "conclude" in available_actions(complaint, directeur_sac)
