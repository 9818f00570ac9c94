"""Loi 25: a request past its retention period keeps its figures and loses its person.

What goes: the requester's name, address, phone and e-mail; the statement (free text that names
people); the civic number of the place (the street stays, so does the position, rounded to about
a hundred metres); the photos, rows and files; the staff's notes and the messages to the
requester; the e-mails sent about it; the satisfaction comment. What stays: number, kind,
channel, service, type, statuses and every date, the Annexe A codes and dates, the rating — all
that the standards, the dashboard and the élus' reports count.

Idempotent: a request is marked `anonymized_at` in the same transaction, and the selection skips
marked ones, so a run interrupted half-way resumes where it stopped.
"""

import datetime as dt
import re
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from requests_app import page_cache
from requests_app.models import Intervention, OutboundEmail, Request, RequestEvent, RequestPhoto, SatisfactionResponse

# « 1234, rue… », « 12-B, chemin… », « 88 rue… », « 10-12, montée… »
CIVIC_NUMBER = re.compile(r"^\s*\d+(\s*[-–]?\s*[A-Za-z]\b|\s*[-–]\s*\d+)?\s*,?\s*")
ROUNDING = Decimal("0.001")  # about 110 m of latitude


def requests_past_retention(now: dt.datetime) -> QuerySet[Request]:
    cutoff = now - relativedelta(years=settings.RETENTION_REQUEST_YEARS)
    return Request.objects.filter(closed_at__lt=cutoff, anonymized_at__isnull=True)


def without_civic_number(address: str) -> str:
    return CIVIC_NUMBER.sub("", address)


def requests_anonymize(*, now: dt.datetime | None = None, batch: int = 500) -> int:
    """Anonymize every request closed more than RETENTION_REQUEST_YEARS ago; returns how many."""
    now = now or timezone.now()
    done = 0
    while True:
        with transaction.atomic():
            requests = list(
                requests_past_retention(now)
                .select_for_update(skip_locked=True)
                .only("pk", "tracking_token", "location_address", "latitude", "longitude")[:batch]
            )
            if not requests:
                return done
            _anonymize_batch(requests, now)
        done += len(requests)


def _anonymize_batch(requests: list[Request], now: dt.datetime) -> None:
    ids = [r.pk for r in requests]
    for request in requests:
        request.location_address = without_civic_number(request.location_address)
        request.latitude = request.latitude.quantize(ROUNDING) if request.latitude is not None else None
        request.longitude = request.longitude.quantize(ROUNDING) if request.longitude is not None else None
    Request.objects.bulk_update(requests, ["location_address", "latitude", "longitude"])
    Request.objects.filter(pk__in=ids).update(
        requester_name="",
        requester_address="",
        requester_phone="",
        requester_email="",
        description="",
        anonymized_at=now,
    )
    RequestEvent.objects.filter(request_id__in=ids).exclude(note="", public_note="").update(note="", public_note="")
    Intervention.objects.filter(request_id__in=ids).update(internal_note="", public_note="")
    SatisfactionResponse.objects.filter(request_id__in=ids).update(comment="")
    OutboundEmail.objects.filter(request_id__in=ids).delete()
    photos = list(RequestPhoto.objects.filter(request_id__in=ids))
    RequestPhoto.objects.filter(pk__in=[p.pk for p in photos]).delete()
    files = [photo.image for photo in photos]
    # Files go once the rows are gone for good: a rolled-back batch keeps both.
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
    for request in requests:
        page_cache.page_changed(request.tracking_token)
