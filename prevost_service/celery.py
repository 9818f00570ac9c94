import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevost_service.settings.local")

app = Celery("prevost_service")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
