"""Réclamations: the claimant's form and link, the Greffe's file, the consulted service's page."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import just_filed, public_forms
from core.dates import in_words
from core.errors import ApplicationError
from core.workflow import available_actions
from legal import clocks as legal_clocks
from legal import selectors as selectors
from legal.enums import ClaimCause, ClaimStatus, DamageKind
from legal.forms import (
    ClaimAcceptForm,
    ClaimConsultForm,
    ClaimDocumentsForm,
    ClaimForm,
    ClaimInsurerForm,
    ClaimIntakeForm,
    ClaimNoteForm,
    ClaimRefuseForm,
    FindingsForm,
)
from legal.services import claims as services


def _file(field, *, filename=None, content_type=None, attachment=False):
    if not field:  # destroyed at the end of its retention period
        raise Http404
    return FileResponse(field.open("rb"), content_type=content_type, as_attachment=attachment, filename=filename)


# --- the claimant -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def claim_create(request):
    form = ClaimForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not public_forms.refused(request, form) and form.is_valid():
        try:
            claim = services.claim_submit(
                data={**form.claim_data(), "language": translation.get_language()}, documents=form.documents()
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            response = redirect("claims:track", token=claim.tracking_token)
            return just_filed.remember(response, claim.tracking_token)
    if form.is_bound:
        form.keep_valid_documents()
    return render(
        request,
        "claims/form.html",
        {"form": form, "snow_removal_season": legal_clocks.snow_removal_season_words()},
        status=public_forms.status_for(form),
    )


@require_GET
def claim_clocks_preview(request):
    """The dates the form shows as the claimant types: the same computation as the acknowledgement."""
    try:
        event_date = dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return JsonResponse({"error": _("Date invalide.")}, status=400)
    damage_kind = request.GET.get("damage_kind", DamageKind.PROPERTY)
    cause_kind = request.GET.get("cause_kind", ClaimCause.OTHER)
    today = timezone.localdate()
    if damage_kind not in DamageKind.values or cause_kind not in ClaimCause.values or event_date > today:
        return JsonResponse({"error": _("Date invalide.")}, status=400)
    clocks = services.claim_clocks_for(
        event_date=event_date, damage_kind=damage_kind, cause_kind=cause_kind, filed_on=today
    )
    return JsonResponse(
        {
            "notice_deadline": clocks.notice_deadline.isoformat() if clocks.notice_deadline else None,
            "notice_deadline_words": in_words(clocks.notice_deadline) if clocks.notice_deadline else "",
            "notice_basis": clocks.notice_basis,
            "prescription": clocks.prescription.isoformat(),
            "prescription_words": in_words(clocks.prescription),
            "prescription_basis": clocks.prescription_basis,
            "notice_is_late": clocks.notice_is_late,
        }
    )


def _claim_for_token(token):
    claim = selectors.claim_for_claimant(token)
    if claim is None:
        raise Http404
    return claim


@require_http_methods(["GET", "POST"])
def claim_track(request, token):
    claim = _claim_for_token(token)
    form = ClaimDocumentsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_add_documents(claim=claim, documents=form.documents())
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Vos pièces sont ajoutées au dossier."))
            return redirect("claims:track", token=token)
    if form.is_bound:
        form.keep_valid_documents()
    is_new = just_filed.is_for(request, token)
    response = render(
        request,
        "claims/track.html",
        {
            "claim": claim,
            "form": form,
            "documents": claim.documents.all(),
            "clocks": services.claim_clocks_of(claim),
            "received_on": timezone.localdate(claim.received_at),
            "events": selectors.claim_public_events(claim),
            "is_new": is_new,
        },
        status=400 if form.errors else 200,
    )
    return just_filed.shown(response) if is_new else response


def claim_acknowledgement(request, token):
    claim = _claim_for_token(token)
    return _file(claim.acknowledgement_pdf, filename=f"avis-reclamation-{claim.number}.pdf", attachment=True)


# --- the Greffe and the DG ------------------------------------------------------------------------


@login_required
def staff_list(request):
    user = request.user
    if user.has_perm("legal.handle_claims"):
        claims = selectors.claims_for_handlers(request.GET.get("statut", ""))
        return render(request, "claims/staff/list.html", {"claims": claims, "Status": ClaimStatus, "full": True})
    if user.has_perm("requests_app.triage"):
        return render(request, "claims/staff/list.html", {"claims": selectors.claim_receipts(), "full": False})
    raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def staff_intake(request):
    if not (request.user.has_perm("requests_app.triage") or request.user.has_perm("legal.handle_claims")):
        raise PermissionDenied
    form = ClaimIntakeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.claim_submit(
                data={**form.claim_data(), "language": "fr-ca"},
                documents=form.documents(),
                channel=form.cleaned_data["channel"],
                acting_user=request.user,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Réclamation %(number)s enregistrée et transmise au Greffe.") % {"number": claim.number},
            )
            return redirect("claims:staff_list")
    if form.is_bound:
        form.keep_valid_documents()
    return render(request, "claims/staff/intake.html", {"form": form}, status=400 if form.errors else 200)


def _claim_for_handler(request, number):
    if not request.user.has_perm("legal.handle_claims"):
        raise PermissionDenied
    return get_object_or_404(selectors.claim_detail_queryset(), number=number)


# The staff page's addresses name the steps in French; the workflow's actions are in English.
SLUGS = {
    "start_analysis": "analyse",
    "send_to_insurer": "assureur",
    "accept": "accepter",
    "refuse": "refuser",
    "withdraw": "desistement",
}
ACTIONS = {
    "analyse": (ClaimNoteForm, services.claim_start_analysis, gettext_lazy("Dossier en analyse.")),
    "assureur": (ClaimInsurerForm, services.claim_send_to_insurer, gettext_lazy("Dossier transmis à l'assureur.")),
    "accepter": (ClaimAcceptForm, services.claim_accept, gettext_lazy("Réclamation acceptée.")),
    "refuser": (ClaimRefuseForm, services.claim_refuse, gettext_lazy("Réclamation refusée; le réclamant est avisé.")),
    "desistement": (ClaimNoteForm, services.claim_withdraw, gettext_lazy("Désistement enregistré.")),
}


def _render_detail(request, claim, *, bound=None, status=200):
    forms = {name: form_class(prefix=name) for name, (form_class, *_rest) in ACTIONS.items()}
    forms["consulter"] = ClaimConsultForm(prefix="consulter")
    if bound is not None:
        forms[bound.prefix] = bound
    allowed = {SLUGS[action] for action in available_actions(claim, request.user)}
    return render(
        request,
        "claims/staff/detail.html",
        {
            "claim": claim,
            "forms": forms,
            "allowed": allowed,
            "open_action": bound.prefix if bound is not None else "",
        },
        status=status,
    )


@login_required
def staff_detail(request, number):
    return _render_detail(request, _claim_for_handler(request, number))


@login_required
@require_POST
def staff_action(request, number, action):
    claim = _claim_for_handler(request, number)
    if action == "consulter":
        form = ClaimConsultForm(request.POST, prefix="consulter")
        if form.is_valid():
            services.claim_consult(claim=claim, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("Le service est consulté; il a été avisé par courriel."))
            return redirect("claims:staff_detail", number=number)
        return _render_detail(request, claim, bound=form, status=400)
    if action not in ACTIONS:
        raise Http404
    form_class, service, success = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            service(claim=claim, acting_user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            messages.error(request, error.message)
            return _render_detail(request, claim, bound=form, status=400)
        messages.success(request, success)
        return redirect("claims:staff_detail", number=number)
    messages.error(request, _("Corrigez les champs indiqués ci-dessous."))
    return _render_detail(request, claim, bound=form, status=400)


@login_required
def staff_acknowledgement(request, number):
    claim = _claim_for_handler(request, number)
    return _file(claim.acknowledgement_pdf, filename=f"avis-reclamation-{claim.number}.pdf")


@login_required
def staff_document(request, number, document_id):
    claim = _claim_for_handler(request, number)
    document = get_object_or_404(claim.documents.all(), pk=document_id)
    return _file(document.file, content_type=document.content_type)


# --- the operating service consulted ----------------------------------------------------------------


@login_required
def consultations(request):
    rows = selectors.consultations_for(request.user)
    return render(request, "claims/staff/consultations.html", {"consultations": rows})


def _consultation_for(request, pk):
    return get_object_or_404(selectors.consultations_for(request.user), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_detail(request, pk):
    consultation = _consultation_for(request, pk)
    form = FindingsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_answer(
                consultation=consultation, findings=form.cleaned_data["findings"], acting_user=request.user
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Vos constatations sont transmises au Greffe."))
            return redirect("claims:consultations")
    return render(
        request,
        "claims/staff/consultation.html",
        {
            "consultation": consultation,
            "claim": consultation.claim,
            "photos": selectors.consultation_photos(consultation),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def consultation_photo(request, pk, document_id):
    consultation = _consultation_for(request, pk)
    document = get_object_or_404(selectors.consultation_photos(consultation), pk=document_id)
    return _file(document.file, content_type=document.content_type)
