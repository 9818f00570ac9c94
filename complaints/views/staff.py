"""The investigators' file, the Technicien's receipts. Every read is logged by the selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from core.workflow import available_actions

from .. import selectors, services
from ..enums import AccessAction
from ..forms import (
    ConcludeForm,
    EmployeeForm,
    EvidenceForm,
    InterviewForm,
    PaperForm,
    ShareForm,
    ToRequestForm,
    VerbalComplaintForm,
)
from ..models import Complaint, ComplaintAccessLog


@login_required
def complaint_list(request):
    if selectors.is_investigator(request.user) or selectors.readable_complaints(request.user).exists():
        rows = selectors.readable_complaints(request.user).select_related("service").order_by("-received_at")[:200]
        return render(request, "complaints/staff/list.html", {"rows": rows, "full": True})
    if selectors.sees_receipts(request.user):
        rows = selectors.complaint_receipts().order_by("-received_at")[:200]
        return render(request, "complaints/staff/list.html", {"rows": rows, "full": False})
    raise PermissionDenied


ACTIONS = {
    "enquete": (
        None,
        services.complaint_start_investigation,
        gettext_lazy("Enquête ouverte; le plaignant en est avisé."),
    ),
    "rencontre": (
        InterviewForm,
        services.interview_add,
        gettext_lazy("Rencontre inscrite."),
    ),
    "piece": (
        EvidenceForm,
        services.evidence_add,
        gettext_lazy("Pièce ajoutée au dossier."),
    ),
    "employe": (
        EmployeeForm,
        services.complaint_identify_employee,
        gettext_lazy("Employé concerné enregistré."),
    ),
    "conclure": (
        ConcludeForm,
        services.complaint_conclude,
        gettext_lazy("Enquête conclue; le plaignant est avisé de l'issue."),
    ),
    "partager": (
        ShareForm,
        services.complaint_share,
        gettext_lazy("Plainte partagée avec le directeur."),
    ),
    "retirer-partage": (
        ShareForm,
        services.complaint_unshare,
        gettext_lazy("Partage retiré."),
    ),
    "reclasser": (
        ToRequestForm,
        services.complaint_to_request,
        gettext_lazy("Plainte reclassée en requête."),
    ),
}


def _detail_context(complaint, user, bound=None):
    forms = {key: (form_class(prefix=key) if form_class else None) for key, (form_class, *_rest) in ACTIONS.items()}
    if bound is not None:
        forms[bound.prefix] = bound
    return {
        "complaint": complaint,
        "is_investigator": selectors.is_investigator(user),
        "actions": available_actions(complaint, user),
        "statements": complaint.statements.all(),
        "interviews": complaint.interviews.select_related("recorded_by"),
        "evidence": complaint.evidence.all(),
        "shares": complaint.shares.filter(revoked_at=None).select_related("director"),
        "conclusion": getattr(complaint, "conclusion", None),
        "forms": forms,
    }


@login_required
def complaint_detail(request, number):
    complaint = selectors.complaint_for_reader(request.user, number, detail="dossier consulté")
    return render(request, "complaints/staff/detail.html", _detail_context(complaint, request.user))


@login_required
@require_POST
def complaint_action(request, number, action):
    if action not in ACTIONS:
        raise Http404
    complaint = selectors.complaint_for_reader(
        request.user, number, detail=f"action « {action} » demandée", action=AccessAction.CHANGE
    )
    if not selectors.is_investigator(request.user):
        raise PermissionDenied
    form_class, service, success = ACTIONS[action]
    form = form_class(request.POST, request.FILES, prefix=action) if form_class else None
    if form is None or form.is_valid():
        try:
            service(complaint=complaint, acting_user=request.user, **(form.cleaned_data if form else {}))
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
            return redirect("complaints:staff_detail", number=number)
    else:
        messages.error(request, _("Corrigez les champs indiqués ci-dessous."))
    return render(request, "complaints/staff/detail.html", _detail_context(complaint, request.user, form), status=400)


@login_required
def statement_pdf(request, number, statement_id):
    complaint = selectors.complaint_for_reader(
        request.user, number, detail=f"déclaration {statement_id} téléchargée", action=AccessAction.DOWNLOAD
    )
    statement = get_object_or_404(complaint.statements, pk=statement_id)
    if not statement.pdf:  # destroyed at the end of its retention period
        raise Http404
    return FileResponse(
        statement.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"plainte-{complaint.number}.pdf",
    )


@login_required
def statement_signature(request, number, statement_id):
    complaint = selectors.complaint_for_reader(request.user, number, detail=f"signature {statement_id} consultée")
    statement = get_object_or_404(complaint.statements, pk=statement_id)
    if not statement.signature_image:
        raise Http404
    return FileResponse(statement.signature_image.open("rb"), content_type="image/png")


@login_required
def evidence_file(request, number, evidence_id):
    complaint = selectors.complaint_for_reader(
        request.user, number, detail=f"pièce {evidence_id} téléchargée", action=AccessAction.DOWNLOAD
    )
    evidence = get_object_or_404(complaint.evidence, pk=evidence_id)
    return FileResponse(evidence.file.open("rb"), as_attachment=True)


@login_required
def access_log(request):
    if not selectors.is_investigator(request.user):
        raise PermissionDenied
    entries = ComplaintAccessLog.objects.select_related("complaint", "user")[:500]
    return render(request, "complaints/staff/access_log.html", {"entries": entries})


@login_required
@require_http_methods(["GET", "POST"])
def complaint_intake(request):
    """The Technicien notes a complaint received by phone or at the counter (policy 4.1)."""
    if not (request.user.has_perm("requests_app.triage") or selectors.is_investigator(request.user)):
        raise PermissionDenied
    form = VerbalComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.complaint_record_verbal(
                data=form.complaint_data(), acting_user=request.user, channel=form.cleaned_data["channel"]
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Plainte %(number)s notée : le citoyen reçoit un lien pour la signer.")
                % {"number": complaint.number},
            )
            return redirect("complaints:staff_list")
    return render(request, "complaints/staff/intake.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def complaint_paper(request, number):
    """The Technicien uploads the scan of a complaint signed on paper; he sees nothing of its content."""
    if not selectors.sees_receipts(request.user):
        raise PermissionDenied
    complaint = get_object_or_404(selectors.complaint_receipts(), number=number)
    form = PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_attach_paper(
                complaint=Complaint.objects.get(pk=complaint.pk),
                scanned_pdf=form.cleaned_data["scan"].read(),
                acting_user=request.user,
            )
        except ApplicationError as error:
            form.add_error("scan", error.message)
        else:
            messages.success(request, _("Écrit signé ajouté à la plainte %(number)s.") % {"number": number})
            return redirect("complaints:staff_list")
    return render(request, "complaints/staff/paper.html", {"form": form, "complaint": complaint})
