"""A Redis that hangs (a cut proxy, a frozen host) holds up no citizen: the submission answers in about a
second and everything is recorded for the beat job to send."""

import socket
import time

import pytest
from django.urls import reverse

from core import broker
from outbox.enums import OutboxStatus
from outbox.models import OutboundEmail
from requests_app.models import ServiceRequest

from .celery_helpers import celery_config
from .requests_app.test_submission import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung_redis():
    """A port that takes connections and never answers: every read waits for its timeout."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    finally:
        server.close()


def test_a_submission_answers_within_two_seconds_when_redis_hangs(
    client, settings, hung_redis, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": hung_redis,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Broker and result backend both on the hung Redis, as in production (REDIS_URL serves both).
    with celery_config(task_always_eager=False, broker_url=hung_redis, result_backend=hung_redis):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):  # the publish after commit, as in production
            response = client.post(reverse("requests:create"), form_data())
        elapsed = time.monotonic() - started
        assert not broker.broker_available()  # the failed publish keeps the next requests from trying
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            again = client.post(reverse("requests:create"), form_data())
        elapsed_again = time.monotonic() - started
    assert response.status_code == 302 and again.status_code == 302
    assert elapsed < 2.0, f"the first submission waited {elapsed:.1f} s on a hung Redis"
    assert elapsed_again < 0.5, f"the next one waited {elapsed_again:.1f} s"
    assert ServiceRequest.objects.count() == 2
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {OutboxStatus.PENDING}
