"""Demandes d'accès à l'information: the requester's form and link, the Responsable de l'accès's file
and register, the Technicien's intake of a verbal or paper request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core import just_filed, public_forms
from core.downloads import csv_download
from core.errors import ApplicationError
from core.workflow import available_actions
from legal import clocks as legal_clocks
from legal import selectors as selectors
from legal.enums import AccessForm, LetterKind
from legal.forms import AccessDecisionForm, AccessExtendForm, AccessIntakeForm, AccessRequestForm
from legal.services import access as services


@require_http_methods(["GET", "POST"])
def access_create(request):
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and not public_forms.refused(request, form) and form.is_valid():
        try:
            access_request = services.access_request_submit(
                data={**form.access_data(), "language": translation.get_language()}, form=AccessForm.WRITTEN
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            response = redirect("access:track", token=access_request.tracking_token)
            return just_filed.remember(response, access_request.tracking_token)
    return render(request, "access/form.html", {"form": form}, status=public_forms.status_for(form))


def _for_token(token):
    access_request = selectors.access_for_requester(token)
    if access_request is None:
        raise Http404
    return access_request


def access_track(request, token):
    access_request = _for_token(token)
    is_new = just_filed.is_for(request, token)
    response = render(request, "access/track.html", {"access_request": access_request, "is_new": is_new})
    return just_filed.shown(response) if is_new else response


def access_letter(request, token, letter_id):
    access_request = _for_token(token)
    letter = get_object_or_404(access_request.letters.exclude(pdf=""), pk=letter_id)  # none after retention
    return FileResponse(
        letter.pdf.open("rb"), as_attachment=True, filename=f"{letter.kind}-{access_request.number}.pdf"
    )


# --- staff ----------------------------------------------------------------------------------------------


@login_required
def staff_register(request):
    user = request.user
    if user.has_perm("legal.handle_access_requests"):
        today = timezone.localdate()
        return render(
            request,
            "access/staff/register.html",
            {"rows": selectors.access_register(), "today": today, "full": True},
        )
    if user.has_perm("requests_app.triage"):
        return render(request, "access/staff/register.html", {"rows": selectors.access_receipts(), "full": False})
    raise PermissionDenied


REGISTER_COLUMNS = (
    gettext_lazy("Numéro"),
    gettext_lazy("Forme"),
    gettext_lazy("Reçue le"),
    gettext_lazy("Échéance"),
    gettext_lazy("Prolongée le"),
    gettext_lazy("Statut"),
    gettext_lazy("Décision"),
    gettext_lazy("Décision rendue le"),
    gettext_lazy("Jours écoulés"),
    gettext_lazy("Dispositions invoquées"),
)


@login_required
def staff_register_csv(request):
    """The register as the responsable exports it: no requester's name, only what the register holds."""
    if not request.user.has_perm("legal.handle_access_requests"):
        raise PermissionDenied
    rows = (
        [
            row.number,
            row.get_form_display(),
            row.received_on.isoformat(),
            row.deadline.isoformat(),
            row.extended_on.isoformat() if row.extended_on else "",
            row.get_status_display(),
            row.get_decision_display(),
            row.decided_on.isoformat() if row.decided_on else "",
            "" if row.days_taken is None else row.days_taken,
            "; ".join(f"{p.law} art. {p.article}" for p in row.provisions.all()),
        ]
        for row in selectors.access_register()
    )
    return csv_download("registre-acces-information.csv", REGISTER_COLUMNS, rows)


@login_required
@require_http_methods(["GET", "POST"])
def staff_intake(request):
    if not (request.user.has_perm("requests_app.triage") or request.user.has_perm("legal.handle_access_requests")):
        raise PermissionDenied
    form = AccessIntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access_request = services.access_request_submit(
                data={**form.access_data(), "language": "fr-ca"},
                form=form.cleaned_data["form"],
                channel=form.cleaned_data["channel"],
                received_on=form.cleaned_data["received_on"],
                acting_user=request.user,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Demande d'accès %(number)s enregistrée; réponse due le %(date)s.")
                % {"number": access_request.number, "date": access_request.deadline.isoformat()},
            )
            return redirect("access:staff_register")
    return render(request, "access/staff/intake.html", {"form": form}, status=400 if form.errors else 200)


def _for_handler(request, number):
    if not request.user.has_perm("legal.handle_access_requests"):
        raise PermissionDenied
    return get_object_or_404(selectors.access_detail_queryset(), number=number)


def _render_detail(request, access_request, *, bound=None, status=200):
    today = timezone.localdate()
    actions = available_actions(access_request, request.user)
    forms = {"prolonger": AccessExtendForm(prefix="prolonger"), "decider": AccessDecisionForm(prefix="decider")}
    if bound is not None:
        forms[bound.prefix] = bound
    return render(
        request,
        "access/staff/detail.html",
        {
            "access_request": access_request,
            "forms": forms,
            "today": today,
            "warning": legal_clocks.access_warning(
                access_request.received_on, today, extended=access_request.extended_on is not None
            ),
            "actions": actions,
            "can_extend": "extend" in actions
            and access_request.extended_on is None
            and legal_clocks.access_extension_possible(access_request.received_on, today),
            "first_deadline": legal_clocks.access_answer_deadline(access_request.received_on),
            "LetterKind": LetterKind,
            "open_action": bound.prefix if bound is not None else "",
        },
        status=status,
    )


@login_required
def staff_detail(request, number):
    return _render_detail(request, _for_handler(request, number))


@login_required
@require_POST
def staff_action(request, number, action):
    access_request = _for_handler(request, number)
    if action == "retirer":
        try:
            services.access_request_withdraw(access_request=access_request, acting_user=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("access:staff_detail", number=number)
    forms = {"prolonger": AccessExtendForm, "decider": AccessDecisionForm}
    if action not in forms:
        raise Http404
    form = forms[action](request.POST, prefix=action)
    if form.is_valid():
        try:
            if action == "prolonger":
                services.access_request_extend(
                    access_request=access_request, reason=form.cleaned_data["reason"], acting_user=request.user
                )
                messages.success(request, _("Délai prolongé; l'avis de prolongation est envoyé au requérant."))
            else:
                services.access_request_decide(
                    access_request=access_request, acting_user=request.user, **form.cleaned_data
                )
                messages.success(request, _("Décision rendue; la lettre est envoyée au requérant."))
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            return redirect("access:staff_detail", number=number)
    return _render_detail(request, access_request, bound=form, status=400)


@login_required
def staff_letter(request, number, letter_id):
    access_request = _for_handler(request, number)
    letter = get_object_or_404(access_request.letters.exclude(pdf=""), pk=letter_id)  # none after retention
    return FileResponse(letter.pdf.open("rb"), content_type="application/pdf", filename=f"{letter.kind}-{number}.pdf")


@login_required
@require_POST
def staff_letter_printed(request, number, letter_id):
    access_request = _for_handler(request, number)
    letter = get_object_or_404(access_request.letters.exclude(pdf=""), pk=letter_id)  # none after retention
    services.access_letter_mark_printed(letter=letter, acting_user=request.user)
    messages.success(request, _("Lettre notée comme imprimée et postée."))
    return redirect("access:staff_detail", number=number)
