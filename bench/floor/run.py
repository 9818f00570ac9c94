"""Serve the floor (bench/floor) with gunicorn beside the portal and measure its two views."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLOOR_PORT = 8098
FLOOR_FORM = (
    "service=1&request_type=1&description=Nid-de-poule+profond+devant+le+1234+(test+de+charge)"
    "&location_address=1234%2C+rue+Principale&requester_name=Charge+Test&requester_address=1234+rue+Principale"
    "&requester_phone=450+555-0101&requester_email=charge%40exemple.ca&contact_preference=courriel"
)


def run_floor(*, database_url: str, workers: int, seconds: int, clients: int, start_gunicorn, stop, wrk) -> dict:
    """The trivial view and the write view, same gunicorn and database as the portal, same run."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.floor.settings",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-m", "django", "migrate", "--run-syncdb", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = start_gunicorn(env, workers, app="bench.floor.wsgi", port=FLOOR_PORT)
    host = f"127.0.0.1:{FLOOR_PORT}"
    try:
        trivial = wrk("/", seconds=seconds, clients=clients, host=host)
        write = wrk(
            "/submit/",
            seconds=seconds,
            clients=clients,
            method="POST",
            body=FLOOR_FORM,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            host=host,
        )
    finally:
        stop(server)
    return {"bare Django, trivial view": trivial, "bare Django, write view": write}
