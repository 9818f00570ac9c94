"""The staff pages: a responsable's list and the Annexe A screen; the Technicien's intake."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.enums import Role
from core.errors import ApplicationError
from requests_app import selectors, services
from requests_app.enums import FINAL_STATUSES, IN_SERVICE_STATUSES, NOT_COMPLETED_STATUSES, RequestKind, Status
from requests_app.forms import CompleteForm, InterventionForm, OnHoldForm, ScheduleForm, StaffIntakeForm

LIST_FILTERS = {
    "a-traiter": NOT_COMPLETED_STATUSES,
    "en-triage": (Status.RECEIVED,),
    "completees": (Status.COMPLETED,),
    "terminees": FINAL_STATUSES,
}


@login_required
def home(request):
    if request.user.has_role(Role.ELU) and not request.user.has_perm("requests_app.see_all"):
        return redirect("staff:elus_report")
    current = request.GET.get("filtre", "a-traiter")
    statuses = LIST_FILTERS.get(current, NOT_COMPLETED_STATUSES)
    triage = request.user.has_perm("requests_app.triage")
    if current == "a-traiter" and not triage:
        # A responsable acts on what was assigned to their service; what the Technicien has not
        # routed yet waits on its own tab, with a word why (no action is possible on it).
        statuses = IN_SERVICE_STATUSES
    queryset = selectors.request_list_for_staff(request.user).filter(status__in=statuses)
    order = "-received_at" if current in ("completees", "terminees") else "received_at"
    page = Paginator(queryset.order_by(order), 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(r, *selectors.age_and_overdue(r, today)) for r in page.object_list]
    awaiting_triage = (
        0 if triage else selectors.request_list_for_staff(request.user).filter(status=Status.RECEIVED).count()
    )
    return render(
        request,
        "requests_app/staff/home.html",
        {"page": page, "rows": rows, "current": current, "triage": triage, "awaiting_triage": awaiting_triage},
    )


def _get_visible(request, number):
    return get_object_or_404(selectors.request_detail_for_staff(request.user, number))


ACTIONS = {
    "completer": (CompleteForm, "complete", services.request_complete, gettext_lazy("Demande complétée (code 238).")),
    "en-attente": (OnHoldForm, "hold", services.request_put_on_hold, gettext_lazy("Demande mise en attente.")),
    "action-a-venir": (
        ScheduleForm,
        "schedule",
        services.request_schedule,
        gettext_lazy("Action à venir enregistrée."),
    ),
    "intervention": (
        InterventionForm,
        "intervention",
        services.intervention_record,
        gettext_lazy("Intervention inscrite."),
    ),
}


def _render_detail(request, citizen_request, *, bound_form=None, status=200):
    initial = {"extension": request.user.extension, "planned_date": citizen_request.planned_date}
    forms = {prefix: form_class(prefix=prefix, initial=initial) for form_class, prefix, *_rest in ACTIONS.values()}
    if bound_form is not None:
        forms[bound_form.prefix] = bound_form
    can_act = citizen_request.can_be_handled_by(request.user) and citizen_request.status in IN_SERVICE_STATUSES
    return render(
        request,
        "requests_app/staff/detail.html",
        {
            "citizen_request": citizen_request,
            "can_act": can_act,
            **dict(zip(("age", "overdue"), selectors.age_and_overdue(citizen_request), strict=True)),
            "forms": forms,
            "open_action": bound_form.prefix if bound_form is not None else "",
        },
        status=status,
    )


@login_required
def request_detail(request, number):
    return _render_detail(request, _get_visible(request, number))


@login_required
@require_POST
def request_action(request, number, action):
    if action not in ACTIONS:
        raise Http404
    citizen_request = _get_visible(request, number)
    if not citizen_request.can_be_handled_by(request.user):
        raise PermissionDenied
    form_class, prefix, service, success = ACTIONS[action]
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            service(service_request=citizen_request, acting_user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
            back = request.POST.get("next", "")
            if url_has_allowed_host_and_scheme(
                back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                return redirect(back)
            return redirect("staff:request_detail", number=number)
    else:
        messages.error(request, _("Corrigez les champs indiqués ci-dessous."))
    # The page again with what was typed and the errors next to their fields.
    return _render_detail(request, citizen_request, bound_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def intake(request):
    """Policy 4.3: a demand received by phone, e-mail, at the counter or by a field employee."""
    if not request.user.has_perm("requests_app.triage"):
        raise PermissionDenied
    form = StaffIntakeForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                created = _record_intake(form, request.user)
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Demande %(number)s enregistrée.") % {"number": created.number})
                return redirect("admin:requests_app_servicerequest_change", created.pk)
        form.keep_valid_photos()
    return render(
        request,
        "requests_app/staff/intake.html",
        {"form": form, "types_by_service": selectors.request_type_ids_by_service()},
        status=400 if form.errors else 200,
    )


def _record_intake(form, user):
    with transaction.atomic():
        created = services.request_submit(
            data={**form.request_data(), "language": "fr-ca"},
            channel=form.cleaned_data["channel"],
            received_at=form.cleaned_data["received_at"],
            photos=[(photo, photo.content_type) for photo in form.all_photos()],
            acting_user=user,
        )
        if created.kind == RequestKind.INFORMATION:
            created = services.request_answer(
                service_request=created, acting_user=user, answer=form.cleaned_data["answer"]
            )
    return created


@login_required
def request_photo(request, number, photo_id):
    citizen_request = _get_visible(request, number)
    photo = get_object_or_404(citizen_request.photos.all(), pk=photo_id)
    return FileResponse(photo.image.open("rb"), content_type=photo.content_type)


@login_required
def request_attachment(request, number, attachment_id):
    citizen_request = _get_visible(request, number)
    attachment = get_object_or_404(citizen_request.attachments.all(), pk=attachment_id)
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=attachment.filename,
    )


@login_required
def directory(request):
    """Who can take a transferred call right now, service by service."""
    if not (request.user.has_perm("requests_app.triage") or request.user.has_perm("requests_app.see_all")):
        raise PermissionDenied
    return render(request, "accounts/directory.html", {"services": selectors.staff_directory()})
