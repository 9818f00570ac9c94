import contextlib
import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core import public_forms

from . import second_factor as factor
from . import services
from .enums import Availability
from .models import User


def _safe_next(request, default: str) -> str:
    back = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return back
    return resolve_url(default)


class AvailabilityForm(forms.Form):
    availability = forms.ChoiceField(choices=Availability.choices)
    back_at = forms.TimeField(required=False)


@login_required
@require_POST
def availability_update(request):
    """Annexe B: disponible, en réunion, absent du bureau, from any staff page in one click."""
    form = AvailabilityForm(request.POST)
    if form.is_valid():
        back_at = form.cleaned_data.get("back_at")
        if back_at is not None:
            back_at = timezone.make_aware(dt.datetime.combine(timezone.localdate(), back_at))
        services.availability_set(user=request.user, availability=form.cleaned_data["availability"], back_at=back_at)
    return redirect(_safe_next(request, "staff:home"))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """After the password: the authenticator's code, or the enrolment of an application the first time."""
    next_url = _safe_next(request, settings.LOGIN_REDIRECT_URL)
    user = request.user
    # Turned on from « Sécurité du compte » by an account its role does not oblige.
    volunteering = bool(request.GET.get("activer") or request.POST.get("activer")) and settings.SECOND_FACTOR_REQUIRED
    if user.is_verified() or not (factor.required_for(user) or volunteering):
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    wait = factor.wait_seconds(user) if request.method == "POST" else 0
    if wait:
        form.add_error(
            "code",
            ngettext(
                "Trop d'essais manqués. Attendez %(seconds)s seconde, puis entrez le code affiché.",
                "Trop d'essais manqués. Attendez %(seconds)s secondes, puis entrez le code affiché.",
                wait,
            )
            % {"seconds": wait},
        )
    if factor.is_enrolled(user):
        if request.method == "POST" and form.is_valid():
            if factor.verify(request, form.cleaned_data["code"]):
                return redirect(next_url)
            else:
                form.add_error("code", _("Ce code ne convient pas : il a peut-être changé. Entrez le code affiché."))
        return render(
            request, "accounts/second_factor.html", {"form": form, "next": next_url}, status=400 if form.errors else 200
        )
    device = factor.pending_device(user)
    if request.method == "POST" and form.is_valid():
        codes = factor.confirm_enrolment(request, device, form.cleaned_data["code"])
        if codes is not None:
            services.second_factor_enrolled_record(user=user)
            return render(request, "accounts/backup_codes.html", {"codes": codes, "next": next_url})
        form.add_error(
            "code",
            _("Ce code ne convient pas. Vérifiez que l'heure du téléphone est juste, puis entrez le code affiché."),
        )
    return render(
        request,
        "accounts/second_factor_enrol.html",
        {"form": form, "next": next_url, "enrolment": factor.enrolment(device), "volunteering": volunteering},
        status=400 if form.errors else 200,
    )


# --- passwords: each person chooses their own ---------------------------------------------------------


@login_required
def security(request):
    """« Sécurité du compte »: the second factor (required by the role, or offered), the password."""
    user = request.user
    return render(
        request,
        "accounts/security.html",
        {
            "enrolled": factor.is_enrolled(user),
            "required_by_role": factor.required_by_role(user),
            "factor_in_force": settings.SECOND_FACTOR_REQUIRED,
            "changes": user.rights_changes.select_related("actor")[:10],
        },
    )


class PasswordChosenLogged:
    """Django's password views, with the change written to the rights log and said to the person."""

    through_link: bool
    done_message: str | Promise

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_chosen_record(user=form.user, through_link=self.through_link)
        messages.success(self.request, self.done_message)
        return response


class PasswordSetView(PasswordChosenLogged, auth_views.PasswordResetConfirmView):
    """The invitation or reset link: single use (the token dies with the password it replaces), valid
    PASSWORD_RESET_TIMEOUT. The second factor, if any, is kept: the next login still asks for it."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:login")
    through_link = True
    done_message = gettext_lazy("Votre mot de passe est choisi. Connectez-vous.")


class PasswordChangeView(PasswordChosenLogged, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:security")
    through_link = False
    done_message = gettext_lazy("Votre mot de passe est changé.")


class ForgottenForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Votre adresse courriel au travail"), max_length=254)


@never_cache
@require_http_methods(["GET", "POST"])
def password_forgotten(request):
    """A link to choose a new password goes to the address on file, never elsewhere; the page says the
    same thing whether or not the address is known, so it tells nobody who has an account."""
    form = ForgottenForm(request.POST or None)
    if request.method == "POST" and not public_forms.refused(request, form) and form.is_valid():
        for user in User.objects.filter(email__iexact=form.cleaned_data["email"].strip(), is_active=True):
            with contextlib.suppress(services.ApplicationError):  # no address: the page says the same anyway
                services.password_link_send(user=user, acting_user=user)
        return render(request, "accounts/password_forgotten_sent.html")
    return render(request, "accounts/password_forgotten.html", {"form": form}, status=public_forms.status_for(form))
