import datetime as dt

from celery import shared_task
from django.utils import timezone


@shared_task(acks_late=True)
def warn_access_deadlines(day: str | None = None) -> int:
    """Daily (beat): day-15 and last-day warnings on access requests; each sent once (dedupe keys)."""
    from legal.services.access import access_deadline_warnings

    return access_deadline_warnings(today=dt.date.fromisoformat(day) if day else timezone.localdate())


@shared_task(acks_late=True)
def apply_legal_retention() -> int:
    """Nightly (beat): Loi 25, claims and access requests past their retention period are anonymized."""
    from legal.services.retention import access_anonymize, claims_anonymize

    return claims_anonymize() + access_anonymize()
