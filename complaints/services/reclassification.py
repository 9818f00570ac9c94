"""A requête that is a complaint, and a complaint that asks for a service instead."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from complaints.enums import (
    ComplaintChannel,
    ComplaintStatus,
)
from complaints.models import (
    Complaint,
)
from complaints.selectors import is_investigator
from complaints.services.filing import _new_complaint
from complaints.services.notifications import _notify_investigators, _notify_signing_link
from complaints.services.rules import _change, _require, _set_status, check_receivable
from core.errors import ApplicationError
from requests_app import services as request_services
from requests_app.enums import Channel
from requests_app.models import RequestType, ServiceRequest

# --- reclassification ------------------------------------------------------------------------------


@transaction.atomic
def complaint_from_request(*, service_request: ServiceRequest, acting_user: User, facts_date: dt.date) -> Complaint:
    """The Technicien sees that a requête is in fact a plainte: it becomes one, awaiting the citizen's signature."""
    _require(acting_user.has_perm("requests_app.triage"))
    check_receivable(facts_date=facts_date, today=timezone.localdate())
    if not service_request.requester_email:
        raise ApplicationError(
            _(
                "Le demandeur n'a pas de courriel : prenez la plainte par téléphone pour lui "
                "envoyer un écrit à signer, ou faites-la signer au comptoir."
            )
        )
    data = {
        "complainant_name": service_request.requester_name,
        "complainant_address": service_request.requester_address or "—",
        "complainant_phone": service_request.requester_phone or "—",
        "complainant_email": service_request.requester_email,
        "language": service_request.language,
        "facts_date": facts_date,
        "service": service_request.service,
        "facts": service_request.description,
    }
    complaint = _new_complaint(
        data=data,
        channel=ComplaintChannel.REQUEST,
        status=ComplaintStatus.AWAITING_SIGNATURE,
        acting_user=acting_user,
        source_request=service_request,
    )
    request_services.request_mark_reclassified(
        service_request=service_request, acting_user=acting_user, reference=complaint.number
    )
    _notify_signing_link(complaint)
    _notify_investigators(complaint)
    return complaint


@transaction.atomic
def complaint_to_request(*, complaint: Complaint, acting_user: User, request_type: RequestType) -> ServiceRequest:
    """The reverse: what was filed as a complaint asks for a service's action instead."""
    _require(is_investigator(acting_user))
    if complaint.status in (ComplaintStatus.CONCLUDED, ComplaintStatus.RECLASSIFIED):
        raise ApplicationError(_("Une plainte conclue ou déjà reclassée ne se reclasse plus."))
    request = request_services.request_submit(
        data={
            "request_type": request_type,
            "description": complaint.facts,
            "requester_name": complaint.complainant_name,
            "requester_address": complaint.complainant_address,
            "requester_phone": complaint.complainant_phone,
            "requester_email": complaint.complainant_email,
            "language": complaint.language,
        },
        channel=Channel.WEB if complaint.channel == ComplaintChannel.WEB else Channel.PHONE,
        acting_user=acting_user,
    )
    _set_status(complaint, "reclassify", acting_user)
    _change(complaint, acting_user, f"reclassée en requête {request.number}")
    return request
