"""The production path: a citizen's submission queues its e-mail on Redis and a real Celery worker sends it."""

import os
import threading
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_prerun
from django.core import mail

from prevost_service.celery import app
from requests_app.enums import OutboxStatus
from requests_app.models import OutboundEmail

from ..factories import submit_request

REDIS_URL = os.environ.get("REDIS_URL", "")
pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL (CI sets it)"),
    # The embedded worker's thread-local Redis clients are garbage-collected unclosed after it stops.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


@pytest.fixture
def redis_worker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "result_backend", "task_default_queue")}
    # A queue of its own, so a developer's running worker cannot take these messages.
    app.conf.update(task_always_eager=False, broker_url=REDIS_URL, result_backend=REDIS_URL,
                    task_default_queue=f"test-{uuid.uuid4().hex}")
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.pool.force_close_all()
        app.conf.update(saved)


def wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_acknowledgement_is_sent_by_a_worker_through_redis(redis_worker):
    ran_in = []

    def record(sender=None, **kwargs):
        ran_in.append((sender.name, threading.get_ident()))

    task_prerun.connect(record, weak=False)
    try:
        request = submit_request()  # no test-only commit hooks: the real on_commit publishes to Redis
        email = OutboundEmail.objects.get(request=request)
        assert wait_for(lambda: OutboundEmail.objects.get(pk=email.pk).status == OutboxStatus.SENT)
    finally:
        task_prerun.disconnect(record)
    # Run by the worker's thread, not inline in this one: the message went through the broker.
    assert ran_in == [("requests_app.tasks.send_outbound_email", ran_in[0][1])]
    assert ran_in[0][1] != threading.get_ident()
    assert [m.subject for m in mail.outbox] == [f"Demande {request.number} reçue — Ville de Prévost"]
