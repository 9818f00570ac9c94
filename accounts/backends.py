from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from accounts.login_throttle import normalised


class UsernameOrEmailBackend(ModelBackend):
    """Staff log in with their username or their e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        username = normalised(username) if username else username
        if username and "@" in username:
            user = get_user_model().objects.filter(email__iexact=username, is_active=True).order_by("pk").first()
            if user is None:
                get_user_model()().set_password(password)  # same cost as a real check: no timing oracle
                return None
            username = user.get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)
