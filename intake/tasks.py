from celery import shared_task


@shared_task(acks_late=True)
def poll_mailbox() -> int:
    """Every two minutes (beat): the request mailbox's new messages become requests or replies."""
    from intake.services import mailbox_poll

    return mailbox_poll()
