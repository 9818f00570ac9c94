"""Production runs the Celery worker and beat as separate, supervised, health-checked services, with
the worker command line that tests/integration/test_broker_outage.py drives through Redis outages."""

from pathlib import Path

import yaml

from .integration.test_broker_outage import WORKER_ARGS

ROOT = Path(__file__).resolve().parents[1]


def test_worker_and_beat_are_separate_supervised_services_with_health_checks():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    worker, beat = services["worker"], services["beat"]
    assert worker["command"].split() == ["celery", "-A", "prevost_service", *WORKER_ARGS]
    assert "--beat" not in worker["command"] and "-B" not in worker["command"].split()
    assert beat["command"].startswith("celery -A prevost_service beat")
    for service in (worker, beat):
        assert service["restart"] in ("unless-stopped", "always")
        assert service["healthcheck"]["test"]
    assert "inspect ping" in " ".join(worker["healthcheck"]["test"])


def test_make_run_starts_worker_and_beat_apart_with_the_same_flags():
    makefile = (ROOT / "Makefile").read_text()
    assert "worker --beat" not in makefile
    flags = next(line for line in makefile.splitlines() if line.startswith("WORKER_FLAGS"))
    assert all(flag in flags for flag in ("--without-gossip", "--without-mingle", "--without-heartbeat"))
