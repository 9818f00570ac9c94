"""E-mail intake against a real IMAP server (dovecot on loopback): new requests, threading,
auto-replies and bounces, and a crash at any point losing nothing and reading nothing twice."""

import io
import shutil
import tempfile
from email.message import EmailMessage
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from PIL import Image

from intake import services as intake
from intake.enums import InboundOutcome
from intake.models import InboundEmail
from intake.tasks import poll_mailbox
from outbox.enums import OutboxStatus
from outbox.models import OutboundEmail
from requests_app.enums import Channel, EventKind, Status
from requests_app.models import RequestEvent, ServiceRequest
from tests.intake import imap_server

from ..factories import submit_request
from ..pdf_helpers import tiny_pdf

pytestmark = pytest.mark.django_db(transaction=False)

DONE, FAILED = "Traites", "A-traiter-a-la-main"


@pytest.fixture(scope="session")
def dovecot():
    root = Path(tempfile.mkdtemp(prefix="prevost-imap-"))
    root.chmod(0o755)  # the unprivileged mail user must reach its maildir
    process, server = imap_server.start(root)
    yield server
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def mailbox(dovecot, settings):
    dovecot.clear()
    settings.INTAKE_IMAP_HOST = dovecot.host
    settings.INTAKE_IMAP_PORT = dovecot.port
    settings.INTAKE_IMAP_SECURITY = "none"
    settings.INTAKE_IMAP_USER = dovecot.user
    settings.INTAKE_IMAP_PASSWORD = dovecot.password
    settings.INTAKE_IMAP_DONE_FOLDER = DONE
    settings.INTAKE_IMAP_FAILED_FOLDER = FAILED
    return dovecot


def letter(
    *, subject="Nid-de-poule rue des Érables", body="Bonjour, un trou profond devant le 45.", sender=None, **headers
):
    message = EmailMessage()
    message["From"] = sender or "Lucie Gagnon <lucie@example.ca>"
    message["To"] = "requetes@ville.prevost.qc.ca"
    message["Subject"] = subject
    message["Message-ID"] = headers.pop("message_id", f"<{abs(hash((subject, body, sender)))}@example.ca>")
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def photo_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    return buffer.getvalue()


# --- new requests ---------------------------------------------------------------------------------


def test_a_new_email_becomes_a_request_awaiting_classification_with_its_attachments(
    mailbox, django_capture_on_commit_callbacks
):
    message = letter()
    message.add_attachment(photo_bytes(), maintype="image", subtype="jpeg", filename="trou.jpg")
    message.add_attachment(tiny_pdf("facture"), maintype="application", subtype="pdf", filename="facture.pdf")
    message.add_attachment(b"MZ\x90\x00", maintype="application", subtype="octet-stream", filename="virus.exe")
    mailbox.deliver(message.as_bytes())

    with django_capture_on_commit_callbacks(execute=True):
        assert poll_mailbox.delay().get() == 1

    request = ServiceRequest.objects.get()
    assert request.channel == Channel.EMAIL and request.status == Status.RECEIVED
    assert request.request_type is None and request.service is None  # the Technicien classifies it
    assert request.requester_name == "Lucie Gagnon" and request.requester_email == "lucie@example.ca"
    assert "Nid-de-poule rue des Érables" in request.description and "trou profond devant le 45" in request.description
    assert request.photos.count() == 1 and request.photos.get().content_type == "image/jpeg"
    assert [a.filename for a in request.attachments.all()] == ["facture.pdf"]
    assert "virus.exe" in RequestEvent.objects.get(request=request, kind=EventKind.EMAIL_RECEIVED).note
    acknowledgement = next(m for m in mail.outbox if m.to == ["lucie@example.ca"])
    assert request.number in acknowledgement.subject
    assert mailbox.messages("INBOX") == [] and len(mailbox.messages(DONE)) == 1  # moved, not read again


# --- threading ------------------------------------------------------------------------------------


def test_a_reply_to_the_acknowledgement_joins_the_request_history(mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = submit_request(requester_email="marie@example.ca")
    acknowledgement = mail.outbox[-1]
    our_id = acknowledgement.extra_headers["Message-ID"]
    assert acknowledgement.extra_headers["Auto-Submitted"] == "auto-generated"
    reply = letter(
        subject=f"Re: {acknowledgement.subject}".replace(request.number, "votre demande"),
        body="J'ajoute une photo.\n\nLe lundi 23 novembre, la Ville a écrit :\n> Votre demande est reçue",
        sender="marie@example.ca",
        In_Reply_To=our_id,
        References=our_id,
    )
    reply.add_attachment(photo_bytes(), maintype="image", subtype="jpeg", filename="photo.jpg")
    mailbox.deliver(reply.as_bytes())

    intake.mailbox_poll()

    assert ServiceRequest.objects.count() == 1
    event = RequestEvent.objects.get(request=request, kind=EventKind.EMAIL_RECEIVED)
    assert "J'ajoute une photo." in event.note and "Votre demande est reçue" not in event.note  # quote left out
    assert request.photos.count() == 1
    assert InboundEmail.objects.get().outcome == InboundOutcome.REPLY


def test_an_email_naming_the_request_number_in_its_subject_joins_that_request(mailbox):
    request = submit_request()
    mailbox.deliver(
        letter(subject=f"Demande {request.number} : toujours pas réparé", body="Rien n'a bougé.").as_bytes()
    )

    intake.mailbox_poll()

    assert ServiceRequest.objects.count() == 1
    assert "Rien n'a bougé." in RequestEvent.objects.get(request=request, kind=EventKind.EMAIL_RECEIVED).note


# --- machines ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto_Submitted": "auto-replied"},
        {"subject": "Réponse automatique : Absent du bureau"},
        {"subject": "Automatic reply: Nid-de-poule", "X_Autoreply": "yes"},
        {"Precedence": "bulk"},
    ],
)
def test_auto_replies_never_become_requests(mailbox, headers):
    mailbox.deliver(letter(**headers).as_bytes())

    intake.mailbox_poll()

    assert not ServiceRequest.objects.exists()
    row = InboundEmail.objects.get()
    assert row.outcome == InboundOutcome.AUTO_REPLY and row.sender == "" and row.subject == ""
    assert mailbox.messages("INBOX") == []


