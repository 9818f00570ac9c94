import datetime as dt

from celery import shared_task
from django.utils import timezone

from digests import services


@shared_task(acks_late=True)
def send_rnc_digests(day: str | None = None) -> int:
    """Daily (beat): what the RNC calendar says is due today (or on `day`, ISO), each digest recorded once."""
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    return sum(created for _item, _delivery, created in services.digests_dispatch(today=today))


@shared_task(acks_late=True)
def build_digest(delivery_id: int) -> bool:
    return services.digest_build(delivery_id=delivery_id)


@shared_task(acks_late=True)
def retry_digests() -> int:
    """Every two minutes (beat): digests left pending by a lost message or a dead worker are built."""
    return services.digests_retry()
