"""Which e-mail each event sends, to whom, in which language."""

from django.urls import reverse
from django.utils import translation

from outbox.services import outbox_enqueue
from requests_app.models import Request, RequestEvent
from requests_app.selectors import public_messages


def tracking_path(request: Request, language: str) -> str:
    with translation.override(language):
        return reverse("requests:track", kwargs={"token": request.tracking_token})


def _to_citizen(request: Request, *, key: str, template: str, event: RequestEvent | None = None, **extra) -> None:
    if not request.requester_email:
        return
    outbox_enqueue(
        dedupe_key=f"request:{request.pk}:{key}",
        to=request.requester_email,
        template=template,
        context={
            "request": request,
            "event": event,
            "tracking_path": tracking_path(request, request.language),
            **extra,
        },
        language=request.language,
        owner=request.outbox_owner,
    )


def notify_acknowledgement(request: Request) -> None:
    _to_citizen(request, key="ack", template="request_received")


def _joined(request: Request):
    """The requesters of duplicates joined to `request`: they follow it to its end."""
    return request.duplicates.exclude(requester_email="")


def notify_closed(request: Request, event: RequestEvent) -> None:
    from requests_app.satisfaction import survey_path

    notes = [message.text for message in public_messages(request)]
    _to_citizen(
        request,
        key=f"closed:{event.pk}",
        template="request_closed",
        event=event,
        public_notes=notes,
        survey_path=survey_path(request, request.language),
    )
    for duplicate in _joined(request):
        _to_citizen(
            duplicate,
            key=f"main-closed:{event.pk}",
            template="request_closed",
            event=event,
            public_notes=notes,
            main_request=request,
        )


def notify_rejected(request: Request, event: RequestEvent) -> None:
    _to_citizen(request, key=f"rejected:{event.pk}", template="request_rejected", event=event)
    for duplicate in _joined(request):
        _to_citizen(
            duplicate, key=f"main-rejected:{event.pk}", template="request_rejected", event=event, main_request=request
        )


def notify_merged(request: Request, event: RequestEvent) -> None:
    _to_citizen(request, key=f"merged:{event.pk}", template="request_merged", event=event)


def notify_responsable_assigned(request: Request, event: RequestEvent) -> None:
    user = request.responsable
    if user is None or not user.email:
        return
    with translation.override(user.language):
        staff_path = reverse("staff:request_detail", kwargs={"number": request.number})
    outbox_enqueue(
        dedupe_key=f"request:{request.pk}:assigned:{event.pk}",
        to=user.email,
        template="request_assigned",
        context={"request": request, "responsable": user, "staff_path": staff_path},
        language=user.language,
        owner=request.outbox_owner,
    )
