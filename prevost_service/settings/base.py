"""Everything the portal needs; local, production and test only override."""

import datetime
from typing import Any

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from prevost_service.env import BASE_DIR, env, env_secret, tile_origin

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env_secret("SECRET_KEY", debug=DEBUG, dev_default="dev-only-insecure-key-prevost")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Absolute address of the portal, for links in e-mails (they are built outside any HTTP request).
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "core",
    "accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_ratelimit",
    "crispy_forms",
    "crispy_bootstrap5",
    "outbox",
    "requests_app",
    "knowledge",
    "intake",
    "digests",
    "open311",
    "legal",
    "complaints",
    "desk",
    "reporting",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "core.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into the polite page below.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "prevost_service.urls"
WSGI_APPLICATION = "prevost_service.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
                "core.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    # A connection that died with the database is dropped instead of failing the next request.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that does not answer fails the request in seconds (a 503 page), not after minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=3)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # throttles repeated failed logins (django-axes)
    "accounts.backends.UsernameOrEmailBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Per account whatever spelling names it, and per address across accounts (accounts/login_throttle.py).
AXES_HANDLER = "accounts.login_throttle.LoginThrottle"
AXES_USERNAME_CALLABLE = "accounts.login_throttle.login_identity"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=25)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False
# Accounts that read personal information in bulk pass a second factor (accounts.second_factor).
SECOND_FACTOR_REQUIRED = env.bool("SECOND_FACTOR_REQUIRED", default=True)
OTP_TOTP_ISSUER = "Ville de Prévost"
# A secret is shown to its owner once, at enrolment: not even a superuser can read it back and
# clone a director's second factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
# How many proxies of the city's stand in front of gunicorn (production: the TLS proxy). Only
# those are believed when they say who the client is (core.client_ip).
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)

