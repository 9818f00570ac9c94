"""Everything the demo needs, in one transaction (manage.py seed_demo; make run)."""

from django.db import transaction
from django.utils import timezone

from demo.knowledge import create_addresses, create_knowledge
from demo.people import create_accounts
from demo.requests import create_requests
from outbox.enums import OutboxStatus
from outbox.models import OutboundEmail
from requests_app.models import ServiceRequest
from requests_app.services.standards import standards_refresh


@transaction.atomic
def seed(*, count: int, only_if_empty: bool) -> tuple[list[str], int]:
    """Accounts, designations, requests and complaints in one transaction. Returns usernames, requests made."""
    usernames = create_accounts()
    made = 0 if only_if_empty and ServiceRequest.objects.exists() else create_requests(count)
    create_knowledge()
    create_addresses()
    standards_refresh()  # what the nightly job would have published
    # Demo messages are not for real mailboxes: mark them sent before the commit queues them.
    OutboundEmail.objects.filter(status=OutboxStatus.PENDING).update(status=OutboxStatus.SENT, sent_at=timezone.now())
    return usernames, made
