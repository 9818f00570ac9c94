import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from outbox import services
from outbox.enums import OutboxStatus
from outbox.models import OutboundEmail
from outbox.tasks import send_outbound_email
from requests_app.models import ServiceRequest

from ..celery_helpers import celery_config
from ..factories import submit_request

pytestmark = pytest.mark.django_db


def test_sending_twice_delivers_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = submit_request()
    email = OutboundEmail.objects.get(owner=request.outbox_owner)
    assert email.status == OutboxStatus.SENT
    assert send_outbound_email.delay(email.pk).get() is False
    assert services.outbox_flush() == 0
    assert len(mail.outbox) == 1


def test_failed_email_is_retried_later_and_sent_once(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.intake.broken_mail.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        request = submit_request()
    email = OutboundEmail.objects.get(owner=request.outbox_owner)
    assert email.status == OutboxStatus.PENDING and email.next_attempt_at > timezone.now()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.outbox_flush() == 0, "not due yet: backoff"
    assert services.outbox_flush(now=timezone.now() + dt.timedelta(hours=1)) == 1
    assert services.outbox_flush(now=timezone.now() + dt.timedelta(hours=2)) == 0
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxStatus.SENT, 2)


def test_email_gives_up_after_max_attempts_and_can_be_resent(settings):
    settings.EMAIL_BACKEND = "tests.intake.broken_mail.BrokenBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 2
    request = submit_request()
    email = OutboundEmail.objects.get(owner=request.outbox_owner)
    later = timezone.now()
    for _ in range(3):
        later += dt.timedelta(days=1)
        services.outbox_flush(now=later)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxStatus.FAILED, 2)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.outbox_resend(email=email)
    services.outbox_flush()
    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT and len(mail.outbox) == 1


def test_a_claim_left_by_a_dead_worker_is_released():
    request = submit_request()
    email = OutboundEmail.objects.get(owner=request.outbox_owner)
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=OutboxStatus.SENDING, claimed_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert services.outbox_flush() == 1
    assert len(mail.outbox) == 1


def test_unreachable_broker_leaves_the_email_for_the_flush(django_capture_on_commit_callbacks):
    with celery_config(task_always_eager=False, broker_url="redis://127.0.0.1:1/0"):
        with django_capture_on_commit_callbacks(execute=True):
            request = submit_request()
    email = OutboundEmail.objects.get(owner=request.outbox_owner)
    assert email.status == OutboxStatus.PENDING
    assert services.outbox_flush() == 1


def test_the_acknowledgement_is_written_by_the_worker_as_the_request_was_when_filed(django_capture_on_commit_callbacks):
    # Issue 20: the citizen's confirmation does not wait for three templates; the worker renders
    # them, and the e-mail still says what the citizen filed even if the Technicien acted first.
    request = submit_request(language="en", requester_name="Mary Tremblay")
    email = OutboundEmail.objects.get(owner=request.outbox_owner)
    assert (email.template, email.body_text) == ("request_received", "")
    ServiceRequest.objects.filter(pk=request.pk).update(requester_name="Someone Else", location_address="ailleurs")

    assert services.outbox_flush() == 1
    (sent,) = mail.outbox
    assert request.number in sent.subject and "received" in sent.subject
    assert "Hello Mary Tremblay" in sent.body and "1234, rue Principale" in sent.body
    assert "Pothole" in sent.body, "the nature in the citizen's language"
    assert f"/en/track/{request.tracking_token}/" in sent.body
    email.refresh_from_db()
    assert email.body_text == sent.body and email.subject == sent.subject, "the admin shows what was sent"


def test_a_template_failing_in_the_worker_keeps_the_email_for_a_retry():
    request = submit_request()
    OutboundEmail.objects.filter(owner=request.outbox_owner).update(template="no_such_template")
    assert services.outbox_flush() == 0
    email = OutboundEmail.objects.get(owner=request.outbox_owner)
    assert (email.status, email.attempts) == (OutboxStatus.PENDING, 1)
    assert "TemplateDoesNotExist" in email.last_error
    assert ServiceRequest.objects.filter(pk=request.pk).exists()


def test_the_same_change_queued_twice_is_one_email(django_capture_on_commit_callbacks):
    arguments = {
        "dedupe_key": "test:1:once",
        "to": "marie@example.ca",
        "template": "request_received",
        "context": {"request": {"number": "2026-000001", "requester_name": "Marie"}, "tracking_path": "/suivi/x/"},
        "language": "fr",
        "render_later": True,
    }
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = services.outbox_enqueue(**arguments)
        second = services.outbox_enqueue(**{**arguments, "to": "autre@example.ca"})
    assert first.pk == second.pk and second.to == "marie@example.ca"
    assert len(callbacks) == 1 and len(mail.outbox) == 1


def test_the_outbox_says_an_acknowledgement_is_written_when_sent(client, technicien):
    request = submit_request(requester_email="pending@example.ca")
    client.force_login(technicien)
    text = client.get(reverse("admin:outbox_outboundemail_changelist")).content.decode()
    assert "pending@example.ca" in text and "(rédigé à l&#x27;envoi)" in text
    services.outbox_flush()
    text = client.get(reverse("admin:outbox_outboundemail_changelist")).content.decode()
    assert f"Demande {request.number} reçue" in text and "rédigé à l" not in text
