"""When the database is away, every page answers a plain 503 instead of a traceback or a 500.

Outermost but for security headers: sessions, authentication and views all read the database,
and any of them can be the first to find it gone. The page is rendered without a request context
(context processors would query the database again) in the language of the URL. Service comes
back by itself: CONN_HEALTH_CHECKS drops the dead connection and the next request opens a new one.
"""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
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