def test_a_bounce_is_recognised_and_tells_the_technicien_the_address_failed(
    mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = submit_request(requester_email="adresse-erronee@example.ca")
    our_id = mail.outbox[-1].extra_headers["Message-ID"]
    bounce = EmailMessage()
    bounce["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.ca>"
    bounce["Subject"] = "Undelivered Mail Returned to Sender"
    bounce["Message-ID"] = "<bounce-1@mx.example.ca>"
    bounce.set_content("This is the mail system. The address was rejected.")
    bounce.add_attachment(
        f"Message-ID: {our_id}\nTo: adresse-erronee@example.ca\n".encode(),
        maintype="text",
        subtype="rfc822-headers",
    )
    mailbox.deliver(bounce.as_bytes())

    intake.mailbox_poll()

    assert ServiceRequest.objects.count() == 1
    assert InboundEmail.objects.get().outcome == InboundOutcome.BOUNCE
    outbound = OutboundEmail.objects.get(owner=request.outbox_owner)
    assert outbound.status == OutboxStatus.FAILED and "distribué" in outbound.last_error
    assert "adresse-erronee@example.ca" in RequestEvent.objects.get(request=request, kind=EventKind.EMAIL_BOUNCED).note


# --- crash safety -----------------------------------------------------------------------------------


def test_a_crash_before_the_commit_leaves_the_message_for_the_next_poll(mailbox):
    mailbox.deliver(letter().as_bytes())

    with mock.patch.object(intake, "_keep_attachments", side_effect=RuntimeError("disk full")):
        assert intake.mailbox_poll() == 0

    assert not ServiceRequest.objects.exists()  # rolled back whole: no request without its attachments
    assert len(mailbox.messages("INBOX")) == 1
    assert InboundEmail.objects.get().outcome == InboundOutcome.FAILED

    assert intake.mailbox_poll() == 1
    assert ServiceRequest.objects.count() == 1 and mailbox.messages("INBOX") == []


def test_a_crash_after_the_commit_does_not_create_the_request_twice(mailbox):
    mailbox.deliver(letter().as_bytes())

    with mock.patch("intake.mailbox.Mailbox.move", side_effect=OSError("connection reset")):
        with pytest.raises(OSError):
            intake.mailbox_poll()
    assert ServiceRequest.objects.count() == 1 and len(mailbox.messages("INBOX")) == 1  # committed, not moved

    intake.mailbox_poll()

    assert ServiceRequest.objects.count() == 1  # recognised by its Message-ID, only moved this time
    assert mailbox.messages("INBOX") == [] and len(mailbox.messages(DONE)) == 1


def test_a_message_that_keeps_failing_goes_to_a_folder_for_a_person(mailbox, settings):
    settings.INTAKE_MAX_ATTEMPTS = 2
    mailbox.deliver(letter(subject="Le message piégé").as_bytes())
    mailbox.deliver(letter(subject="Le message normal").as_bytes())

    real = intake._new_request

    def fragile(message):
        if message.subject == "Le message piégé":
            raise ValueError("unreadable")
        return real(message)

    with mock.patch.object(intake, "_new_request", side_effect=fragile):
        intake.mailbox_poll()  # the normal one goes through all the same
        intake.mailbox_poll()

    assert list(ServiceRequest.objects.values_list("description", flat=True)) == [
        "Le message normal\n\nBonjour, un trou profond devant le 45."
    ]
    assert mailbox.messages("INBOX") == [] and len(mailbox.messages(FAILED)) == 1
    failed = InboundEmail.objects.get(outcome=InboundOutcome.FAILED)
    assert failed.attempts == 2 and "unreadable" in failed.last_error


def test_without_a_mailbox_configured_the_task_does_nothing(settings):
    settings.INTAKE_IMAP_HOST = ""
    assert intake.mailbox_poll() == 0


def test_past_retention_the_email_traces_go_with_the_person(settings):
    import datetime as dt

    from django.utils import timezone

    from requests_app.services.retention import requests_anonymize

    message = letter()
    message.add_attachment(tiny_pdf("lettre"), maintype="application", subtype="pdf", filename="lettre.pdf")
    row = intake.inbound_process(raw=message.as_bytes())
    ServiceRequest.objects.filter(pk=row.request_id).update(closed_at=timezone.now() - dt.timedelta(days=365 * 8))

    assert requests_anonymize() == 1

    row.refresh_from_db()
    assert row.sender == "" and row.subject == "" and row.outcome == InboundOutcome.NEW_REQUEST
    assert not row.request.attachments.exists()


def test_a_nul_character_in_an_email_does_not_stop_it_becoming_a_request():
    row = intake.inbound_process(raw=letter(subject="Trou\x00 rue Shaw", body="Un trou\x00 profond.").as_bytes())

    assert row.outcome == InboundOutcome.NEW_REQUEST  # PostgreSQL refuses NUL in text: it is left out
    assert "Un trou profond." in row.request.description and row.subject == "Trou rue Shaw"
