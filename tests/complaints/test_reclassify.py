import datetime as dt

import pytest
from django.utils import timezone

from complaints import services
from complaints.enums import ComplaintStatus
from complaints.models import Complaint
from core.errors import ApplicationError
from requests_app.enums import EventKind, Status
from requests_app.models import RequestEvent, ServiceRequest

from ..factories import request_type, submit_request
from .conftest import file_complaint

pytestmark = pytest.mark.django_db


def test_requete_becomes_a_plainte_and_its_facts_leave_the_request(technicien):
    request = submit_request(description="L'inspecteur m'a parlé de façon méprisante.")
    complaint = services.complaint_from_request(
        service_request=request, acting_user=technicien, facts_date=timezone.localdate(request.received_at)
    )
    request.refresh_from_db()
    assert complaint.status == ComplaintStatus.AWAITING_SIGNATURE and complaint.source_request == request
    assert complaint.facts == "L'inspecteur m'a parlé de façon méprisante."
    assert request.status == Status.RECLASSIFIED and "méprisante" not in request.description
    kinds = list(RequestEvent.objects.filter(request=request).values_list("kind", flat=True))
    assert kinds == [EventKind.SUBMITTED, EventKind.RECLASSIFIED], "the request keeps its history"


def test_a_requete_is_not_reclassified_into_a_plainte_past_the_15_days(technicien):
    request = submit_request(description="L'inspecteur m'a parlé de façon méprisante.")
    with pytest.raises(ApplicationError, match="15 jours"):
        services.complaint_from_request(
            service_request=request,
            acting_user=technicien,
            facts_date=timezone.localdate(request.received_at) - dt.timedelta(days=16),
        )
    request.refresh_from_db()
    assert request.status != Status.RECLASSIFIED and not Complaint.objects.exists()


def test_plainte_becomes_a_requete(investigator):
    complaint = file_complaint()
    request = services.complaint_to_request(
        complaint=complaint, acting_user=investigator, request_type=request_type("deneigement")
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECLASSIFIED
    assert ServiceRequest.objects.get(pk=request.pk).description == complaint.facts
    assert complaint.access_log.filter(detail__contains=request.number).exists()
