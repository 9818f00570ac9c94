"""Citizens who follow a request they would otherwise have filed again (« C'est le même problème »)."""

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from requests_app.enums import NOT_COMPLETED_STATUSES
from requests_app.models import Follower, ServiceRequest

from . import notifications


@transaction.atomic
def follower_add(*, service_request: ServiceRequest, email: str, language: str) -> tuple[Follower, bool]:
    """Follow an open request; twice with the same address is once. Told by e-mail that it worked."""
    if service_request.status not in NOT_COMPLETED_STATUSES or service_request.anonymized_at is not None:
        raise ApplicationError(
            _("Cette demande est déjà réglée : si le problème persiste, faites une nouvelle requête.")
        )
    follower, created = Follower.objects.get_or_create(
        request=service_request, email=email.strip().lower(), defaults={"language": language}
    )
    if created:
        notifications.notify_follower(follower, notifications.stop_token(follower), welcome=True)
    return follower, created


def follower_stop(*, token: str) -> bool:
    """The link at the foot of every follower e-mail; good as long as the follower exists."""
    try:
        pk = signing.loads(token, salt=notifications.STOP_SALT)
    except signing.BadSignature:
        return False
    return Follower.objects.filter(pk=pk).delete()[0] > 0
