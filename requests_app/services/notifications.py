"""Which e-mail each event sends, to whom, in which language."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation

from outbox.services import outbox_enqueue
from requests_app.models import RequestEvent, ServiceRequest
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
    _to_citizen(service_request, key="ack", template="request_received")


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
