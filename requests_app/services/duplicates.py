"""Joining a duplicate to the request that already deals with the same problem, and undoing it.

A joined duplicate leaves every list and every count (it is « jointe à une autre demande », a final
status); its requester follows the main request: its tracking page shows the main request's
progress and messages, and the main request's closing or refusal reaches every joined requester.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ApplicationError
from requests_app.enums import OPEN_STATUSES, EventKind, RequestKind, Status
from requests_app.models import ServiceRequest

from . import notifications
from .workflow import _transition, history_note


def _refuse_main(duplicate: ServiceRequest, main: ServiceRequest) -> None:
    if main.pk == duplicate.pk:
        raise ApplicationError(_("Une demande ne peut pas être jointe à elle-même."))
    if main.status == Status.MERGED:
        raise ApplicationError(
            _("La demande %(main)s est elle-même jointe à la demande %(other)s : joignez plutôt à celle-ci.")
            % {"main": main.number, "other": main.duplicate_of.number if main.duplicate_of else ""}
        )
    if main.kind != RequestKind.REQUEST or duplicate.kind != RequestKind.REQUEST:
        raise ApplicationError(_("Seules des requêtes se joignent l'une à l'autre."))
    if main.status not in OPEN_STATUSES:
        raise ApplicationError(
            _("La demande %(main)s est « %(status)s » : on ne lui joint plus de doublon.")
            % {"main": main.number, "status": main.get_status_display()}
        )


@transaction.atomic
def request_merge(
    *, service_request: ServiceRequest, acting_user: User, into: ServiceRequest, note: str = ""
) -> ServiceRequest:
    """`request` becomes a duplicate of `into`; its own duplicates follow it there (one level only,
    so that a requester is always one step from the request that is dealt with)."""
    # Both rows locked in a fixed order: two Techniciens joining A→B and B→A cannot deadlock.
    locked = {
        row.pk: row
        for row in ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("duplicate_of")
        .filter(pk__in=(service_request.pk, into.pk))
        .order_by("pk")
    }
    main = locked[into.pk]
    _refuse_main(locked[service_request.pk], main)
    public_note = _(
        "Votre demande porte sur le même problème que la demande %(main)s, déjà ouverte : elle y est jointe. "
        "Vous serez informé de son suivi, ici et par courriel."
    ) % {"main": main.number}
    duplicate, event = _transition(
        service_request=service_request,
        action="merge",
        acting_user=acting_user,
        event_kind=EventKind.MERGED,
        note=note,
        public_note=public_note,
        duplicate_of=main,
        closed_at=timezone.now(),
    )
    moved = list(ServiceRequest.objects.filter(duplicate_of=duplicate).values_list("number", flat=True))
    ServiceRequest.objects.filter(duplicate_of=duplicate).update(duplicate_of=main, updated_at=timezone.now())
    history_note(
        service_request=main,
        kind=EventKind.DUPLICATE_JOINED,
        note=", ".join([duplicate.number, *moved]) + (f" — {note}" if note else ""),
        acting_user=acting_user,
    )
    notifications.notify_merged(duplicate, event)
    return duplicate


@transaction.atomic
def request_unmerge(*, service_request: ServiceRequest, acting_user: User, note: str = "") -> ServiceRequest:
    """A join made by mistake: the request goes back to the Technicien's queue, on its own again."""
    main_number = service_request.duplicate_of.number if service_request.duplicate_of else ""
    separated, _event = _transition(
        service_request=service_request,
        action="unmerge",
        acting_user=acting_user,
        event_kind=EventKind.UNMERGED,
        note=" — ".join(filter(None, [main_number, note])),
        duplicate_of=None,
        closed_at=None,
        responsable=service_request.service.responsable if service_request.service else None,
    )
    return separated
