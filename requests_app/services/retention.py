"""Loi 25: a request past its retention period keeps its figures and loses its person.

What goes: the requester's name, address, phone and e-mail; the statement (free text that names
people); the civic number of the place (the street stays, so does the position, rounded to about
a hundred metres); the photos and documents, rows and files; the sender and subject of e-mails
received; the staff's notes and the messages to the requester; the e-mails sent about it; the
satisfaction comment. What stays: number, kind, channel, service, type, statuses and every date,
the Annexe A codes and dates, the rating — all that the standards, the dashboard and the élus'
reports count.

Idempotent: a request is marked `anonymized_at` in the same transaction, and the selection skips
marked ones (core/retention.py runs the batches).
"""

import datetime as dt
import re
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from core import page_cache
from core.retention import anonymize_in_batches, delete_files_on_commit
from outbox.services import outbox_forget
from requests_app.models import (
    CallbackAttempt,
    Follower,
    Intervention,
    RequestAttachment,
    RequestEvent,
    RequestPhoto,
    SatisfactionResponse,
    ServiceRequest,
)
from requests_app.signals import requests_anonymized

# « 1234, rue… », « 12-B, chemin… », « 88 rue… », « 10-12, montée… »
CIVIC_NUMBER = re.compile(r"^\s*\d+(\s*[-–]?\s*[A-Za-z]\b|\s*[-–]\s*\d+)?\s*,?\s*")
ROUNDING = Decimal("0.001")  # about 110 m of latitude


def requests_past_retention(now: dt.datetime) -> QuerySet[ServiceRequest]:
    cutoff = now - relativedelta(years=settings.RETENTION_REQUEST_YEARS)
    return ServiceRequest.objects.filter(closed_at__lt=cutoff, anonymized_at__isnull=True)


def without_civic_number(address: str) -> str:
    return CIVIC_NUMBER.sub("", address)


def requests_anonymize(*, now: dt.datetime | None = None, batch: int = 500) -> int:
    """Anonymize every request closed more than RETENTION_REQUEST_YEARS ago; returns how many."""
    now = now or timezone.now()
    return anonymize_in_batches(
        lambda: requests_past_retention(now).only("pk", "tracking_token", "location_address", "latitude", "longitude"),
        lambda requests: _anonymize_batch(requests, now),
        batch=batch,
    )


def _anonymize_batch(requests: list[ServiceRequest], now: dt.datetime) -> None:
    ids = [r.pk for r in requests]
    for request in requests:
        request.location_address = without_civic_number(request.location_address)
        request.latitude = request.latitude.quantize(ROUNDING) if request.latitude is not None else None
        request.longitude = request.longitude.quantize(ROUNDING) if request.longitude is not None else None
    ServiceRequest.objects.bulk_update(requests, ["location_address", "latitude", "longitude"])
    ServiceRequest.objects.filter(pk__in=ids).update(
        requester_name="",
        requester_address="",
        requester_phone="",
        requester_email="",
        description="",
        address=None,  # the civic address names the door; the rounded position stays
        anonymized_at=now,
    )
    RequestEvent.objects.filter(request_id__in=ids).exclude(note="", public_note="").update(note="", public_note="")
    Intervention.objects.filter(request_id__in=ids).update(internal_note="", public_note="")
    SatisfactionResponse.objects.filter(request_id__in=ids).update(comment="")
    CallbackAttempt.objects.filter(request_id__in=ids).exclude(note="").update(note="")
    Follower.objects.filter(request_id__in=ids).delete()  # their e-mail addresses go with the request
    files = outbox_forget(owners=[f"{ServiceRequest.OUTBOX_PREFIX}{pk}" for pk in ids])
    requests_anonymized.send(sender=ServiceRequest, request_ids=ids)  # what other apps keep about them
    photos = list(RequestPhoto.objects.filter(request_id__in=ids))
    RequestPhoto.objects.filter(pk__in=[p.pk for p in photos]).delete()
    documents = list(RequestAttachment.objects.filter(request_id__in=ids))
    RequestAttachment.objects.filter(pk__in=[d.pk for d in documents]).delete()
    delete_files_on_commit([*files, *(photo.image for photo in photos), *(document.file for document in documents)])
    for request in requests:
        page_cache.page_changed(request.tracking_token)
