"""The Technicien's call-back list: citizens who asked to be called, each attempt recorded."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from requests_app import business_days, services
from requests_app.forms import CallbackForm
from requests_app.models import ServiceRequest


@login_required
@require_http_methods(["GET", "POST"])
def callback_list(request):
    if not request.user.has_perm("requests_app.triage"):
        raise PermissionDenied
    bound = None
    if request.method == "POST":
        citizen_request = get_object_or_404(
            ServiceRequest.objects.awaiting_callback(), number=request.POST.get("number", "")
        )
        bound = CallbackForm(request.POST, prefix=citizen_request.number)
        if bound.is_valid():
            try:
                services.callback_record(
                    service_request=citizen_request, acting_user=request.user, **bound.cleaned_data
                )
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request, _("Appel inscrit à la demande %(number)s.") % {"number": citizen_request.number}
                )
                return redirect("staff:callbacks")
    today = timezone.localdate()
    rows = []
    for citizen_request in ServiceRequest.objects.awaiting_callback():
        received = timezone.localdate(citizen_request.received_at)
        form = bound if bound is not None and bound.prefix == citizen_request.number else None
        rows.append(
            {
                "request": citizen_request,
                # Not called back by the next business day: highlighted.
                "late": business_days.business_days_between(received, today) >= 1,
                "form": form or CallbackForm(prefix=citizen_request.number),
            }
        )
    return render(
        request, "requests_app/staff/callbacks.html", {"rows": rows}, status=400 if bound is not None else 200
    )
