import datetime as dt

from celery import shared_task
from django.utils import timezone

from requests_app import photos, services
from requests_app.services import digests


@shared_task(acks_late=True)
def send_outbound_email(email_id: int) -> bool:
    return services.outbox_send(email_id=email_id)


@shared_task(acks_late=True)
def flush_outbox() -> int:
    return services.outbox_flush() + digests.digests_retry()


@shared_task(acks_late=True)
def send_rnc_digests(day: str | None = None) -> int:
    """Daily (beat): what the RNC calendar says is due today (or on `day`, ISO), each digest recorded once."""
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    return sum(created for _item, _delivery, created in digests.digests_dispatch(today=today))


@shared_task(acks_late=True)
def build_digest(delivery_id: int) -> bool:
    return digests.digest_build(delivery_id=delivery_id)


@shared_task
def purge_staged_photos() -> int:
    return photos.purge_staged_photos()


@shared_task(acks_late=True)
def warn_access_deadlines(day: str | None = None) -> int:
    """Daily (beat): day-15 and last-day warnings on access requests; each sent once (dedupe keys)."""
    from requests_app.services.access import access_deadline_warnings

    return access_deadline_warnings(today=dt.date.fromisoformat(day) if day else timezone.localdate())


@shared_task(acks_late=True)
def refresh_standards() -> int:
    """Nightly (beat): the published standards page reads these figures; it never computes them."""
    from requests_app.standards import standards_refresh

    return standards_refresh()


@shared_task(acks_late=True)
def apply_retention() -> int:
    """Nightly (beat): Loi 25, personal information past its retention period is anonymized (complaints
    have their own task, complaints.tasks.apply_complaint_retention)."""
    from requests_app.services.legal_retention import access_anonymize, claims_anonymize
    from requests_app.services.retention import requests_anonymize

    return requests_anonymize() + claims_anonymize() + access_anonymize()


@shared_task(acks_late=True)
def poll_mailbox() -> int:
    """Every two minutes (beat): the request mailbox's new messages become requests or replies."""
    from requests_app.services.intake import mailbox_poll

    return mailbox_poll()
