"""Every write on a request: submission and one function per status transition.

Each transition locks the row, checks the source status and the actor's right, writes one
history row, and queues its e-mails in the same transaction (sent on commit).
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core import workflow
from core.errors import ApplicationError
from core.numbering import next_yearly_value
from core.workflow import Transition
from requests_app.enums import (
    IN_SERVICE_STATUSES,
    NOT_COMPLETED_STATUSES,
    CallbackOutcome,
    ContactPreference,
    EventKind,
    RejectionReason,
    RequestKind,
    Status,
)
from requests_app.models import (
    CallbackAttempt,
    Intervention,
    InterventionCode,
    RequestEvent,
    RequestNumberSequence,
    RequestPhoto,
    RequestType,
    ServiceRequest,
)

from . import notifications

# --- who may do what ---------------------------------------------------------------


def _is_technicien(service_request: ServiceRequest, user: User) -> bool:
    return user.has_perm("requests_app.triage")


def _is_service_responsable(service_request: ServiceRequest, user: User) -> bool:
    return user.is_superuser or service_request.can_be_handled_by(user)


def _is_request(service_request: ServiceRequest) -> bool:
    return service_request.kind == RequestKind.REQUEST


def _is_information(service_request: ServiceRequest) -> bool:
    return service_request.kind == RequestKind.INFORMATION


WORKFLOW = workflow.register(
    workflow.Workflow(
        model=ServiceRequest,
        event_model=RequestEvent,
        event_owner_field="request",
        transitions={
            "answer": Transition((Status.RECEIVED,), Status.CLOSED, _is_technicien, _is_information),
            "assign": Transition((Status.RECEIVED, *IN_SERVICE_STATUSES), Status.ASSIGNED, _is_technicien, _is_request),
            "put_on_hold": Transition(IN_SERVICE_STATUSES, Status.ON_HOLD, _is_service_responsable),
            "schedule": Transition(IN_SERVICE_STATUSES, Status.SCHEDULED, _is_service_responsable),
            "complete": Transition(IN_SERVICE_STATUSES, Status.COMPLETED, _is_service_responsable),
            "close": Transition((Status.COMPLETED,), Status.CLOSED, _is_technicien),
            "reject": Transition(NOT_COMPLETED_STATUSES, Status.REJECTED, _is_technicien),
            "reclassify": Transition(NOT_COMPLETED_STATUSES, Status.RECLASSIFIED, _is_technicien),
            "merge": Transition(NOT_COMPLETED_STATUSES, Status.MERGED, _is_technicien),
            "unmerge": Transition((Status.MERGED,), Status.RECEIVED, _is_technicien),
        },
        not_allowed=gettext_lazy("Vous n'avez pas le droit de faire cette action sur la demande %(number)s."),
        not_now=gettext_lazy("La demande %(number)s est « %(status)s » : cette action n'est pas possible à ce stade."),
        full_clean=True,
        related=("service",),
    )
)


def _transition(
    *,
    service_request: ServiceRequest,
    action: str,
    acting_user: User,
    event_kind: str,
    note: str = "",
    public_note: str = "",
    **changes: Any,
) -> tuple[ServiceRequest, RequestEvent]:
    return workflow.apply_transition(
        service_request,
        action,
        acting_user=acting_user,
        event={"kind": event_kind, "actor": acting_user, "note": note, "public_note": public_note},
        **changes,
    )


def history_note(
    *, service_request: ServiceRequest, kind: str, note: str, acting_user: User | None = None
) -> RequestEvent:
    """A line in the request's history that does not change its status (an intervention, a call,
    an e-mail received…)."""
    return RequestEvent.objects.create(
        request=service_request,
        kind=kind,
        from_status=service_request.status,
        to_status=service_request.status,
        actor=acting_user,
        note=note,
    )


# --- submission ------------------------------------------------------------------------


def _next_number(year: int) -> str:
    return f"{year}-{next_yearly_value(RequestNumberSequence, year):06d}"


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
    data = {"responsable": service.responsable if service else None, **data}
    address = data.get("address")
    if address is not None and data.get("latitude") is None and address.latitude is not None:
        # A known civic address gives the place its position (duplicates, Open311, the map).
        data = {**data, "latitude": address.latitude, "longitude": address.longitude}
    request = ServiceRequest(**data, channel=channel, received_at=received_at, created_by=acting_user)
    request.number = _next_number(timezone.localtime(received_at).year)
    # Related rows arrive as instances read from the database, and the number and token are unique
    # by construction and by constraint: checking them again would cost five queries per demand.
    request.full_clean(
        exclude=["service", "request_type", "responsable", "created_by", "address"], validate_unique=False
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


# --- the service's responsable -------------------------------------------------------------


@transaction.atomic
def request_put_on_hold(*, service_request: ServiceRequest, acting_user: User, reason: str) -> ServiceRequest:
    if not reason.strip():
        raise ApplicationError(_("Indiquez pourquoi la demande est en attente."))
    service_request, _event = _transition(
        service_request=service_request,
        action="put_on_hold",
        acting_user=acting_user,
        event_kind=EventKind.ON_HOLD,
        note=reason,
        status_reason=reason,
    )
    return service_request


@transaction.atomic
def request_schedule(
    *, service_request: ServiceRequest, acting_user: User, planned_date: dt.date, note: str = ""
) -> ServiceRequest:
    if planned_date < timezone.localdate():
        raise ApplicationError(_("La date de l'action à venir ne peut pas être passée."))
    service_request, _event = _transition(
        service_request=service_request,
        action="schedule",
        acting_user=acting_user,
        event_kind=EventKind.SCHEDULED,
        note=note,
        planned_date=planned_date,
        status_reason="",
    )
    return service_request


@transaction.atomic
def intervention_record(
    *, service_request: ServiceRequest, acting_user: User, code: InterventionCode, **fields: Any
) -> Intervention:
    """An intervention that does not change the status (inspection, work order…)."""
    if not _is_service_responsable(service_request, acting_user):
        raise ApplicationError(_("Seul le responsable du service inscrit des interventions sur cette demande."))
    if code.completes_request:
        raise ApplicationError(_("Le code 238 se saisit avec « Compléter la demande »."))
    intervention = Intervention(request=service_request, code=code, author=acting_user, **fields)
    intervention.full_clean()
    intervention.save()
    history_note(service_request=service_request, kind=EventKind.INTERVENTION, note=str(code), acting_user=acting_user)
    return intervention


@transaction.atomic
def request_complete(
    *,
    service_request: ServiceRequest,
    acting_user: User,
    done_date: dt.date,
    extension: str,
    planned_date: dt.date | None = None,
    internal_note: str = "",
    public_note: str = "",
) -> ServiceRequest:
    """Annexe A: code 238 « Demande complétée », dates, the employee's extension, two notes."""
    if not extension.strip():
        raise ApplicationError(_("Indiquez votre numéro de poste (Annexe A, point 3)."))
    if done_date > timezone.localdate():
        raise ApplicationError(_("La date effectuée ne peut pas être dans le futur."))
    service_request, _event = _transition(
        service_request=service_request,
        action="complete",
        acting_user=acting_user,
        event_kind=EventKind.COMPLETED,
        completed_on=done_date,
        status_reason="",
    )
    Intervention.objects.create(
        request=service_request,
        code=InterventionCode.objects.get(code=InterventionCode.COMPLETED),
        planned_date=planned_date,
        done_date=done_date,
        extension=extension.strip(),
        internal_note=internal_note,
        public_note=public_note,
        author=acting_user,
    )
    return service_request


