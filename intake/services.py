"""E-mail intake (#10): each message of the city's request mailbox becomes a request awaiting
classification, or joins the history of the request it answers; auto-replies and bounces never
become requests.

Nothing is read twice and nothing is lost: a message is handled in one transaction that also
records its Message-ID (unique), and is moved out of the folder only after that commit. A crash
before the commit leaves the message where it was, for the next poll; a crash after it leaves a
message whose row says it was dealt with, so the next poll only moves it. A message that fails
again and again goes to a folder of its own for a person to read, and says so in the admin.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from core import photos
from intake import parsing as inbound
from intake.enums import InboundOutcome
from intake.mailbox import Mailbox
from intake.models import InboundEmail
from outbox.services import outbox_bounced, outbox_owners
from requests_app.enums import Channel, EventKind
from requests_app.models import RequestAttachment, RequestPhoto, ServiceRequest
from requests_app.services.requests import request_submit
from requests_app.services.workflow import history_note

logger = logging.getLogger(__name__)


def _request_answered(message: inbound.InboundMessage) -> ServiceRequest | None:
    """The request a reply belongs to: by the e-mail it answers, else by the number in its subject."""
    candidates = ServiceRequest.objects.filter(anonymized_at__isnull=True)
    ids = message.outbound_ids
    if ids:
        owners = outbox_owners(email_ids=ids)
        found = candidates.filter(pk__in=ServiceRequest.ids_of_owners(owners)).first()
        if found is not None:
            return found
    if message.references:
        found = candidates.filter(inbound_emails__message_id__in=message.references).first()
        if found is not None:
            return found
    for number in message.request_numbers:
        found = candidates.filter(number=number).first()
        if found is not None:
            return found
    return None


def _keep_attachments(service_request: ServiceRequest, message: inbound.InboundMessage) -> list[str]:
    """Photos cleaned like the web form's, PDFs checked by their signature; the rest is refused by
    name so the Technicien can ask the citizen for it another way."""
    refused = []
    for attachment in message.attachments[: settings.INTAKE_MAX_ATTACHMENTS]:
        upload = ContentFile(attachment.content, name=attachment.filename)
        try:
            if photos.is_pdf(attachment.content):
                if upload.size > settings.PHOTO_MAX_BYTES:
                    raise ValidationError("too big")
                RequestAttachment.objects.create(
                    request=service_request,
                    file=ContentFile(attachment.content, name="document.pdf"),
                    filename=attachment.filename[:150],
                    content_type="application/pdf",
                )
            elif attachment.content_type.startswith("image/"):  # JPEG and PNG pass, re-encoded; others refused
                clean = photos.sanitize_photo(upload)
                RequestPhoto.objects.create(request=service_request, image=clean, content_type=clean.content_type)
            else:
                raise ValidationError("type")
        except ValidationError:
            refused.append(attachment.filename)
    refused += [a.filename for a in message.attachments[settings.INTAKE_MAX_ATTACHMENTS :]]
    return refused


def _refused_note(refused: list[str]) -> str:
    if not refused:
        return ""
    return _("Pièces jointes non conservées (type ou taille non acceptés) : %(files)s") % {"files": ", ".join(refused)}


def _new_request(message: inbound.InboundMessage) -> ServiceRequest:
    description = "\n\n".join(filter(None, [message.subject, message.text])) or _("(courriel sans texte)")
    request = request_submit(
        data={
            "description": description,
            "requester_name": message.sender_name or message.sender_address or _("Expéditeur inconnu"),
            "requester_email": message.sender_address if _valid_address(message.sender_address) else "",
        },
        channel=Channel.EMAIL,
    )
    note = _refused_note(_keep_attachments(request, message))
    if note:
        history_note(service_request=request, kind=EventKind.EMAIL_RECEIVED, note=note)
    return request


def _valid_address(address: str) -> bool:
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


def _add_reply(service_request: ServiceRequest, message: inbound.InboundMessage) -> None:
    refused = _keep_attachments(service_request, message)
    text = message.text or _("(courriel sans texte)")
    history_note(
        service_request=service_request,
        kind=EventKind.EMAIL_RECEIVED,
        note="\n\n".join(filter(None, [f"{message.sender_address} — {message.subject}", text, _refused_note(refused)])),
    )


def _record_bounce(message: inbound.InboundMessage) -> ServiceRequest | None:
    """Our e-mail did not reach the citizen: the Technicien sees it in the history and the outbox."""
    bounced = outbox_bounced(
        email_ids=message.bounced_outbound_ids, reason=_("Retour : le courriel n'a pas pu être distribué.")
    )
    requests = ServiceRequest.objects.in_bulk(ServiceRequest.ids_of_owners(outbound.owner for outbound in bounced))
    first = None
    for outbound in bounced:
        request = requests.get(ServiceRequest.id_of_owner(outbound.owner))
        if request is not None:
            first = first or request
            history_note(
                service_request=request,
                kind=EventKind.EMAIL_BOUNCED,
                note=_("« %(subject)s » n'a pas pu être distribué à %(to)s : joindre le citoyen autrement.")
                % {"subject": outbound.subject, "to": outbound.to},
            )
    return first


def inbound_process(*, raw: bytes) -> InboundEmail:
    """Deal with one message, once: a message already recorded is not dealt with again."""
    key = inbound.message_key(raw)
    done = InboundEmail.objects.filter(message_id=key).exclude(outcome=InboundOutcome.FAILED).first()
    if done is not None:
        return done
    message = inbound.parse(raw)
    try:
        with transaction.atomic():
            request, sender, subject = None, message.sender_address, message.subject
            if message.is_bounce:
                outcome, request = InboundOutcome.BOUNCE, _record_bounce(message)
                sender, subject = "", ""  # a report about someone else's address: nothing to keep
            elif message.is_auto_reply:
                outcome, sender, subject = InboundOutcome.AUTO_REPLY, "", ""
            else:
                request = _request_answered(message)
                if request is not None:
                    outcome = InboundOutcome.REPLY
                    _add_reply(request, message)
                else:
                    outcome, request = InboundOutcome.NEW_REQUEST, _new_request(message)
            row, _created = InboundEmail.objects.update_or_create(
                message_id=key,
                defaults={
                    "outcome": outcome,
                    "request": request,
                    "sender": sender,
                    "subject": subject,
                    "last_error": "",
                },
            )
    except IntegrityError:  # another poll recorded it between our check and our write
        return InboundEmail.objects.get(message_id=key)
    return row


def inbound_failed(*, raw: bytes, error: Exception) -> int:
    """Count a failed try (in its own transaction: the try itself was rolled back); returns the count."""
    key = inbound.message_key(raw)
    description = f"{type(error).__name__}: {error}"[:2000]
    row, created = InboundEmail.objects.get_or_create(
        message_id=key, defaults={"outcome": InboundOutcome.FAILED, "attempts": 1, "last_error": description}
    )
    if created:
        return 1
    if row.outcome != InboundOutcome.FAILED:
        return 0  # dealt with meanwhile by another poll
    InboundEmail.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1, last_error=description)
    return row.attempts + 1


def mailbox_poll(*, limit: int = 50) -> int:
    """Read what waits in the mailbox; returns how many messages were dealt with."""
    if not settings.INTAKE_IMAP_HOST:
        return 0
    handled = 0
    with Mailbox.from_settings() as box:
        for folder in (settings.INTAKE_IMAP_DONE_FOLDER, settings.INTAKE_IMAP_FAILED_FOLDER):
            box.ensure_folder(folder)
        box.select(settings.INTAKE_IMAP_FOLDER)
        for uid in box.waiting(limit):
            raw = box.fetch(uid)
            if raw is None:
                continue
            try:
                inbound_process(raw=raw)
            except Exception as error:  # one bad message must not stop the others
                logger.exception("Inbound e-mail %s could not be processed", inbound.message_key(raw))
                if inbound_failed(raw=raw, error=error) >= settings.INTAKE_MAX_ATTEMPTS:
                    box.move(uid, settings.INTAKE_IMAP_FAILED_FOLDER)
                continue
            box.move(uid, settings.INTAKE_IMAP_DONE_FOLDER)
            handled += 1
    return handled
