from urllib.parse import urlencode

import django_otp.middleware
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from core.middleware import is_connection_error, unavailable

from . import second_factor


def has_session(request) -> bool:
    """Whether the visitor presents a session cookie: without one, nobody is logged in, and what only
    staff need (the second factor, the idle timeout) has nothing to do on a citizen's page."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class OTPMiddleware(django_otp.middleware.OTPMiddleware):
    """django-otp's, for visitors with a session only: it wraps every request's user to add
    `is_verified`, which only the second-factor checks read, and those only for a logged-in user."""

    def __call__(self, request):
        if not has_session(request):
            return self.get_response(request)
        return super().__call__(request)


class IdleTimeoutMiddleware:
    """A staff session lasts SESSION_IDLE_MINUTES after its last request, not after the login.

    Saving the session pushes its expiry back when the response is sent; it is saved at most once a
    minute (TOUCH_EVERY), so the session ends between one minute early and on time, instead of
    writing the session row on every page the Technicien opens all day (issue 20). Only for a
    visitor who presents a session cookie and whose session could be read: citizens (no session)
    are untouched, and when the database is down the session is left alone (Django's
    SESSION_SAVE_EVERY_REQUEST would try to write it, and turn the 503 page into a 500)."""

    TOUCH_EVERY = 60  # seconds
    TOUCHED_KEY = "_idle_touched_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if has_session(request):
            try:
                authenticated = request.user.is_authenticated
            except DatabaseError:
                return response
            now = int(timezone.now().timestamp())
            if authenticated and now - request.session.get(self.TOUCHED_KEY, 0) >= self.TOUCH_EVERY:
                request.session[self.TOUCHED_KEY] = now
        return response


class SecondFactorMiddleware:
    """Until the second factor is passed, an account that needs one reaches nothing but the code
    page and the way out. Checked on every view, so a URL added tomorrow is covered too."""

    OPEN_VIEWS = frozenset(
        {
            "accounts:login",
            "accounts:logout",
            "accounts:second_factor",
            "accounts:password_forgotten",
            "accounts:password_set",
            "set_language",
            "healthz",
            "favicon",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not has_session(request):  # a citizen: nobody to ask a code of (issue 20)
            return None
        user = request.user
        try:
            if not second_factor.required_for(user) or user.is_verified():
                return None
        except (OperationalError, InterfaceError) as error:
            if not is_connection_error(error):
                raise
            return unavailable(request, error)
        if request.resolver_match.view_name in self.OPEN_VIEWS:
            return None
        return redirect(f"{reverse('accounts:second_factor')}?{urlencode({'next': request.get_full_path()})}")
