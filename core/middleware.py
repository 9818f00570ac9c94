"""The portal's own middleware: a 503 page when the database is away, and Django's and django-csp's
with what an anonymous request does not need left out (issue 20)."""

import logging

import csp.constants
import csp.middleware
import django.contrib.messages.middleware
import django.middleware.locale
from csp.utils import build_policy as csp_policy
from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.messages.storage import default_storage
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject, empty

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """When the database is away, every page answers a plain 503 instead of a traceback or a 500.

    Outermost but for security headers: sessions, authentication and views all read the database,
    and any of them can be the first to find it gone. The page is rendered without a request context
    (context processors would query the database again) in the language of the URL. Service comes
    back by itself: CONN_HEALTH_CHECKS drops the dead connection and the next request opens a new one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as error:
            # Raised by a middleware (sessions, authentication) before any view ran.
            if not is_connection_error(error):
                raise
            return unavailable(request, error)

    def process_exception(self, request, exception):
        # Exceptions raised in views reach here before Django turns them into a 500 page.
        if isinstance(exception, (OperationalError, InterfaceError)) and is_connection_error(exception):
            return unavailable(request, exception)
        return None


def unavailable(request, error: DatabaseError) -> HttpResponse:
    """The 503, for this middleware and for a middleware's process_view that finds the database
    gone (Django turns those exceptions into a 500 before any outer middleware sees them)."""
    logger.error("Database unavailable for %s: %s", request.path, error)
    if request.path.startswith("/open311/"):  # an API client reads the spec's error list, not a page
        response: HttpResponse = JsonResponse(
            [{"code": 503, "description": "service unavailable, retry later"}], safe=False
        )
        response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    language = translation.get_language_from_path(request.path_info) or "fr-ca"
    with translation.override(language):
        body = render_to_string("503.html", {"LANGUAGE_CODE": language})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def is_connection_error(error: Exception) -> bool:
    # An OperationalError is also what a lock timeout raises; those stay ordinary 500s to be fixed.
    text = str(error).lower()
    return isinstance(error, InterfaceError) or any(
        marker in text for marker in ("connection", "connect", "server closed", "could not", "terminating")
    )


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp, with the policy built once per process instead of on every response.

    django-csp rebuilds both headers from the settings for each response, a quarter of what a bare
    page costs (issue 20). The portal's policy uses no nonce and no per-view decorator, so the
    header is the same for every page; a response that does ask for either still takes django-csp's
    own path. The cache follows the settings object (tests override it)."""

    _PER_RESPONSE = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
    )
    _built: tuple[object, object, tuple[tuple[str, tuple[str, ...], str, str], ...]] | None = None

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in self._PER_RESPONSE
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (500, 404):  # django-csp leaves the debug pages alone
            return response
        for header, excluded_prefixes, exempt, value in self._headers():
            if (
                header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(excluded_prefixes)
            ):
                response[header] = value
        request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _headers(self):
        enforced = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        built = CSPMiddleware._built
        if built is None or built[0] is not enforced or built[1] is not report_only:
            headers = (
                (csp.constants.HEADER, enforced or {}, "_csp_exempt", csp_policy()),
                (csp.constants.HEADER_REPORT_ONLY, report_only or {}, "_csp_exempt_ro", csp_policy(report_only=True)),
            )
            built = (
                enforced,
                report_only,
                tuple(
                    (header, tuple(policy.get("EXCLUDE_URL_PREFIXES") or ()), exempt, value)
                    for header, policy, exempt, value in headers
                    if value
                ),
            )
            CSPMiddleware._built = built
        return built[2]


class LocaleMiddleware(django.middleware.locale.LocaleMiddleware):
    """Django's, without reading the language cookie and the browser's Accept-Language for nothing.

    With i18n_patterns(prefix_default_language=False), Django's middleware takes the URL's prefix,
    or else the default language; the language it first computes from the cookie and the header is
    thrown away (django/middleware/locale.py). Same outcome without that work on every request
    (issue 20). Any other URL configuration takes Django's own path."""

    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if is_language_prefix_patterns_used(urlconf) != (True, False):
            return super().process_request(request)
        request.language_from_path = translation.get_language_from_path(request.path_info)
        translation.activate(request.language_from_path or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if not hasattr(request, "language_from_path"):
            return super().process_response(request, response)
        # Django's, for this configuration: its redirect of a 404 to a prefixed URL only applies when
        # the default language is prefixed too, and the path was read once above.
        if not request.language_from_path:
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class MessageMiddleware(django.contrib.messages.middleware.MessageMiddleware):
    """Django's, with the message storage made when first used: a page that neither adds nor shows a
    message (a cached status page, the API, /healthz) no longer builds a cookie and a session
    storage to save nothing (issue 20)."""

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        storage = request.__dict__.get("_messages")
        if type(storage) is SimpleLazyObject and storage._wrapped is empty:  # type(): no evaluation
            return response
        return super().process_response(request, response)
