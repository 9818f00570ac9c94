"""The citizen's rating page (from the closure e-mail) and the Responsable de l'Expérience citoyen's results."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from requests_app import satisfaction
from requests_app.forms import SatisfactionFilterForm, SatisfactionForm
from requests_app.services import satisfaction as satisfaction_services


@require_http_methods(["GET", "POST"])
def survey(request, token):
    citizen_request = satisfaction.request_for_token(token)
    if citizen_request is None:
        return render(request, "requests_app/satisfaction_expired.html", status=404)
    already = hasattr(citizen_request, "satisfaction")
    form = SatisfactionForm(request.POST or None, initial={"rating": request.GET.get("note")})
    if request.method == "POST" and not already and form.is_valid():
        try:
            satisfaction_services.satisfaction_record(service_request=citizen_request, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            return render(request, "requests_app/satisfaction_thanks.html", {"citizen_request": citizen_request})
    return render(
        request,
        "requests_app/satisfaction.html",
        {"form": form, "citizen_request": citizen_request, "already": already},
        status=400 if form.errors else 200,
    )


@login_required
def results(request):
    if not request.user.has_perm("requests_app.read_satisfaction"):
        raise PermissionDenied
    form = SatisfactionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = satisfaction.responses(
        service=filters.get("service"), start=filters.get("start"), end=filters.get("end")
    )
    return render(
        request,
        "requests_app/staff/satisfaction.html",
        {
            "form": form,
            "summary": satisfaction.summary(queryset),
            "comments": queryset.exclude(comment="").order_by("-answered_at")[:200],
            "total": queryset.count(),
        },
    )
