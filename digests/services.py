"""The monthly RNC digests (policy 4.1, 4.2.3): due on the right day, sent once, whatever fails.

The daily beat task asks what is due today and records one DigestDelivery per (month, kind,
recipient) under a unique constraint; each delivery is then built by its own task, which claims
the row, renders the lists and their PDF, and hands the e-mail to the outbox (sent once, retried).
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.models import User
from core import broker, pdf
from core.errors import ApplicationError
from digests import reports
from digests.enums import DigestKind, DigestStatus
from digests.models import DigestDelivery, DigestItem
from legal import selectors as legal_selectors
from outbox.models import OutboundEmail
from outbox.services import _backoff, _enqueue_send, outbox_enqueue
from requests_app import business_days
from requests_app.enums import IN_SERVICE_STATUSES, NOT_COMPLETED_STATUSES, EventKind
from requests_app.models import RequestEvent, Service, ServiceRequest

logger = logging.getLogger(__name__)
STUCK_AFTER = dt.timedelta(minutes=15)
# What counts as an answer to a listed request (4.2.3: complétée, en attente pour X raison, action à venir).
ANSWER_EVENTS = (EventKind.ON_HOLD, EventKind.SCHEDULED, EventKind.COMPLETED, EventKind.CLOSED, EventKind.REJECTED)


@dataclass(frozen=True)
class DueDigest:
    kind: str
    recipient: User
    month: dt.date
    scheduled_for: dt.date


def answered_condition() -> Q:
    """For DigestItem rows: the request left the RNC, or its responsable answered after the list was sent."""
    answer = RequestEvent.objects.filter(
        request=OuterRef("request"), created_at__gte=OuterRef("delivery__generated_at"), kind__in=ANSWER_EVENTS
    )
    return ~Q(request__status__in=NOT_COMPLETED_STATUSES) | Q(Exists(answer))


def unanswered_condition() -> Q:
    """What the responsable still owes: in their hands (assignée, en attente, action à venir) and not answered.
    A request still « reçue » waits for the Technicien's assignment, not for the responsable."""
    return Q(request__status__in=IN_SERVICE_STATUSES) & ~answered_condition()


def _responsables() -> QuerySet[User]:
    """Who receives a service's RNC list: its responsable de la réception and, in schéma B, its
    responsable de l'exécution (policy 4.2.2: « de l'exécution des requêtes et de leur suivi »)."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(services_received__is_active=True) | Q(services_executed__is_active=True))
        .distinct()
        .order_by("username")
    )


def _unanswered_responsables(month: dt.date) -> QuerySet[User]:
    unanswered = DigestItem.objects.filter(
        unanswered_condition(),
        delivery__recipient=OuterRef("pk"),
        delivery__month=month,
        delivery__kind=DigestKind.RESPONSABLE,
    )
    return _responsables().filter(Exists(unanswered))


def digest_windows(today: dt.date) -> list[tuple[DigestKind, dt.date]]:
    """The kinds of digest the calendar says are due on `today`, with their scheduled day, including
    what a stopped system missed earlier this month (catch-up). A responsables' list or reminder is
    not sent once the month's deadline has passed. Pure calendar: the recipients come after."""
    year, number = today.year, today.month
    windows = []
    responsables_on = business_days.responsables_date(year, number)
    deadline = business_days.deadline_date(year, number)
    if responsables_on <= today <= deadline:
        windows.append((DigestKind.RESPONSABLE, responsables_on))
    reminder_on = max(business_days.add_business_days(deadline, -2), responsables_on)
    if reminder_on <= today <= deadline:
        windows.append((DigestKind.REMINDER, reminder_on))
    elus_on = business_days.elus_date(year, number)
    if elus_on <= today:
        windows.append((DigestKind.ELUS, elus_on))
    return windows


def digests_due(today: dt.date) -> list[DueDigest]:
    """Each digest due on `today` for each of its recipients."""
    month = today.replace(day=1)
    recipients: dict[DigestKind, Callable[[], QuerySet[User]]] = {
        DigestKind.RESPONSABLE: _responsables,
        DigestKind.REMINDER: lambda: _unanswered_responsables(month),
        DigestKind.ELUS: lambda: User.objects.filter(is_active=True, groups__name=Role.ELU).order_by("username"),
    }
    return [
        DueDigest(kind, user, month, scheduled_for)
        for kind, scheduled_for in digest_windows(today)
        for user in recipients[kind]()
    ]


