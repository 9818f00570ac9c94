"""A real Celery worker process whose digest PDF never finishes: the test kills it mid-build.

Started by test_celery_worker.py with the test database and broker in its environment.
"""

import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevost_service.settings.test")

import django

django.setup()

from core import pdf  # noqa: E402


def hang(context):
    open(os.environ["HANG_MARKER"], "w").close()  # tells the test the build has started
    time.sleep(600)


pdf.render_responsable_digest_pdf = hang

from prevost_service.celery import app  # noqa: E402

app.conf.update(task_always_eager=False, broker_url=os.environ["BROKER_URL"], result_backend=os.environ["BROKER_URL"])
app.worker_main(["worker", "--pool=solo", "--loglevel=warning", "--without-mingle", "--without-gossip"])
