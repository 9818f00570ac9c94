"""The production path: a citizen's submission queues its e-mail on Redis and a real Celery worker sends it."""

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_prerun
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from digests import services as digests
from digests.enums import DigestStatus
from digests.models import DigestDelivery
from digests.tasks import send_rnc_digests
from outbox.enums import OutboxStatus
from outbox.models import OutboundEmail
from outbox.tasks import flush_outbox
from prevost_service.celery import app
from requests_app import services
from requests_app.models import ServiceRequest

from ..celery_helpers import celery_config
from ..factories import submit_request
from ..requests_app.test_submission import form_data

REDIS_URL = os.environ.get("REDIS_URL", "")
pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog_after_flush"),
    pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL (CI sets it)"),
    # The embedded worker's thread-local Redis clients are garbage-collected unclosed after it stops.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


@pytest.fixture
def redis_worker():
    # A Redis database of its own, so a developer's running worker cannot take these messages.
    url = urlsplit(REDIS_URL)._replace(path="/15").geturl()
    redis.Redis.from_url(url).flushdb()  # nothing left over from an earlier run reaches this worker
    with celery_config(task_always_eager=False, broker_url=url, result_backend=url):
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield


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
        email = OutboundEmail.objects.get(owner=request.outbox_owner)
        assert wait_for(lambda: OutboundEmail.objects.get(pk=email.pk).status == OutboxStatus.SENT)
    finally:
        task_prerun.disconnect(record)
    # Run by the worker's thread, not inline in this one: the message went through the broker.
    assert ran_in == [("outbox.tasks.send_outbound_email", ran_in[0][1])]
    assert ran_in[0][1] != threading.get_ident()
    assert [m.subject for m in mail.outbox] == [f"Demande {request.number} reçue — Ville de Prévost"]


def test_daily_digest_task_through_a_worker_sends_each_list_once(
    redis_worker, technicien, responsable_tp, responsable_env
):
    services.request_assign(service_request=submit_request(), acting_user=technicien)
    services.request_assign(service_request=submit_request(type_code="collecte-manquee"), acting_user=technicien)
    assert wait_for(lambda: len(mail.outbox) == 4)  # acknowledgements and assignment notices
    mail.outbox.clear()

    send_rnc_digests.delay("2026-11-23").get(timeout=30)
    send_rnc_digests.delay("2026-11-23").get(timeout=30)  # a second beat, a rerun: nothing more

    def all_sent():
        deliveries = list(DigestDelivery.objects.select_related("email"))
        return len(deliveries) == 2 and all(
            d.status == DigestStatus.QUEUED and d.email.status == OutboxStatus.SENT for d in deliveries
        )

    assert wait_for(all_sent, timeout=60)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([responsable_tp.email, responsable_env.email])
    for message in mail.outbox:
        assert {name for name, _content, _type in message.attachments} == {"rnc-2026-11.pdf", "rnc-2026-11.csv"}


def test_mail_queued_while_redis_was_down_is_sent_once_when_it_is_back(catalog_after_flush, client, settings):
    # Redis away, as broker and as cache: the citizens' submissions through the form succeed,
    # their e-mails wait in the outbox.
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with celery_config(task_always_eager=False, broker_url="redis://127.0.0.1:1/0"):
        for _ in range(2):
            response = client.post(reverse("requests:create"), form_data())
            assert response.status_code == 302
            assert client.get(response.url).status_code == 200  # the status page too
    first, second = ServiceRequest.objects.order_by("pk")
    waiting = OutboundEmail.objects.filter(owner__in=[first.outbox_owner, second.outbox_owner])
    assert waiting.count() == 2 and set(waiting.values_list("status", flat=True)) == {OutboxStatus.PENDING}

    # Redis is back: the beat's flush, run by a real worker, sends each one, once.
    url = urlsplit(REDIS_URL)._replace(path="/15").geturl()
    redis.Redis.from_url(url).flushdb()
    with celery_config(task_always_eager=False, broker_url=url, result_backend=url):
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            assert flush_outbox.delay().get(timeout=30) == 2
            assert flush_outbox.delay().get(timeout=30) == 0
    assert set(waiting.values_list("status", flat=True)) == {OutboxStatus.SENT}
    assert sorted(m.subject for m in mail.outbox) == sorted(
        f"Demande {r.number} reçue — Ville de Prévost" for r in (first, second)
    )


def test_a_worker_killed_while_building_a_digest_leaves_it_to_be_sent_once(
    catalog_after_flush, technicien, responsable_tp, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process must reach the test database: PostgreSQL (CI), not in-memory SQLite")
    services.request_assign(service_request=submit_request(), acting_user=technicien)
    url = urlsplit(REDIS_URL)._replace(path="/15").geturl()
    settings_dict = connection.settings_dict
    database_url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
    )
    marker = tmp_path / "building"
    worker = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("hanging_worker.py"))],
        env={
            **os.environ,
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
            "DATABASE_URL": database_url,
            "BROKER_URL": url,
            "HANG_MARKER": str(marker),
        },
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        with celery_config(task_always_eager=False, broker_url=url, result_backend=url):
            digests.digests_dispatch(today=dt.date(2026, 11, 23))  # queues the build on Redis
            assert wait_for(marker.exists, timeout=60), "the worker never started building"
        worker.send_signal(signal.SIGKILL)  # mid-build: its transaction dies with it
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
        # The killed worker's message stays unacknowledged and would be redelivered in an hour, perhaps
        # to another run's worker on this machine: the broker database is emptied.
        redis.Redis.from_url(url).flushdb()
    delivery = DigestDelivery.objects.get()
    assert delivery.status == DigestStatus.GENERATING and delivery.email is None

    # Restarted: the flush job releases the dead worker's claim and builds the digest, once.
    later = timezone.now() + digests.STUCK_AFTER + dt.timedelta(minutes=1)
    assert digests.digests_retry(now=later) == 1
    assert digests.digests_retry(now=later) == 0
    delivery.refresh_from_db()
    assert delivery.status == DigestStatus.QUEUED
    assert (
        OutboundEmail.objects.filter(to=responsable_tp.email, subject__startswith="Requêtes non complétées").count()
        == 1
    )
