"""Annexe C in the portal: prepare, sign twice, read the history, download the signed form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import SignatureFields
from core.errors import ApplicationError
from requests_app import selectors
from requests_app.forms import DesignationForm
from requests_app.models import Designation, Service
from requests_app.services import designations as designation_services


def _visible_designations(user):
    queryset = Designation.objects.select_related(
        "service", "director", "reception_responsable", "execution_responsable"
    )
    if user.is_superuser or user.has_perm("requests_app.triage"):
        return queryset
    return queryset.filter(Q(director=user) | Q(reception_responsable=user) | Q(execution_responsable=user))


@login_required
def designation_list(request):
    designations = _visible_designations(request.user).order_by("service__name_fr", "-created_at")
    services_without = selectors.services_without_designation()
    can_start = request.user.has_perm("requests_app.triage") or Service.objects.filter(director=request.user).exists()
    return render(
        request,
        "requests_app/staff/designations.html",
        {
            "designations": designations,
            "services_without": services_without,
            "can_start": can_start,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def designation_create(request):
    form = DesignationForm(request.POST or None, user=request.user)
    if not form.fields["service"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            designation = designation_services.designation_start(acting_user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Désignation préparée : l'employé désigné est invité à la signer."))
            return redirect("staff:designation_detail", pk=designation.pk)
    return render(
        request, "requests_app/staff/designation_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def designation_detail(request, pk):
    designation = get_object_or_404(_visible_designations(request.user), pk=pk)
    signer = None
    if designation.state == "awaiting_employee" and request.user.pk == designation.reception_responsable_id:
        signer = designation_services.designation_sign_as_employee
    elif designation.state == "awaiting_director" and request.user.pk == designation.director_id:
        signer = designation_services.designation_sign_as_director
    form = SignatureFields(request.POST or None) if signer else None
    if request.method == "POST":
        if signer is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                signer(
                    designation=designation,
                    acting_user=request.user,
                    signature=form.signature(request.user.get_full_name() or request.user.username),
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Signature enregistrée."))
                return redirect("staff:designation_detail", pk=pk)
    return render(
        request,
        "requests_app/staff/designation_detail.html",
        {"designation": designation, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def designation_pdf(request, pk):
    designation = get_object_or_404(_visible_designations(request.user), pk=pk)
    if not designation.pdf:
        raise Http404
    return FileResponse(
        designation.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"annexe-c-{designation.service.code}-{designation.designation_date:%Y-%m-%d}.pdf",
    )
