"""« Nos normes de service »: per request type, over the last 12 months, how many requests came in,
the median delay to completion and the share completed within the standard (policy 2.3; the federal
audit in shared/docs asks to publish standards and real performance).

Delays are business days from the day received to the day completed, on the city's calendar.
A request counts toward the share once its outcome is known: completed (on time or late), or still
open past its standard (late whatever happens next). Open requests within their standard wait.
"""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Min, Q
from django.utils import timezone

from requests_app import business_days
from requests_app.enums import NOT_COUNTED_STATUSES, Channel, EventKind, RequestKind
from requests_app.models import RequestType, ServiceRequest, StandardResult

WINDOW = relativedelta(months=12)
# A citizen's e-mail is answered within 3 business days (the federal audit's standard the city follows,
# shared/docs/normes-de-service-centres-appels.txt). The acknowledgement is automatic: it does not count;
# what counts is the first thing a person at the city did that the citizen hears of.
EMAIL_ANSWER_BUSINESS_DAYS = 3
EMAIL_ANSWER_EVENTS = (
    EventKind.ASSIGNED,
    EventKind.ANSWERED,
    EventKind.REJECTED,
    EventKind.COMPLETED,
    EventKind.CLOSED,
    EventKind.RECLASSIFIED,
    EventKind.MERGED,
    EventKind.CALLBACK,
)


@dataclass
class Tally:
    received: int = 0
    completed: int = 0
    assessed: int = 0
    within: int = 0

    def __post_init__(self):
        self.delays: list[int] = []


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), business_days.local_tz())


def compute(today: dt.date) -> dict[int, Tally]:
    """Tallies per request type id over the 12 months ending today. One pass, three columns a row."""
    start = today - WINDOW
    targets = dict(RequestType.objects.values_list("pk", "target_business_days"))
    tallies = {type_id: Tally() for type_id in targets}
    rows = (
        ServiceRequest.objects.filter(
            kind=RequestKind.REQUEST,
            request_type__isnull=False,
            # Bounds as instants so the received_at index serves the range (a __date lookup would not).
            received_at__gte=_local_midnight(start + dt.timedelta(days=1)),
            received_at__lt=_local_midnight(today + dt.timedelta(days=1)),
        )
        .exclude(status__in=NOT_COUNTED_STATUSES)
        .values_list("request_type_id", "received_at", "completed_on")
        .iterator(chunk_size=5000)
    )
    tz = business_days.local_tz()
    for type_id, received_at, completed_on in rows:
        tally, target = tallies[type_id], targets[type_id]
        tally.received += 1
        received_on = received_at.astimezone(tz).date()
        if completed_on is not None:
            delay = business_days.business_days_between(received_on, completed_on)
            tally.completed += 1
            tally.delays.append(delay)
            tally.assessed += 1
            tally.within += delay <= target
        elif business_days.business_days_between(received_on, today) > target:
            tally.assessed += 1  # already late, whatever happens next
    return tallies


def compute_email_answers(today: dt.date) -> Tally:
    """Citizens' e-mails received over the 12 months ending today, and how fast a person answered."""
    start = today - WINDOW
    rows = (
        ServiceRequest.objects.filter(
            channel=Channel.EMAIL,
            received_at__gte=_local_midnight(start + dt.timedelta(days=1)),
            received_at__lt=_local_midnight(today + dt.timedelta(days=1)),
        )
        .annotate(answered_at=Min("events__created_at", filter=Q(events__kind__in=EMAIL_ANSWER_EVENTS)))
        .values_list("received_at", "answered_at")
        .iterator(chunk_size=5000)
    )
    tally, tz = Tally(), business_days.local_tz()
    for received_at, answered_at in rows:
        tally.received += 1
        received_on = received_at.astimezone(tz).date()
        if answered_at is not None:
            delay = business_days.business_days_between(received_on, answered_at.astimezone(tz).date())
            tally.completed += 1
            tally.delays.append(delay)
            tally.assessed += 1
            tally.within += delay <= EMAIL_ANSWER_BUSINESS_DAYS
        elif business_days.business_days_between(received_on, today) > EMAIL_ANSWER_BUSINESS_DAYS:
            tally.assessed += 1
    return tally


def published_results():
    """What the public page shows: active types of active services, grouped by service."""
    return (
        StandardResult.objects.filter(request_type__is_active=True, request_type__service__is_active=True)
        .select_related("request_type__service")
        .order_by("request_type__service__name_fr", "request_type__name_fr")
    )


def email_answer_result() -> StandardResult | None:
    return StandardResult.objects.filter(request_type__isnull=True).first()
