"""Outbound e-mail: written with the change, sent once by a task, retried by the flush job."""

import datetime as dt
import logging
import re
from collections.abc import Iterable
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import connections, router, transaction
from django.db.models import F, Q
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import broker
from outbox.enums import OutboxStatus
from outbox.models import OutboundAttachment, OutboundEmail

logger = logging.getLogger(__name__)

# The Message-ID of every e-mail sent: a reply's In-Reply-To, or a bounce quoting it, leads back to it.
OUTBOUND_ID = re.compile(r"<prevost-outbox-(\d+)@")


def outbound_message_id(email_id: int) -> str:
    """The Message-ID of an e-mail the portal sends: a reply's In-Reply-To leads back to it."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "prevost.local"
    return f"<prevost-outbox-{email_id}@{domain}>"


# A claim older than this belongs to a worker that died mid-send.
STUCK_AFTER = dt.timedelta(minutes=15)


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=min(2**attempts, 240))


def _enqueue_send(email_id: int) -> None:
    broker.publish(
        "outbox.tasks.send_outbound_email", email_id
    )  # broker away: the row stays pending, the flush sends it


def outbox_enqueue(
    *,
    dedupe_key: str,
    to: str,
    template: str,
    context: dict[str, Any],
    language: str,
    owner: str = "",
    attachments: Iterable[tuple[str, bytes, str]] = (),
    render_later: bool = False,
) -> OutboundEmail:
    """Render `template` (subject.txt, body.txt, body.html) in the recipient's language and queue it.

    Must run inside the transaction of the change that causes the e-mail; the same
    `dedupe_key` never yields a second message. `owner`: the key of the demand it is about
    ("request:42"), which threads replies and bounces back to it and lets Loi 25 forget it.
    `attachments`: (filename, bytes, mimetype). `render_later`: the worker renders the templates
    just before sending, from `context` kept as JSON, so it must hold plain values taken now: a
    citizen's submission does not wait for its acknowledgement's three templates (issue 20).
    """
    email = OutboundEmail(dedupe_key=dedupe_key, to=to, owner=owner, next_attempt_at=timezone.now())
    if render_later:
        email.template, email.language, email.context = template, language, context
    else:
        email.subject, email.body_text, email.body_html = _render(template, context, language)
    if not _insert_once(email):
        return OutboundEmail.objects.get(dedupe_key=dedupe_key)
    for filename, content, mimetype in attachments:
        OutboundAttachment.objects.create(
            email=email, file=ContentFile(content, name=filename), filename=filename, mimetype=mimetype
        )
    transaction.on_commit(lambda: _enqueue_send(email.pk))
    return email


def _render(template: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    """(subject, text body, HTML body) of `emails/<template>/` in `language`."""
    with translation.override(language):
        context = {**context, "portal_base_url": settings.PORTAL_BASE_URL, "city_name": settings.CITY_NAME}
        subject = " ".join(render_to_string(f"emails/{template}/subject.txt", context).split())
        body_text = render_to_string(f"emails/{template}/body.txt", context)
        body_html = render_to_string(f"emails/{template}/body.html", context)
    return subject, body_text, body_html


def _insert_once(email: OutboundEmail) -> bool:
    """Insert `email` unless its dedupe key exists; True (and its id set) when it was inserted.

    One `INSERT … ON CONFLICT DO NOTHING` where get_or_create took four round trips (a read, a
    savepoint, the insert, its release) on every submission; Django's own ignore_conflicts gives
    back neither the id the task needs nor whether the row is new."""
    fields = [field for field in OutboundEmail._meta.concrete_fields if not field.primary_key]
    connection = connections[router.db_for_write(OutboundEmail)]
    quote = connection.ops.quote_name
    values = [field.get_db_prep_save(field.pre_save(email, add=True), connection) for field in fields]
    sql = "INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({key}) DO NOTHING RETURNING {pk}".format(
        table=quote(OutboundEmail._meta.db_table),
        columns=", ".join(quote(field.column) for field in fields),
        values=", ".join(["%s"] * len(fields)),
        key=quote(OutboundEmail._meta.get_field("dedupe_key").column),
        pk=quote(OutboundEmail._meta.pk.column),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    email.pk, email._state.adding = row[0], False
    return True


def outbox_send(*, email_id: int) -> bool:
    """Send one pending e-mail; False when another worker has it or it is already sent."""
    now = timezone.now()
    claimed = OutboundEmail.objects.filter(pk=email_id, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    email = OutboundEmail.objects.prefetch_related("attachments").get(pk=email_id)
    if email.template and not email.body_text:
        try:
            email.subject, email.body_text, email.body_html = _render(email.template, email.context, email.language)
        except Exception as exc:  # noqa: BLE001 - a template that fails now is retried, then shown as failed
            _outbox_send_failed(email=email, error=exc)
            return False
        # Written before the send: the admin, a retry and a reply's threading read the same text.
        OutboundEmail.objects.filter(pk=email_id).update(
            subject=email.subject, body_text=email.body_text, body_html=email.body_html
        )
    message = EmailMultiAlternatives(
        email.subject,
        email.body_text,
        to=[email.to],
        # The same Message-ID on every retry; a citizen's reply names it in In-Reply-To and lands in
        # the request's history (services/intake.py). Auto-Submitted keeps out-of-office replies away.
        headers={"Message-ID": outbound_message_id(email.pk), "Auto-Submitted": "auto-generated"},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments.all():
        with attachment.file.open("rb") as handle:
            message.attach(attachment.filename, handle.read(), attachment.mimetype)
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 - SMTP refusals, timeouts, DNS: all are retried the same way
        _outbox_send_failed(email=email, error=exc)
        return False
    OutboundEmail.objects.filter(pk=email_id).update(status=OutboxStatus.SENT, sent_at=timezone.now(), last_error="")
    return True


def _outbox_send_failed(*, email: OutboundEmail, error: Exception) -> None:
    logger.warning("E-mail %s to %s failed (attempt %s): %s", email.pk, email.to, email.attempts, error)
    final = email.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=OutboxStatus.FAILED if final else OutboxStatus.PENDING,
        next_attempt_at=timezone.now() + _backoff(email.attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )


def outbox_flush(*, now: dt.datetime | None = None) -> int:
    """Release claims of dead workers, then send what is due. Returns how many were sent."""
    now = now or timezone.now()
    OutboundEmail.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
        status=OutboxStatus.PENDING, next_attempt_at=now
    )
    due_ids = list(OutboundEmail.objects.due(now).order_by("next_attempt_at").values_list("pk", flat=True)[:500])
    return sum(outbox_send(email_id=email_id) for email_id in due_ids)


def outbox_resend(*, email: OutboundEmail) -> None:
    """The Technicien asks again for a message that failed for good."""
    OutboundEmail.objects.filter(pk=email.pk, status=OutboxStatus.FAILED).update(
        status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: _enqueue_send(email.pk))


def outbox_owners(*, email_ids: Iterable[int]) -> list[str]:
    """The demands these e-mails were about (a reply's In-Reply-To names the e-mail it answers)."""
    return list(OutboundEmail.objects.filter(pk__in=list(email_ids)).exclude(owner="").values_list("owner", flat=True))


def outbox_bounced(*, email_ids: Iterable[int], reason: str) -> list[OutboundEmail]:
    """A bounce names e-mails that never reached their reader: they fail for good, with the reason."""
    emails = list(OutboundEmail.objects.filter(pk__in=list(email_ids)))
    OutboundEmail.objects.filter(pk__in=[email.pk for email in emails]).update(
        status=OutboxStatus.FAILED, last_error=reason
    )
    return emails


def outbox_forget(*, prefix: str = "", ids: Iterable[int] = (), owners: Iterable[str] = ()) -> list[FieldFile]:
    """Loi 25: delete the e-mails sent about these demands (by `prefix:{id}:` dedupe keys, or by
    owner) with their attachments; returns the attachment files, for the caller to delete once
    its transaction commits."""
    condition = Q(owner__in=list(owners))
    for pk in ids:
        condition |= Q(dedupe_key__startswith=f"{prefix}:{pk}:")
    emails = OutboundEmail.objects.filter(condition)
    files = [attachment.file for attachment in OutboundAttachment.objects.filter(email__in=emails)]
    emails.delete()
    return files
