from django.conf import settings
from django.db import DatabaseError


class IdleTimeoutMiddleware:
    """A staff session lasts SESSION_IDLE_MINUTES after its last request, not after the login.

    Marking the session modified pushes its expiry back when the response is sent. Only for a
    visitor who presents a session cookie and whose session could be read: citizens (no session)
    are untouched, and when the database is down the session is left alone (Django's
    SESSION_SAVE_EVERY_REQUEST would try to write it, and turn the 503 page into a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            try:
                authenticated = request.user.is_authenticated
            except DatabaseError:
                return response
            if authenticated:
                request.session.modified = True
        return response
