"""Who may move a request from which status to which (core.workflow), and the history it leaves.

Each transition locks the row, checks the source status and the actor's right, writes one
history row, and queues its e-mails in the same transaction (sent on commit)."""

from typing import Any

from django.utils.translation import gettext_lazy

from accounts.models import User
from core import workflow
from core.workflow import Transition
from requests_app.enums import (
    IN_SERVICE_STATUSES,
    NOT_COMPLETED_STATUSES,
    RequestKind,
    Status,
)
from requests_app.models import (
    RequestEvent,
    ServiceRequest,
)
from requests_app.services import notifications

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
    locked, event = workflow.apply_transition(
        service_request,
        action,
        acting_user=acting_user,
        event={"kind": event_kind, "actor": acting_user, "note": note, "public_note": public_note},
        **changes,
    )
    # Citizens who chose to follow this request instead of filing it again hear of each public step.
    notifications.notify_followers(locked, event)
    return locked, event


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
