"""The published standards (policy 4.2): computed at night from the requests, replaced in one go."""

import datetime as dt
import statistics
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from requests_app.models import RequestType, StandardResult
from requests_app.standards import EMAIL_ANSWER_BUSINESS_DAYS, WINDOW, Tally, compute, compute_email_answers


def _result(tally: Tally, **fields: Any) -> StandardResult:
    median = statistics.median(tally.delays) if tally.delays else None
    return StandardResult(
        received=tally.received,
        completed=tally.completed,
        assessed=tally.assessed,
        within_standard=tally.within,
        median_days=None if median is None else Decimal(str(median)).quantize(Decimal("0.1")),
        **fields,
    )


@transaction.atomic
def standards_refresh(today: dt.date | None = None) -> int:
    """Replace the published figures in one transaction: readers see yesterday's or today's, never half."""
    today = today or timezone.localdate()
    now = timezone.now()
    targets = dict(RequestType.objects.values_list("pk", "target_business_days"))
    window = {"window_start": today - WINDOW + dt.timedelta(days=1), "window_end": today, "computed_at": now}
    results = [
        _result(tally, request_type_id=type_id, target_business_days=targets[type_id], **window)
        for type_id, tally in compute(today).items()
    ]
    results.append(
        _result(
            compute_email_answers(today),
            request_type_id=None,
            target_business_days=EMAIL_ANSWER_BUSINESS_DAYS,
            **window,
        )
    )
    StandardResult.objects.all().delete()
    StandardResult.objects.bulk_create(results)
    return len(results)
