"""The complainant's side: file and sign, follow the outcome, get the signed form back."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from core import public_forms
from core.errors import ApplicationError

from .. import selectors, services
from ..enums import AccessAction, ComplaintStatus
from ..forms import ComplaintForm, ComplaintSignatureForm
from ..models import Complaint


@require_http_methods(["GET", "POST"])
def complaint_create(request):
    form = ComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not public_forms.refused(request, form) and form.is_valid():
            data = {**form.complaint_data(), "language": translation.get_language()}
            try:
                complaint = services.complaint_submit(
                    data=data, signature=form.signature(data["complainant_name"]), attachments=form.all_photos()
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                request.session[f"new-complaint:{complaint.tracking_token}"] = True
                return redirect("complaints:track", token=complaint.tracking_token)
        form.keep_valid_photos()
    return render(request, "complaints/form.html", {"form": form}, status=public_forms.status_for(form))


def complaint_track(request, token):
    complaint = selectors.complaint_for_complainant(token)
    if complaint is None:
        raise Http404
    selectors.log_access(
        complaint=complaint, user=None, action=AccessAction.VIEW, detail="page de suivi (lien du plaignant)"
    )
    return render(
        request,
        "complaints/track.html",
        {
            "complaint": complaint,
            "statement": complaint.statements.order_by("-signed_at").first(),
            "is_new": request.session.pop(f"new-complaint:{token}", False),
            "Status": ComplaintStatus,
        },
    )


def _statement_for_token(token, statement_id):
    complaint = selectors.complaint_for_complainant(token)
    if complaint is None:
        raise Http404
    return get_object_or_404(complaint.statements, pk=statement_id)


def complaint_pdf(request, token, statement_id):
    statement = _statement_for_token(token, statement_id)
    if not statement.pdf:  # destroyed at the end of its retention period
        raise Http404
    selectors.log_access(
        complaint=statement.complaint,
        user=None,
        action=AccessAction.DOWNLOAD,
        detail="formulaire signé téléchargé (lien du plaignant)",
    )
    return FileResponse(
        statement.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"plainte-{statement.complaint.number}.pdf",
    )


def complaint_signature_image(request, token, statement_id):
    statement = _statement_for_token(token, statement_id)
    if not statement.signature_image:
        raise Http404
    return FileResponse(statement.signature_image.open("rb"), content_type="image/png")


@require_http_methods(["GET", "POST"])
def complaint_sign(request, token):
    """Policy 4.1: a complaint taken verbally is processed once the citizen signs it in writing."""
    complaint = get_object_or_404(Complaint.objects.select_related("service"), signing_token=token)
    if complaint.statements.exists():
        return redirect("complaints:track", token=complaint.tracking_token)
    form = ComplaintSignatureForm(request.POST or None)
    if request.method == "POST" and not public_forms.refused(request, form) and form.is_valid():
        try:
            services.complaint_sign(complaint=complaint, signature=form.signature(complaint.complainant_name))
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            return redirect("complaints:track", token=complaint.tracking_token)
    return render(
        request, "complaints/sign.html", {"form": form, "complaint": complaint}, status=public_forms.status_for(form)
    )
