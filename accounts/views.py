import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from requests_app.selectors import staff_directory

from . import services
from .enums import Availability


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
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect("staff:home")


@login_required
def directory(request):
    """Who can take a transferred call right now, service by service."""
    if not (request.user.is_technicien or request.user.sees_all_requests):
        raise PermissionDenied
    return render(request, "accounts/directory.html", {"services": staff_directory()})
