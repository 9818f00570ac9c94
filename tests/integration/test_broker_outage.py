"""Redis goes away twice for 20 s under a real Celery worker started as production starts it: the
worker rides both outages out, and every e-mail queued meanwhile is sent, once."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from outbox.enums import OutboxStatus
from outbox.models import OutboundEmail
from outbox.services import outbound_message_id
from outbox.tasks import flush_outbox

from ..celery_helpers import celery_config
from ..factories import submit_request

ROOT = Path(__file__).resolve().parents[2]
# The worker's command line in docker-compose.yml and the Makefile, word for word.
WORKER_ARGS = [
    "worker",
    "--loglevel=info",
    "--concurrency=2",
    "--without-gossip",
    "--without-mingle",
    "--without-heartbeat",
]
OUTAGE_SECONDS = 20
pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalog_after_flush"),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server (CI installs it)"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


class SpareRedis:
    """A Redis of the test's own on a free loopback port, which the test stops and starts again."""

    def __init__(self, tmp_path: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = tmp_path / "redis.log"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
        )
        assert wait_for(lambda: self._answers(), timeout=10), "the spare Redis did not start"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def _answers(self) -> bool:
        try:
            return redis.Redis.from_url(self.url, socket_connect_timeout=0.2).ping()
        except redis.RedisError:
            return False


def wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def statuses(emails):
    return list(OutboundEmail.objects.filter(pk__in=[e.pk for e in emails]).values_list("status", "attempts"))


def test_the_worker_rides_out_two_redis_outages_and_sends_every_email_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process must reach the test database: PostgreSQL (CI), not in-memory SQLite")
    spare = SpareRedis(tmp_path)
    spare.start()
    settings_dict = connection.settings_dict
    database_url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
    )
    worker_log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "prevost_service", *WORKER_ARGS],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "prevost_service.settings.production",
            "SECRET_KEY": "outage-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DATABASE_URL": database_url,
            "REDIS_URL": spare.url,
            "EMAIL_URL": "consolemail://",
            "PYTHONPATH": str(ROOT),
        },
        cwd=ROOT,
        stdout=worker_log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        with celery_config(task_always_eager=False, broker_url=spare.url, result_backend=spare.url):
            before = [OutboundEmail.objects.get(owner=submit_request().outbox_owner)]
            assert wait_for(lambda: statuses(before) == [(OutboxStatus.SENT, 1)], timeout=60), worker_log.read_text()
            queued_meanwhile = []
            for _outage in range(2):
                spare.stop()
                queued_meanwhile += [OutboundEmail.objects.get(owner=submit_request().outbox_owner) for _ in range(2)]
                time.sleep(OUTAGE_SECONDS)
                assert worker.poll() is None, "the worker died during the outage:\n" + worker_log.read_text()
                spare.start()
                # What beat's flush does every two minutes, asked at once through the broker.
                flush_outbox.delay()
                assert wait_for(lambda q=queued_meanwhile: set(statuses(q)) == {(OutboxStatus.SENT, 1)}, timeout=90), (
                    worker_log.read_text()
                )
            assert worker.poll() is None, worker_log.read_text()
        assert "Unrecoverable error" not in worker_log.read_text()
        # Each e-mail went out once: one attempt each, and the console backend printed each message once.
        printed = worker_log.read_text()
        for email in before + queued_meanwhile:
            assert printed.count(f"Message-ID: {outbound_message_id(email.pk)}") == 1, email.pk
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
        if spare.process and spare.process.poll() is None:
            spare.stop()
