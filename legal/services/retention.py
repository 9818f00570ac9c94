"""Loi 25 for claims and access requests: past their retention period they lose their person.

Claims: RETENTION_CLAIM_YEARS after the decision or withdrawal, and never before the prescription
date told to the claimant (a suit may still come). What goes: the claimant's name and contacts,
insurer and policy, the civic number of the place, the narrative (cause, damages), the Greffe's
and the service's texts, the documents and the Avis PDF (files destroyed), the e-mails. What
stays: number, channel, kind and cause of damage, dates, service, amounts claimed and paid,
status — what the élus' reports and the dashboard count.

Access requests: RETENTION_ACCESS_YEARS after the decision or withdrawal. What goes: the
requester's identity and contacts, the documents asked for, the texts of the answer, the letters
(files destroyed), the e-mails. What stays: number, form, channel, dates, decision, the legal
provisions invoked — the register's figures.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from core.retention import anonymize_in_batches, delete_files_on_commit
from legal.enums import OPEN_ACCESS_STATUSES, OPEN_CLAIM_STATUSES
from legal.models import AccessLetter, AccessRequest, Claim, ClaimConsultation, ClaimDocument, ClaimEvent
from outbox.services import outbox_forget
from requests_app.services.retention import without_civic_number


def claims_past_retention(now: dt.datetime) -> QuerySet[Claim]:
    cutoff = now - relativedelta(years=settings.RETENTION_CLAIM_YEARS)
    return (
        Claim.objects.filter(anonymized_at__isnull=True, updated_at__lt=cutoff)
        .exclude(status__in=OPEN_CLAIM_STATUSES)
        .filter(prescription_date__lt=timezone.localdate(now))
    )


def access_past_retention(now: dt.datetime) -> QuerySet[AccessRequest]:
    cutoff = now - relativedelta(years=settings.RETENTION_ACCESS_YEARS)
    return AccessRequest.objects.filter(anonymized_at__isnull=True, updated_at__lt=cutoff).exclude(
        status__in=OPEN_ACCESS_STATUSES
    )


def claims_anonymize(*, now: dt.datetime | None = None, batch: int = 200) -> int:
    now = now or timezone.now()
    return anonymize_in_batches(
        lambda: claims_past_retention(now).only("pk", "event_place", "acknowledgement_pdf"),
        lambda claims: _anonymize_claims(claims, now),
        batch=batch,
    )


def access_anonymize(*, now: dt.datetime | None = None, batch: int = 200) -> int:
    now = now or timezone.now()
    return anonymize_in_batches(
        lambda: access_past_retention(now).only("pk"),
        lambda requests: _anonymize_access([r.pk for r in requests], now),
        batch=batch,
    )


def _anonymize_claims(claims: list[Claim], now: dt.datetime) -> None:
    ids = [c.pk for c in claims]
    files = [c.acknowledgement_pdf for c in claims]
    for claim in claims:
        claim.event_place = without_civic_number(claim.event_place)
    Claim.objects.bulk_update(claims, ["event_place"])
    documents = ClaimDocument.objects.filter(claim_id__in=ids)
    files += [d.file for d in documents]
    documents.delete()
    consultations = ClaimConsultation.objects.filter(claim_id__in=ids)
    files += outbox_forget(prefix="claim-consultation", ids=list(consultations.values_list("pk", flat=True)))
    consultations.update(question="", findings="")
    ClaimEvent.objects.filter(claim_id__in=ids).update(text="")
    files += outbox_forget(prefix="claim", ids=ids)
    Claim.objects.filter(pk__in=ids).update(
        claimant_name="",
        claimant_address="",
        claimant_phone="",
        claimant_email="",
        insurer_name="",
        insurer_policy="",
        cause="",
        damage_description="",
        decision_reasons="",
        acknowledgement_pdf="",
        anonymized_at=now,
    )
    delete_files_on_commit(files)


def _anonymize_access(ids: list[int], now: dt.datetime) -> None:
    letters = AccessLetter.objects.filter(access_request_id__in=ids)
    files = [letter.pdf for letter in letters]
    letters.update(pdf="")
    files += outbox_forget(prefix="access", ids=ids)
    AccessRequest.objects.filter(pk__in=ids).update(
        requester_name="",
        requester_address="",
        requester_phone="",
        requester_email="",
        documents_requested="",
        extension_reason="",
        decision_text="",
        refusal_reasons="",
        anonymized_at=now,
    )
    delete_files_on_commit(files)
