"""The floor the portal is measured against (issue 20): the same Django, psycopg and gunicorn, no
session, auth, locale or CSP middleware; one trivial view and one write view doing exactly the
essential work of a submission. Run by bench/load.py beside the portal, on the same database."""

import os

import environ

SECRET_KEY = "bench-floor-" + os.environ.get("SECRET_KEY", "x")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.floor.urls"
INSTALLED_APPS = ["django.contrib.contenttypes", "bench.floor"]
MIDDLEWARE: list[str] = []
DATABASES = {"default": environ.Env.db_url_config(os.environ["DATABASE_URL"])}
DATABASES["default"]["CONN_MAX_AGE"] = 60
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
USE_TZ = True
TIME_ZONE = "America/Toronto"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