def digests_dispatch(
    *, today: dt.date, dry_run: bool = False, enqueue: bool = True
) -> list[tuple[DueDigest, DigestDelivery | None, bool]]:
    """Record what is due (once ever per month, kind and recipient) and queue its building.
    Returns each due digest, its delivery and whether this call created it."""
    results = []
    for item in digests_due(today):
        if dry_run:
            existing = DigestDelivery.objects.filter(month=item.month, kind=item.kind, recipient=item.recipient).first()
            results.append((item, existing, existing is None))
            continue
        with transaction.atomic():
            delivery, created = DigestDelivery.objects.get_or_create(
                month=item.month,
                kind=item.kind,
                recipient=item.recipient,
                defaults={
                    "scheduled_for": item.scheduled_for,
                    "is_late": today > item.scheduled_for,
                    "next_attempt_at": timezone.now(),
                },
            )
            if created and enqueue:
                transaction.on_commit(partial(_enqueue_build, delivery.pk))
        results.append((item, delivery, created))
    return results


def _enqueue_build(delivery_id: int) -> None:
    broker.publish("digests.tasks.build_digest", delivery_id)  # broker away: digests_retry picks the pending row up


def digests_retry(*, now: dt.datetime | None = None) -> int:
    """Release the claims of dead workers and build again what is due for a retry."""
    now = now or timezone.now()
    DigestDelivery.objects.filter(status=DigestStatus.GENERATING, claimed_at__lt=now - STUCK_AFTER).update(
        status=DigestStatus.PENDING, next_attempt_at=now
    )
    due = list(DigestDelivery.objects.due(now).values_list("pk", flat=True)[:200])
    return sum(digest_build(delivery_id=pk) for pk in due)


