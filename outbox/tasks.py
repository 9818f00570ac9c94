from celery import shared_task

from outbox.services import outbox_flush, outbox_send


@shared_task(acks_late=True)
def send_outbound_email(email_id: int) -> bool:
    return outbox_send(email_id=email_id)


@shared_task(acks_late=True)
def flush_outbox() -> int:
    """Every two minutes (beat): what a lost broker message or a dead worker left pending is sent."""
    return outbox_flush()