@transaction.atomic
def request_mark_reclassified(*, service_request: ServiceRequest, acting_user: User, reference: str) -> ServiceRequest:
    """The requête became a plainte (policy 4.4): its facts leave this record, which every responsable
    of the service could read, for the confidential complaint file named by `reference`."""
    service_request, _event = _transition(
        service_request=service_request,
        action="reclassify",
        acting_user=acting_user,
        event_kind=EventKind.RECLASSIFIED,
        note=_("Reclassée en plainte %(reference)s; l'exposé des faits est transféré au dossier confidentiel.")
        % {"reference": reference},
        description=_("Contenu transféré au dossier de plainte %(reference)s.") % {"reference": reference},
        closed_at=timezone.now(),
    )
    return service_request


@transaction.atomic
def callback_record(
    *, service_request: ServiceRequest, acting_user: User, outcome: str, note: str = ""
) -> CallbackAttempt:
    """One call to a citizen who asked to be called back; the request's history says so too.
    Once reached, the citizen leaves the call-back list."""
    if service_request.contact_preference != ContactPreference.CALLBACK:
        raise ApplicationError(_("Ce citoyen n'a pas demandé à être rappelé."))
    if not service_request.requester_phone:
        raise ApplicationError(_("Aucun numéro de téléphone n'est inscrit à cette demande."))
    attempt = CallbackAttempt.objects.create(request=service_request, outcome=outcome, note=note, made_by=acting_user)
    history_note(
        service_request=service_request,
        kind=EventKind.CALLBACK,
        note=" — ".join(filter(None, [str(CallbackOutcome(outcome).label), note])),
        acting_user=acting_user,
    )
    return attempt
