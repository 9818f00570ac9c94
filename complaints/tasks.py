"""The complaints' own scheduled work: nothing built for requêtes runs it or imports it."""

from celery import shared_task


@shared_task(acks_late=True)
def apply_complaint_retention() -> int:
    """Nightly (beat): Loi 25, complaints past RETENTION_COMPLAINT_YEARS lose their people."""
    from complaints.retention import complaints_anonymize

    return complaints_anonymize()