# Public forms (core.public_forms): posts per address, all forms together, and the
# least time a person takes between opening a form and sending it. Generous: a library, a school
# or a phone carrier may put many citizens behind one address.
PUBLIC_FORM_RATE = env.str("PUBLIC_FORM_RATE", default="30/10m")
PUBLIC_FORM_MIN_SECONDS = env.int("PUBLIC_FORM_MIN_SECONDS", default=3)
RATELIMIT_IP_META_KEY = "core.client_ip.client_ip"
RATELIMIT_IPV6_MASK = 64  # one household's IPv6 network is one address
# A Redis outage must not shut the citizens out: without counters, no limit.
RATELIMIT_FAIL_OPEN = True
# ResilientRedisCache is Django's RedisCache (atomic incr), which django-ratelimit does not list.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:home"
# Invitation and reset links (accounts.services.password_link_send): single use, valid one day.
PASSWORD_RESET_TIMEOUT = 24 * 3600
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Staff sessions end after this much inactivity: each request pushes the expiry back
# (accounts.middleware; one UPDATE per staff request, citizens have no session).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "fr-ca"
LANGUAGES = [("fr-ca", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["prevost_service.formats"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded photos are personal information: they live outside any public URL and are served
# only by views that check who asks (requests_app.views).
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail ------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Ville de Prévost <requetes@ville.prevost.qc.ca>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A slow mail server must not hold a worker forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- Redis: broker, results and cache; absent, everything stays in-process -------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "prevost",
            # Redis answers in a millisecond on the city's network: half a second means it is gone.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Without Redis the portal runs as one process (runserver): its memory is shared by everyone.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# The worker rides out any number of broker outages: it retries for ever, at startup too.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# Tasks are acked late and safe to run twice: one cut off by a lost connection is redelivered.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# Web requests publish through core.broker (one attempt, short timeouts); beat's own
# publishing may retry briefly.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_timeout": 3, "socket_connect_timeout": 3}
CELERY_BEAT_SCHEDULE = {
    "outbox-flush": {"task": "outbox.tasks.flush_outbox", "schedule": crontab(minute="*/2")},
    "digests-retry": {"task": "digests.tasks.retry_digests", "schedule": crontab(minute="*/2")},
    "purge-staged-photos": {"task": "core.tasks.purge_staged_photos", "schedule": crontab(minute=17)},
    "rnc-digests": {
        "task": "digests.tasks.send_rnc_digests",
        "schedule": crontab(hour=env.int("RNC_DIGEST_HOUR", default=7), minute=env.int("RNC_DIGEST_MINUTE", default=0)),
    },
    # Before the office opens, so the responsable reads the warning with his first e-mails.
    "refresh-standards": {"task": "requests_app.tasks.refresh_standards", "schedule": crontab(hour=2, minute=15)},
    # At night, when nobody reads: removes the personal information of what passed its retention.
    "apply-retention": {"task": "requests_app.tasks.apply_retention", "schedule": crontab(hour=3, minute=40)},
    "apply-legal-retention": {"task": "legal.tasks.apply_legal_retention", "schedule": crontab(hour=3, minute=45)},
    "apply-complaint-retention": {
        "task": "complaints.tasks.apply_complaint_retention",
        "schedule": crontab(hour=3, minute=50),
    },
    # E-mail intake: a no-op until INTAKE_IMAP_HOST is set.
    "mailbox-poll": {"task": "intake.tasks.poll_mailbox", "schedule": crontab(minute="*/2")},
    "access-deadline-warnings": {
        "task": "legal.tasks.warn_access_deadlines",
        "schedule": crontab(hour=6, minute=30),
    },
}

# --- Content-Security-Policy (django-csp) -------------------------------------------
# Every page the portal writes takes its scripts and styles from its own static files only: no
# inline script, no style attribute, no third party. The Django admin keeps inline styles of its
# own, so it is left out (staff only, behind login and, later, a second factor).
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/en/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# An optional map beside the place field (#10), off unless a tile server is named, e.g.
# https://tile.openstreetmap.org/{z}/{x}/{y}.png (whose usage policy asks for light use and the
# attribution) or the city's own. Its origin is added to img-src; nothing else leaves 'self'.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_ATTRIBUTION = env.str("MAP_ATTRIBUTION", default="© OpenStreetMap")
MAP_CENTER = tuple(env.list("MAP_CENTER", cast=float, default=[45.8672, -74.0816]))  # hôtel de ville de Prévost
MAP_ZOOM = env.int("MAP_ZOOM", default=14)
if MAP_TILE_URL:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(tile_origin(MAP_TILE_URL))

# --- The portal's own settings ---------------------------------------------------
PHOTO_MAX_COUNT = 3
PHOTO_MAX_BYTES = 10 * 1024 * 1024
OPEN311_JURISDICTION_ID = env.str("OPEN311_JURISDICTION_ID", default="prevost.ca")
# POSTs per API key per hour (Open311): a runaway client cannot flood the Technicien's queue.
OPEN311_POST_LIMIT = (env.int("OPEN311_POSTS_PER_HOUR", default=60), 3600)
CLAIM_MAX_DOCUMENTS = 8  # per submission; more can be added later from the tracking link
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=6)
CITY_NAME = "Ville de Prévost"
# The city's practice: damage from snow removal during a winter (SNOW_REMOVAL_SEASON_START to
# SNOW_REMOVAL_CLAIMS_UNTIL, MM-DD) is received until the spring date that ends that winter.
SNOW_REMOVAL_SEASON_START = env.str("SNOW_REMOVAL_SEASON_START", default="11-01")
SNOW_REMOVAL_CLAIMS_UNTIL = env.str("SNOW_REMOVAL_CLAIMS_UNTIL", default="05-15")
for _name in ("SNOW_REMOVAL_SEASON_START", "SNOW_REMOVAL_CLAIMS_UNTIL"):
    try:
        datetime.date.fromisoformat(f"2000-{globals()[_name]}")
    except ValueError:
        raise ImproperlyConfigured(f"{_name} must be a day of the year written MM-DD.") from None
# Loi sur les normes du travail lets the employer choose Good Friday or Easter Monday.
EASTER_HOLIDAY = env.str("EASTER_HOLIDAY", default="good_friday")
if EASTER_HOLIDAY not in ("good_friday", "easter_monday"):
    raise ImproperlyConfigured("EASTER_HOLIDAY must be good_friday or easter_monday.")
# Loi 25 (A-2.1, art. 73): personal information is destroyed or anonymized once its purpose is
# served. Years after closure, per kind of demand; the city's calendrier de conservation decides
# the figures (these defaults are the Greffe's to confirm).
RETENTION_REQUEST_YEARS = env.int("RETENTION_REQUEST_YEARS", default=7)
# After the conclusion (or the reclassification) of a complaint.
RETENTION_COMPLAINT_YEARS = env.int("RETENTION_COMPLAINT_YEARS", default=7)
# After the decision (or the withdrawal); a claim is also kept until its prescription date.
RETENTION_CLAIM_YEARS = env.int("RETENTION_CLAIM_YEARS", default=10)
RETENTION_ACCESS_YEARS = env.int("RETENTION_ACCESS_YEARS", default=5)
# E-mail intake (#10): the city's request mailbox, read over IMAP every two minutes. Empty host: off.
INTAKE_IMAP_HOST = env.str("INTAKE_IMAP_HOST", default="")
INTAKE_IMAP_PORT = env.int("INTAKE_IMAP_PORT", default=993)
INTAKE_IMAP_SECURITY = env.str("INTAKE_IMAP_SECURITY", default="ssl")  # ssl, starttls or none (loopback only)
if INTAKE_IMAP_SECURITY not in ("ssl", "starttls", "none"):
    raise ImproperlyConfigured("INTAKE_IMAP_SECURITY must be ssl, starttls or none.")
INTAKE_IMAP_USER = env.str("INTAKE_IMAP_USER", default="")
INTAKE_IMAP_PASSWORD = env.str("INTAKE_IMAP_PASSWORD", default="")
INTAKE_IMAP_FOLDER = env.str("INTAKE_IMAP_FOLDER", default="INBOX")
INTAKE_IMAP_DONE_FOLDER = env.str("INTAKE_IMAP_DONE_FOLDER", default="Traites")
INTAKE_IMAP_FAILED_FOLDER = env.str("INTAKE_IMAP_FAILED_FOLDER", default="A-traiter-a-la-main")
INTAKE_IMAP_TIMEOUT = env.int("INTAKE_IMAP_TIMEOUT", default=30)
INTAKE_MAX_ATTEMPTS = env.int("INTAKE_MAX_ATTEMPTS", default=3)
INTAKE_MAX_ATTACHMENTS = env.int("INTAKE_MAX_ATTACHMENTS", default=5)
# Likely duplicates shown to the Technicien (#10): same nature, received within this many days,
# within this distance when both have a position, or this many civic numbers on the same street.
DUPLICATE_WINDOW_DAYS = env.int("DUPLICATE_WINDOW_DAYS", default=30)
DUPLICATE_RADIUS_METRES = env.int("DUPLICATE_RADIUS_METRES", default=150)
DUPLICATE_CIVIC_GAP = env.int("DUPLICATE_CIVIC_GAP", default=40)
CITY_URGENT_PHONE = env.str("CITY_URGENT_PHONE", default="450 224-8888")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_tokens": {"()": "core.log_masking.MaskTokensFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_tokens"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # One line per task at INFO drowns the development console; warnings and errors still show.
    "loggers": {
        "celery.app.trace": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
