"""A request's arrival and the Technicien's triage: submission, classification, assignment, closing."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ApplicationError
from core.numbering import next_yearly_value
from requests_app.enums import (
    NOT_COMPLETED_STATUSES,
    EventKind,
    RejectionReason,
    RequestKind,
    Status,
)
from requests_app.models import (
    RequestEvent,
    RequestNumberSequence,
    RequestPhoto,
    RequestType,
    ServiceRequest,
)
from requests_app.services import notifications
from requests_app.services.workflow import _transition

# --- submission ------------------------------------------------------------------------


def _next_number(year: int) -> str:
    # Not gapless: concurrent submissions must not queue on one counter row (core.numbering).
    return f"{year}-{next_yearly_value(RequestNumberSequence, year, gapless=False):06d}"


@transaction.atomic
def request_submit(
    *,
    data: dict[str, Any],
    channel: str,
    photos: "Iterable[tuple[File[Any], str]]" = (),
    acting_user: User | None = None,
    received_at: dt.datetime | None = None,
) -> ServiceRequest:
    """Record a demand, from the web form or from staff intake. The row exists before any e-mail."""
    received_at = received_at or timezone.now()
    request_type = data.get("request_type")
    if request_type is not None and data.get("service") is None:
        data = {**data, "service": request_type.service}
    # Routed to the reception responsable in force when it arrives (Annexe C), even if the
    # designation changes before the Technicien assigns it.
    service = data.get("service")
    data = {"responsable_id": service.responsable_id if service else None, **data}
    address = data.get("address")
    if address is not None and data.get("latitude") is None and address.latitude is not None:
        # A known civic address gives the place its position (duplicates, Open311, the map).
        data = {**data, "latitude": address.latitude, "longitude": address.longitude}
    request = ServiceRequest(**data, channel=channel, received_at=received_at, created_by=acting_user)
    request.number = _next_number(timezone.localtime(received_at).year)
    # Related rows arrive as instances read from the database, the number and token are unique by
    # construction and by constraint, and the one check constraint is about merged requests, which a
    # new one is not: checking them again would cost eight round trips per demand.
    request.full_clean(
        exclude=["service", "request_type", "responsable", "created_by", "address"],
        validate_unique=False,
        validate_constraints=False,
    )
    request.save()
    for image, content_type in photos:
        RequestPhoto.objects.create(request=request, image=image, content_type=content_type)
    RequestEvent.objects.create(request=request, kind=EventKind.SUBMITTED, to_status=request.status, actor=acting_user)
    notifications.notify_acknowledgement(request)
    return request


# --- the Technicien ----------------------------------------------------------------------


@transaction.atomic
def request_classify(
    *, service_request: ServiceRequest, acting_user: User, kind: str, request_type: RequestType | None
) -> ServiceRequest:
    """Change the category or the type (and so the service). A request moved to another service
    goes back to the Technicien's queue: the new service's responsable must be assigned anew."""
    if not acting_user.has_perm("requests_app.triage"):
        raise ApplicationError(_("Seul le Technicien du Service aux citoyens classe les demandes."))
    locked = (
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("service", "request_type")
        .get(pk=service_request.pk)
    )
    if locked.status not in NOT_COMPLETED_STATUSES:
        raise ApplicationError(_("Une demande complétée, fermée ou non recevable ne se reclasse plus."))
    new_service = request_type.service if request_type else None
    before = (locked.kind, locked.request_type)
    if before == (kind, request_type):
        return locked
    note = _("Avant : %(kind)s, %(type)s. Après : %(new_kind)s, %(new_type)s.") % {
        "kind": locked.get_kind_display(),
        "type": locked.request_type or "—",
        "new_kind": RequestKind(kind).label,
        "new_type": request_type or "—",
    }
    from_status = locked.status
    if new_service != locked.service:
        locked.status = Status.RECEIVED
        locked.responsable = new_service.responsable if new_service else None
    locked.kind, locked.request_type, locked.service = kind, request_type, new_service
    locked.full_clean()
    locked.save()
    RequestEvent.objects.create(
        request=locked,
        kind=EventKind.CLASSIFIED,
        from_status=from_status,
        to_status=locked.status,
        actor=acting_user,
        note=note,
    )
    return locked


@transaction.atomic
def request_assign(
    *, service_request: ServiceRequest, acting_user: User, responsable: User | None = None, note: str = ""
) -> ServiceRequest:
    """Route to the service's responsable (or the one named) and tell them."""
    if service_request.service_id is None or service_request.request_type_id is None:
        raise ApplicationError(
            _("La demande %(number)s doit être classée (service et type) avant d'être assignée.")
            % {"number": service_request.number}
        )
    if service_request.kind != RequestKind.REQUEST:
        raise ApplicationError(_("Une demande d'information se règle au premier contact : elle ne s'assigne pas."))
    assert service_request.service is not None  # checked above: a classified request has its service
    responsable = responsable or service_request.responsable or service_request.service.responsable
    if responsable is None:
        raise ApplicationError(
            _("Le service %(service)s n'a pas de responsable désigné : la demande %(number)s reste dans votre file.")
            % {"service": service_request.service, "number": service_request.number}
        )
    service_request, event = _transition(
        service_request=service_request,
        action="assign",
        acting_user=acting_user,
        event_kind=EventKind.ASSIGNED,
        note=note,
        responsable=responsable,
        status_reason="",
        planned_date=None,
    )
    notifications.notify_responsable_assigned(service_request, event)
    return service_request


