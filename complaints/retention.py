"""Loi 25: a complaint past its retention period keeps its figures and loses its people.

What goes: the complainant's name and contacts; the statement of facts and the employee as named;
the identified employee; the signed forms (PDF) and drawn signatures, files included, and the
signer's name; the interviews, the evidence (files included), the reasons of the conclusion; the
e-mails sent about it and their attachments. What stays: number, channel, service, dates, status,
the finding (founded or not) and who concluded it, the access log (a record of staff readings) —
all that the dashboard and the élus' reports count.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from complaints.enums import ComplaintStatus
from complaints.models import Complaint, Conclusion, Evidence, Interview, SignedStatement
from core.retention import anonymize_in_batches, delete_files_on_commit
from outbox.services import outbox_forget


def complaints_past_retention(now: dt.datetime) -> QuerySet[Complaint]:
    cutoff = now - relativedelta(years=settings.RETENTION_COMPLAINT_YEARS)
    return Complaint.objects.filter(anonymized_at__isnull=True).filter(
        Q(status=ComplaintStatus.CONCLUDED, conclusion__concluded_at__lt=cutoff)
        | Q(status=ComplaintStatus.RECLASSIFIED, updated_at__lt=cutoff)
    )


def complaints_anonymize(*, now: dt.datetime | None = None, batch: int = 200) -> int:
    """Anonymize every complaint past RETENTION_COMPLAINT_YEARS; returns how many. Idempotent."""
    now = now or timezone.now()
    return anonymize_in_batches(
        lambda: complaints_past_retention(now).only("pk"),
        lambda complaints: _anonymize_batch([c.pk for c in complaints], now),
        batch=batch,
    )


def _anonymize_batch(ids: list[int], now: dt.datetime) -> None:
    files = []
    for statement in SignedStatement.objects.filter(complaint_id__in=ids):
        files += [f for f in (statement.pdf, statement.signature_image) if f]
    SignedStatement.objects.filter(complaint_id__in=ids).update(signer_name="", pdf="", signature_image="")
    evidence = Evidence.objects.filter(complaint_id__in=ids)
    files += [item.file for item in evidence if item.file]
    evidence.delete()
    Interview.objects.filter(complaint_id__in=ids).delete()
    Conclusion.objects.filter(complaint_id__in=ids).update(reasons="")
    files += outbox_forget(prefix="complaint", ids=ids)
    # updated_at is left as it was: it dates the reclassification the retention counts from.
    Complaint.objects.filter(pk__in=ids).update(
        complainant_name="",
        complainant_address="",
        complainant_phone="",
        complainant_email="",
        facts="",
        employee_named="",
        employee=None,
        anonymized_at=now,
    )
    delete_files_on_commit(files)