def digests_retry_failed(*, deliveries: QuerySet[DigestDelivery]) -> int:
    """The Technicien asks to build again digests that failed for good; they are queued at once."""
    ids = list(deliveries.filter(status=DigestStatus.FAILED).values_list("pk", flat=True))
    DigestDelivery.objects.filter(pk__in=ids).update(
        status=DigestStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    for pk in ids:
        transaction.on_commit(partial(_enqueue_build, pk))
    return len(ids)


def digest_build(*, delivery_id: int, today: dt.date | None = None) -> bool:
    """Build one digest and hand it to the outbox. False when someone else has it or it is done."""
    claimed = DigestDelivery.objects.filter(pk=delivery_id, status=DigestStatus.PENDING).update(
        status=DigestStatus.GENERATING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    delivery = DigestDelivery.objects.select_related("recipient").get(pk=delivery_id)
    try:
        with transaction.atomic(), translation.override(delivery.recipient.language):
            BUILDERS[DigestKind(delivery.kind)](delivery, today or timezone.localdate())
    except Exception as error:  # noqa: BLE001 - any failure is recorded on the delivery and retried
        _digest_build_failed(delivery=delivery, error=error)
        return False
    return True


def _digest_build_failed(*, delivery: DigestDelivery, error: Exception) -> None:
    logger.exception("Digest %s failed (attempt %s)", delivery.pk, delivery.attempts)
    final = delivery.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    DigestDelivery.objects.filter(pk=delivery.pk).update(
        status=DigestStatus.FAILED if final else DigestStatus.PENDING,
        next_attempt_at=timezone.now() + _backoff(delivery.attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )


def _mark_queued(delivery: DigestDelivery, email: OutboundEmail, generated_at: dt.datetime) -> None:
    DigestDelivery.objects.filter(pk=delivery.pk).update(
        status=DigestStatus.QUEUED, email=email, generated_at=generated_at, last_error=""
    )


def _build_responsable(delivery: DigestDelivery, today: dt.date) -> None:
    generated_at = timezone.now()
    services = list(
        Service.objects.filter(
            Q(responsable=delivery.recipient) | Q(execution_responsable=delivery.recipient), is_active=True
        ).order_by("name_fr")
    )
    DigestItem.objects.filter(delivery=delivery).delete()  # a retried build overwrites, never appends
    _snapshot_items(delivery, ServiceRequest.objects.not_completed().filter(service__in=services))
    rows = reports.rnc_rows(services, today)
    context = _responsable_context(delivery, services, rows, today)
    attachments = [
        (f"rnc-{delivery.month:%Y-%m}.pdf", pdf.render_responsable_digest_pdf(context), "application/pdf"),
        (f"rnc-{delivery.month:%Y-%m}.csv", reports.rnc_csv(rows), "text/csv"),
    ]
    email = outbox_enqueue(
        dedupe_key=f"digest:{delivery.pk}:0",
        to=delivery.recipient.email,
        template="digest_responsable",
        context=context,
        language=delivery.recipient.language,
        attachments=attachments,
    )
    _mark_queued(delivery, email, generated_at)


def _snapshot_items(delivery: DigestDelivery, requests: QuerySet[ServiceRequest]) -> None:
    """The list as sent, for the follow-up screen: one INSERT … SELECT, whatever its length."""
    select_sql, params = requests.order_by().values_list(Value(delivery.pk), "pk", "service_id").query.sql_with_params()
    table = DigestItem._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (delivery_id, request_id, service_id) {select_sql}", params)


def _responsable_context(
    delivery: DigestDelivery, services: list[Service], rows: list[Any], today: dt.date
) -> dict[str, Any]:
    return {
        "delivery": delivery,
        "recipient": delivery.recipient,
        "services": services,
        "rows": rows,
        "rows_email": rows[: reports.EMAIL_MAX_ROWS],
        "rows_pdf": rows[: reports.PDF_MAX_ROWS],
        "overdue_count": sum(row.overdue for row in rows),
        "deadline": business_days.deadline_date(delivery.month.year, delivery.month.month),
        "today": today,
        "is_late": delivery.is_late,
        "follow_up_path": reverse("staff:rnc_follow_up"),
    }


def _build_reminder(delivery: DigestDelivery, today: dt.date) -> None:
    pending = DigestItem.objects.filter(
        unanswered_condition(),
        delivery__recipient=delivery.recipient,
        delivery__month=delivery.month,
        delivery__kind=DigestKind.RESPONSABLE,
    ).count()
    email = outbox_enqueue(
        dedupe_key=f"digest:{delivery.pk}:0",
        to=delivery.recipient.email,
        template="digest_reminder",
        context={
            "recipient": delivery.recipient,
            "pending": pending,
            "follow_up_path": reverse("staff:rnc_follow_up"),
            "deadline": business_days.deadline_date(delivery.month.year, delivery.month.month),
        },
        language=delivery.recipient.language,
    )
    _mark_queued(delivery, email, timezone.now())


def elus_context(month: dt.date, today: dt.date) -> dict[str, Any]:
    service_reports, period_start = reports.elus_report(month, today)
    return {
        "month": month,
        "period_start": period_start,
        "period_end": reports.previous_month(month)[1],
        "reports": service_reports,
        "today": today,
        "totals": {
            "rnc": sum(r.rnc_count for r in service_reports),
            "overdue": sum(r.rnc_overdue for r in service_reports),
            "completed": sum(r.completed_count for r in service_reports),
        },
        "max_rows": None,  # the PDF shows the first rows (pdf.render_elus_digest_pdf), the portal all of them
        "rows_slice": ":",
        "legal": legal_selectors.legal_counts(period_start, today),
    }


def _build_elus(delivery: DigestDelivery, today: dt.date) -> None:
    context = {
        **elus_context(delivery.month, today),
        "recipient": delivery.recipient,
        "is_late": delivery.is_late,
        "report_path": reverse("staff:elus_report"),
    }
    attachments = [(f"rapport-elus-{delivery.month:%Y-%m}.pdf", pdf.render_elus_digest_pdf(context), "application/pdf")]
    email = outbox_enqueue(
        dedupe_key=f"digest:{delivery.pk}:0",
        to=delivery.recipient.email,
        template="digest_elus",
        context=context,
        language=delivery.recipient.language,
        attachments=attachments,
    )
    _mark_queued(delivery, email, timezone.now())


BUILDERS = {
    DigestKind.RESPONSABLE: _build_responsable,
    DigestKind.REMINDER: _build_reminder,
    DigestKind.ELUS: _build_elus,
}


@transaction.atomic
def digest_resend(*, delivery: DigestDelivery, acting_user: User) -> OutboundEmail:
    """The Technicien sends a digest again, as it was built (recorded: who, when, how many times)."""
    locked = DigestDelivery.objects.select_for_update(of=("self",)).select_related("email").get(pk=delivery.pk)
    if locked.email is None:
        raise ApplicationError(_("Cet envoi n'a pas encore été préparé : il partira dès qu'il le sera."))
    original = locked.email
    locked.resend_count += 1
    copy = OutboundEmail.objects.create(
        dedupe_key=f"digest:{locked.pk}:{locked.resend_count}",
        to=locked.recipient.email,
        subject=original.subject,
        body_text=original.body_text,
        body_html=original.body_html,
        next_attempt_at=timezone.now(),
    )
    for attachment in original.attachments.all():
        copy.attachments.create(file=attachment.file.name, filename=attachment.filename, mimetype=attachment.mimetype)
    locked.last_resent_by, locked.last_resent_at = acting_user, timezone.now()
    locked.save(update_fields=["resend_count", "last_resent_by", "last_resent_at"])
    transaction.on_commit(lambda: _enqueue_send(copy.pk))
    return copy
