"""Which e-mail each event sends, to whom, in which language."""

from typing import Any

from django.core import signing
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation

from core.dates import in_words
from outbox.services import outbox_enqueue
from requests_app.addresses import street_namer
from requests_app.enums import EventKind
from requests_app.models import Follower, RequestEvent, ServiceRequest
from requests_app.selectors import public_messages


def tracking_path(service_request: ServiceRequest, language: str) -> str:
    with translation.override(language):
        return reverse("requests:track", kwargs={"token": service_request.tracking_token})


def _to_citizen(
    service_request: ServiceRequest, *, key: str, template: str, event: RequestEvent | None = None, **extra: Any
) -> None:
    if not service_request.requester_email:
        return
    outbox_enqueue(
        dedupe_key=f"request:{service_request.pk}:{key}",
        to=service_request.requester_email,
        template=template,
        context={
            "request": service_request,
            "event": event,
            "tracking_path": tracking_path(service_request, service_request.language),
            **extra,
        },
        language=service_request.language,
        owner=service_request.outbox_owner,
    )


def notify_acknowledgement(service_request: ServiceRequest) -> None:
    """Rendered by the worker (outbox: render_later) from what the request says now: the citizen's
    confirmation page does not wait for three templates (issue 20)."""
    if not service_request.requester_email:
        return
    language = service_request.language
    with translation.override(language):
        type_name = str(service_request.request_type) if service_request.request_type_id else ""
    outbox_enqueue(
        dedupe_key=f"request:{service_request.pk}:ack",
        to=service_request.requester_email,
        template="request_received",
        context={
            "request": {
                "number": service_request.number,
                "requester_name": service_request.requester_name,
                "request_type": type_name,
                "location_address": service_request.location_address,
            },
            "tracking_path": tracking_path(service_request, language),
        },
        language=language,
        owner=service_request.outbox_owner,
        render_later=True,
    )


def _joined(service_request: ServiceRequest) -> QuerySet[ServiceRequest]:
    """The requesters of duplicates joined to `request`: they follow it to its end."""
    return service_request.duplicates.exclude(requester_email="")


def notify_closed(service_request: ServiceRequest, event: RequestEvent) -> None:
    from requests_app.satisfaction import survey_path

    notes = [message.text for message in public_messages(service_request)]
    _to_citizen(
        service_request,
        key=f"closed:{event.pk}",
        template="request_closed",
        event=event,
        public_notes=notes,
        survey_path=survey_path(service_request, service_request.language),
    )
    for duplicate in _joined(service_request):
        _to_citizen(
            duplicate,
            key=f"main-closed:{event.pk}",
            template="request_closed",
            event=event,
            public_notes=notes,
            main_request=service_request,
        )


def notify_rejected(service_request: ServiceRequest, event: RequestEvent) -> None:
    _to_citizen(service_request, key=f"rejected:{event.pk}", template="request_rejected", event=event)
    for duplicate in _joined(service_request):
        _to_citizen(
            duplicate,
            key=f"main-rejected:{event.pk}",
            template="request_rejected",
            event=event,
            main_request=service_request,
        )


def notify_merged(service_request: ServiceRequest, event: RequestEvent) -> None:
    _to_citizen(service_request, key=f"merged:{event.pk}", template="request_merged", event=event)


def notify_responsable_assigned(service_request: ServiceRequest, event: RequestEvent) -> None:
    user = service_request.responsable
    if user is None or not user.email:
        return
    with translation.override(user.language):
        staff_path = reverse("staff:request_detail", kwargs={"number": service_request.number})
    outbox_enqueue(
        dedupe_key=f"request:{service_request.pk}:assigned:{event.pk}",
        to=user.email,
        template="request_assigned",
        context={"request": service_request, "responsable": user, "staff_path": staff_path},
        language=user.language,
        owner=service_request.outbox_owner,
    )


# The steps a follower hears of (the original requester's notes are never sent to them).
FOLLOWED_STEPS = {EventKind.ASSIGNED, EventKind.SCHEDULED, EventKind.COMPLETED, EventKind.CLOSED, EventKind.REJECTED}


def notify_follower(
    follower: Follower, stop_token: str, *, welcome: bool = False, event: RequestEvent | None = None, street: str = ""
) -> None:
    """`street`: the request's, when the caller already named it (one reading of the address table
    for all the followers of an event)."""
    service_request = follower.request
    with translation.override(follower.language):
        stop_path = reverse("requests:follow_stop", kwargs={"token": stop_token})
        context = {
            "welcome": welcome,
            "number": service_request.number,
            "nature": service_request.request_type.name if service_request.request_type else "",
            "street": street or street_namer().of(service_request),
            "status": service_request.get_status_display(),
            "planned_date": in_words(service_request.planned_date) if service_request.planned_date else "",
            "stop_path": stop_path,
        }
    outbox_enqueue(
        dedupe_key=f"request:{service_request.pk}:follower:{follower.pk}:{event.pk if event else 'welcome'}",
        to=follower.email,
        template="request_follower_update",
        context=context,
        language=follower.language,
        owner=service_request.outbox_owner,
    )


STOP_SALT = "requests.follower.stop"


def stop_token(follower: Follower) -> str:
    """The « ne plus suivre » link's token: signed, so nobody stops another person's e-mails."""
    return signing.dumps(follower.pk, salt=STOP_SALT)


def notify_followers(service_request: ServiceRequest, event: RequestEvent) -> None:
    if event.kind not in FOLLOWED_STEPS:
        return
    followers = list(service_request.followers.all())
    if not followers:
        return
    street = street_namer().of(service_request)
    for follower in followers:
        follower.request = service_request
        notify_follower(follower, stop_token(follower), event=event, street=street)
