from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q

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

    def get_all_permissions(self, user_obj, obj=None):
        """One query for the account's own and its roles' permissions (Django's backend makes two),
        cached on the user for the rest of the HTTP request like Django's."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows = Permission.objects.all()
            else:
                rows = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in rows.values_list("content_type__app_label", "codename").distinct()
            }
        return user_obj._perm_cache
