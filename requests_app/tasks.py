from celery import shared_task

from requests_app import photos, services


@shared_task(acks_late=True)
def send_outbound_email(email_id: int) -> bool:
    return services.outbox_send(email_id=email_id)


@shared_task(acks_late=True)
def flush_outbox() -> int:
    return services.outbox_flush()


@shared_task
def purge_staged_photos() -> int:
    return photos.purge_staged_photos()