@transaction.atomic
def request_classify_and_assign(
    *,
    service_request: ServiceRequest,
    acting_user: User,
    request_type: RequestType,
    responsable: User | None = None,
    note: str = "",
) -> ServiceRequest:
    """The Technicien's one step on a new requête: its nature (so its service), then the person who
    acts; left blank, the responsable designated for that service (Annexe C)."""
    if service_request.request_type_id != request_type.pk or service_request.kind != RequestKind.REQUEST:
        service_request = request_classify(
            service_request=service_request,
            acting_user=acting_user,
            kind=RequestKind.REQUEST,
            request_type=request_type,
        )
    return request_assign(service_request=service_request, acting_user=acting_user, responsable=responsable, note=note)


@transaction.atomic
def request_close(*, service_request: ServiceRequest, acting_user: User, public_note: str = "") -> ServiceRequest:
    """The closing process of policy 4.1: the citizen is told, with the service's public note."""
    service_request, event = _transition(
        service_request=service_request,
        action="close",
        acting_user=acting_user,
        event_kind=EventKind.CLOSED,
        public_note=public_note,
        closed_at=timezone.now(),
    )
    notifications.notify_closed(service_request, event)
    return service_request


@transaction.atomic
def request_answer(*, service_request: ServiceRequest, acting_user: User, answer: str) -> ServiceRequest:
    """Accueil, information or commentaire: answered at first contact and closed (policy 4.1)."""
    if service_request.kind != RequestKind.INFORMATION:
        raise ApplicationError(_("Seules les demandes d'information se règlent au premier contact."))
    if not answer.strip():
        raise ApplicationError(_("Écrivez la réponse donnée au citoyen."))
    service_request, event = _transition(
        service_request=service_request,
        action="answer",
        acting_user=acting_user,
        event_kind=EventKind.ANSWERED,
        public_note=answer,
        closed_at=timezone.now(),
    )
    notifications.notify_closed(service_request, event)
    return service_request


@transaction.atomic
def request_reject(
    *, service_request: ServiceRequest, acting_user: User, reason: str, public_note: str = ""
) -> ServiceRequest:
    if reason not in RejectionReason.values:
        raise ApplicationError(_("Choisissez le motif de non-recevabilité."))
    service_request, event = _transition(
        service_request=service_request,
        action="reject",
        acting_user=acting_user,
        event_kind=EventKind.REJECTED,
        public_note=public_note,
        rejection_reason=reason,
        closed_at=timezone.now(),
    )
    notifications.notify_rejected(service_request, event)
    return service_request
