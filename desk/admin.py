"""The Technicien's triage desk: requests, with what the other apps bring to them (standard answers,
e-mailed documents, reclassification as a complaint). Statuses move only through the services' transitions."""

import datetime as dt
import re

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value, quote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from complaints import services as complaint_services
from complaints.forms import FromRequestForm
from core.admin import ReadOnlyInline
from core.errors import ApplicationError
from core.paginators import EstimatedCountPaginator
from core.workflow import available_actions
from knowledge import selectors as knowledge
from requests_app import duplicates, selectors, services
from requests_app.enums import Channel, RequestKind, Status
from requests_app.forms import AnswerForm, AssignForm, CloseForm, MergeForm, RejectForm, UnmergeForm
from requests_app.models import (
    Intervention,
    RequestAttachment,
    RequestEvent,
    RequestPhoto,
    ServiceRequest,
)
from requests_app.standards import EMAIL_ANSWER_BUSINESS_DAYS


class RequestEventInline(ReadOnlyInline):
    model = RequestEvent
    fields = ("created_at", "kind", "from_status", "to_status", "actor", "note", "public_note")
    readonly_fields = fields
    verbose_name_plural = _("historique")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    def has_view_permission(self, request, obj=None):
        return True


class InterventionInline(ReadOnlyInline):
    model = Intervention
    fields = ("code", "planned_date", "done_date", "extension", "author", "internal_note", "public_note")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("code", "author")

    def has_view_permission(self, request, obj=None):
        return True


class PhotoInline(ReadOnlyInline):
    model = RequestPhoto
    fields = ("preview",)
    readonly_fields = fields

    @admin.display(description=_("photo"))
    def preview(self, photo):
        url = reverse("staff:request_photo", kwargs={"number": photo.request.number, "photo_id": photo.pk})
        return format_html('<a href="{}" target="_blank"><img src="{}" alt="" style="max-height:120px"></a>', url, url)

    def has_view_permission(self, request, obj=None):
        return True


class AttachmentInline(ReadOnlyInline):
    model = RequestAttachment
    fields = ("document",)
    readonly_fields = fields

    @admin.display(description=_("document joint"))
    def document(self, attachment):
        url = reverse(
            "staff:request_attachment", kwargs={"number": attachment.request.number, "attachment_id": attachment.pk}
        )
        return format_html('<a href="{}">{}</a>', url, attachment.filename)

    def has_view_permission(self, request, obj=None):
        return True


REQUEST_NUMBER = re.compile(r"\d{4}-\d{6}")


class TriageChangeList(ChangeList):
    """The triage list, with each open request's count of likely duplicates read for the page at once."""

    def get_results(self, request):
        super().get_results(request)
        counts = duplicates.likely_duplicate_counts(list(self.result_list))
        for obj in self.result_list:
            obj.likely_duplicate_count = counts.get(obj.pk, 0)

    def rows(self) -> list[list[SafeString]]:
        """The page's cells exactly as Django's generic list writes them (the same classes, links
        and empty values), from a recipe per column worked out once per page: the generic code
        works each cell out from scratch and escapes the constant parts of each through lazy-string
        wrappers, about 4 of the page's 28 ms of CPU with the display columns' own lazy strings
        (issue 20). Popups and editable lists keep Django's own code."""
        names = [name for name in self.list_display if isinstance(name, str)]
        if self.is_popup or self.formset is not None or self.to_field or len(names) < len(self.list_display):
            return [list(cells) for cells in admin_list.results(self)]
        if not self.result_list:
            return []
        recipes = [self._recipe(name) for name in names]
        # Every change link is the same but for the id: reversed once (the id is a path segment).
        marker = "0-triage-row-0"
        pattern = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=(marker,),
            current_app=self.model_admin.admin_site.name,
        )
        pattern = add_preserved_filters({"preserved_filters": self.preserved_filters, "opts": self.opts}, pattern)
        before, _marker, after = escape(pattern).partition(marker)
        rows = []
        for obj in self.result_list:
            cells = []
            for tag, classes, value_of in recipes:
                value, nowrap = value_of(obj)
                value = conditional_escape(value)
                if tag == "th":
                    value = f'<a href="{before}{escape(quote(obj.pk))}{after}">{value}</a>'
                cells.append(mark_safe(f'<{tag} class="{classes}{nowrap}">{value}</{tag}>'))
            rows.append(cells)
        return rows

    def _recipe(self, name: str):
        """(cell tag, classes, obj → (what the cell shows, « nowrap » or not)) for one column, as
        items_for_result decides them."""
        empty = self.model_admin.get_empty_value_display()
        links = self.list_display_links or ()
        tag = "th" if name in links else "td"
        try:
            field = self.opts.get_field(name)
        except FieldDoesNotExist:
            field = None
        if field is None or field.auto_created:
            attribute = getattr(self.model_admin, name, None) or getattr(self.model, name)
            boolean = getattr(attribute, "boolean", False)
            shown = getattr(attribute, "empty_value_display", empty)
            classes = "action-checkbox" if name == "action_checkbox" else f"field-{name}"

            def callable_cell(obj):
                value = attribute(obj) if callable(attribute) else getattr(obj, name)
                if isinstance(value, str) and value.strip() == "":
                    value = ""
                nowrap = " nowrap" if isinstance(value, (dt.date, dt.time)) else ""
                return display_for_value(value, shown, boolean), nowrap

            return tag, classes, callable_cell
        nowrap = " nowrap" if isinstance(field, (models.DateField, models.TimeField, models.ForeignKey)) else ""
        if field.is_relation:
            return tag, f"field-{name}", lambda obj: (empty if (value := getattr(obj, name)) is None else value, nowrap)

        def field_cell(obj):
            value = getattr(obj, field.attname)
            if isinstance(value, str) and value.strip() == "":
                value = ""
            return display_for_field(value, field, empty), nowrap

        return tag, f"field-{name}", field_cell


@admin.register(ServiceRequest)
class RequestAdmin(admin.ModelAdmin):
    list_display = (
        "number_and_flag",
        "received_date",
        "kind_short",
        "service",
        "request_type",
        "status",
        "age",
        "routed_to",
    )
    list_display_links = ("number_and_flag",)
    list_filter = ("status", "kind", "service", "channel")
    list_select_related = ("service", "request_type", "responsable")
    search_fields = ("number", "requester_name", "requester_email", "location_address", "requester_address")
    show_full_result_count = False
    paginator = EstimatedCountPaginator  # no COUNT(*) over a million rows on each page
    list_per_page = 50
    date_hierarchy = None
    save_on_top = False  # the next action leads the page, not a save button
    change_form_template = "admin/requests_app/servicerequest/change_form.html"
    change_list_template = "admin/requests_app/servicerequest/change_list.html"
    actions = ("assign_to_service_responsable", "close_completed")
    inlines = (RequestEventInline, InterventionInline, PhotoInline, AttachmentInline)
    fieldsets = (
        (
            _("Classification"),
            {
                "fields": (
                    "number",
                    "status",
                    "status_reason",
                    "duplicate_of",
                    "kind",
                    "request_type",
                    "service",
                    "responsable",
                    "planned_date",
                    "completed_on",
                )
            },
        ),
        (
            _("Demande"),
            {
                "fields": (
                    "channel",
                    "received_at",
                    "description",
                    "location_address",
                    "address",
                    "latitude",
                    "longitude",
                )
            },
        ),
        (
            _("Demandeur"),
            {
                "fields": (
                    "requester_name",
                    "requester_address",
                    "requester_phone",
                    "requester_email",
                    "contact_preference",
                    "language",
                )
            },
        ),
    )
    autocomplete_fields = ("request_type",)

    class Media:
        css = {"all": ("css/admin.css",)}

    def get_readonly_fields(self, request, obj=None):
        editable = {"kind", "request_type"} if obj is not None and obj.is_not_completed else set()
        return [f for fieldset in self.fieldsets for f in fieldset[1]["fields"] if f not in editable]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        # A request number is the Technicien's most frequent search: answer it from its unique index
        # instead of also matching it against names and addresses.
        if REQUEST_NUMBER.fullmatch(search_term.strip()):
            return queryset.filter(number=search_term.strip()), False
        return super().get_search_results(request, queryset, search_term)

    def action_checkbox(self, obj):
        # The same markup as Django's, without a widget template rendered for each of the 50 rows.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    @admin.display(description=_("reçue le"), ordering="received_at")
    def received_date(self, obj):
        return timezone.localtime(obj.received_at).strftime("%Y-%m-%d")

    @admin.display(description=_("catégorie"), ordering="kind")
    def kind_short(self, obj):
        return gettext("information") if obj.kind == RequestKind.INFORMATION else obj.get_kind_display()

    @admin.display(description=_("âge (jours ouvrables)"))
    def age(self, obj):
        days, overdue = selectors.age_and_overdue(obj)
        if selectors.email_unanswered_too_long(obj, days):
            return format_html(
                '<strong class="overdue" title="{}">{} ✉ ⚠</strong>',
                gettext("courriel sans réponse depuis plus de %(days)s jours ouvrables")
                % {"days": EMAIL_ANSWER_BUSINESS_DAYS},
                days,
            )
        if obj.channel == Channel.EMAIL and obj.status == Status.RECEIVED:
            return format_html('{} <span title="{}">✉</span>', days, gettext("courriel à répondre"))
        if overdue:
            return format_html('<strong class="overdue" title="{}">{} ⚠</strong>', gettext("hors norme"), days)
        return days

    @admin.display(description=_("responsable"), ordering="responsable__last_name")
    def routed_to(self, obj):
        """« Assigné » once the Technicien routed it; before, only who the service designates."""
        if obj.responsable is None:
            return "—"
        if obj.status == Status.RECEIVED:
            return format_html(
                '<span class="designated" title="{}">{} <em>{}</em></span>',
                gettext("désigné pour ce service (Annexe C), pas encore assigné"),
                obj.responsable,
                gettext("désigné"),
            )
        return obj.responsable

    @admin.display(description=_("numéro"), ordering="number")
    def number_and_flag(self, obj):
        """The number, and under it the likely duplicates to look at before routing (same rule as the
        request's page: same nature, same place, within 30 days, still open)."""
        count = getattr(obj, "likely_duplicate_count", 0)
        if not count:
            return obj.number
        shown = f"{count}+" if count >= duplicates.FLAG_CAP else str(count)
        label = ngettext("%(count)s doublon possible", "%(count)s doublons possibles", count) % {"count": shown}
        return format_html('{}<br><span class="duplicate-flag">{}</span>', obj.number, label)

    def get_changelist(self, request, **kwargs):
        return TriageChangeList

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": _("File de triage des demandes"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Filtered on statuses no assignment applies to, the menu does not offer it.
        if request.GET.get("status__exact") in (Status.COMPLETED, Status.CLOSED, Status.REJECTED, Status.MERGED):
            actions.pop("assign_to_service_responsable", None)
        if request.GET.get("status__exact") not in (None, Status.COMPLETED):
            actions.pop("close_completed", None)
        return actions

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "request_type" and formfield is not None:
            # The catalogue is kept on its own pages, not changed from a triage page (the wrapper
            # Django puts around the widget carries the edit, add and view icons).
            for name in ("can_add_related", "can_change_related", "can_view_related", "can_delete_related"):
                setattr(formfield.widget, name, False)
        return formfield

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Only the classification is editable, and only on a request not yet completed: one button
        # that says so and stays on the page, or none at all.
        editable = obj is not None and obj.is_not_completed
        context.update(
            show_save=False,
            show_save_and_continue=False,
            show_save_and_add_another=False,
            show_delete_link=False,
            save_classification=editable,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        if obj.status == Status.RECEIVED and obj.kind == RequestKind.REQUEST:
            self.message_user(
                request,
                _(
                    "Classification enregistrée. La demande n'est pas encore assignée : « Classer et assigner » la route."
                ),
                messages.WARNING,
            )
        else:
            self.message_user(request, _("Classification enregistrée."), messages.SUCCESS)
        return redirect("admin:requests_app_servicerequest_change", obj.pk)

    def has_add_permission(self, request):
        return False  # demands received offline go through the intake form (policy 4.3 fields)

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("staff:intake")

    def save_model(self, request, obj, form, change):
        """Only the classification is editable; it goes through the service to keep the history."""
        try:
            services.request_classify(
                service_request=obj,
                acting_user=request.user,
                kind=form.cleaned_data["kind"],
                request_type=form.cleaned_data["request_type"],
            )
        except ApplicationError as error:
            raise PermissionDenied(error.message) from error

    # --- transitions ---------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:pk>/transition/<str:action>/",
                self.admin_site.admin_view(self.transition_view),
                name="requests_app_servicerequest_transition",
            ),
            path(
                "<int:pk>/joindre/",
                self.admin_site.admin_view(self.merge_view),
                name="requests_app_servicerequest_merge",
            ),
            *super().get_urls(),
        ]

    TRANSITION_FORMS = {
        "complaint": (
            FromRequestForm,
            complaint_services.complaint_from_request,
            _("Requête reclassée en plainte : le citoyen reçoit l'écrit à signer."),
        ),
        "assign": (AssignForm, services.request_classify_and_assign, _("Demande classée et assignée au responsable.")),
        "reject": (RejectForm, services.request_reject, _("Demande déclarée non recevable; le demandeur est avisé.")),
        "close": (CloseForm, services.request_close, _("Demande fermée; le demandeur est avisé.")),
        "answer": (AnswerForm, services.request_answer, _("Réponse enregistrée; la demande est fermée.")),
        "unmerge": (
            UnmergeForm,
            services.request_unmerge,
            _("Demande séparée : elle revient dans la file du Service aux citoyens."),
        ),
    }

    def merge_view(self, request, pk):
        """`pk` becomes a duplicate of the request named by the button pressed (`into`)."""
        if request.method != "POST":
            return redirect("admin:requests_app_servicerequest_change", pk)
        duplicate = get_object_or_404(self.get_queryset(request), pk=pk)
        form = MergeForm(request.POST)
        form.fields["into"].queryset = self.get_queryset(request)
        if not form.is_valid():
            messages.error(request, _("Choisissez la demande principale."))
            return redirect("admin:requests_app_servicerequest_change", pk)
        main = form.cleaned_data["into"]
        try:
            services.request_merge(service_request=duplicate, acting_user=request.user, into=main)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("admin:requests_app_servicerequest_change", pk)
        messages.success(
            request,
            _("La demande %(duplicate)s est jointe à la demande %(main)s; son demandeur en suivra le traitement.")
            % {"duplicate": duplicate.number, "main": main.number},
        )
        return redirect("admin:requests_app_servicerequest_change", main.pk)

    def transition_view(self, request, pk, action):
        if request.method != "POST" or action not in self.TRANSITION_FORMS:
            return redirect("admin:requests_app_servicerequest_change", pk)
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        form_class, service, success = self.TRANSITION_FORMS[action]
        form = form_class(request.POST, prefix=action)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        else:
            try:
                service(service_request=obj, acting_user=request.user, **form.cleaned_data)
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, success)
        return redirect("admin:requests_app_servicerequest_change", pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if obj is not None:
            extra_context["transitions"] = self._available_transitions(obj, request.user)
            extra_context["tracking_path"] = reverse("requests:track", kwargs={"token": obj.tracking_token})
            responsable = obj.service.responsable if obj.service else None
            extra_context["service_responsable"] = responsable
            if extra_context["transitions"]:  # no transition, no note to the citizen on the page
                extra_context["standard_answers"] = knowledge.answer_picker(obj)
            if obj.is_not_completed and request.user.has_perm("requests_app.triage"):
                extra_context["likely_duplicates"] = duplicates.likely_duplicates(obj)
            extra_context["map_on"] = bool(settings.MAP_TILE_URL)
            extra_context["joined_duplicates"] = obj.duplicates.only("pk", "number", "received_at", "requester_name")
        return super().change_view(request, object_id, form_url, extra_context)

    # The actions the workflow allows, in its order, as the change form offers them: label and the
    # prefix of their form in TRANSITION_FORMS (a reclassification is made into a complaint).
    TRANSITION_LABELS = {
        "answer": (_("Répondre et fermer"), "answer"),
        "assign": (_("Classer et assigner"), "assign"),
        "close": (_("Fermer et aviser le demandeur"), "close"),
        "reject": (_("Déclarer non recevable"), "reject"),
        "reclassify": (_("Reclasser en plainte"), "complaint"),
        "unmerge": (_("Séparer de la demande principale"), "unmerge"),
    }

    def _available_transitions(self, obj, user):
        forms = []
        for action in available_actions(obj, user):
            if action not in self.TRANSITION_LABELS:
                continue  # the responsable's actions, and the merge (offered beside each likely duplicate)
            label, prefix = self.TRANSITION_LABELS[action]
            if action == "assign" and obj.status != Status.RECEIVED:
                label = _("Réassigner")
            form_class = self.TRANSITION_FORMS[prefix][0]
            form = (
                form_class(prefix=prefix, service_request=obj)
                if form_class is AssignForm
                else form_class(prefix=prefix)
            )
            forms.append((prefix, label, form))
        return forms

    # --- bulk actions ------------------------------------------------------------------

    def _bulk(self, request, queryset, service, done_message):
        done, refused = 0, []
        for obj in queryset.select_related("service"):
            try:
                service(service_request=obj, acting_user=request.user)
                done += 1
            except ApplicationError as error:
                refused.append(error.message)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Assigner au responsable de leur service"))
    def assign_to_service_responsable(self, request, queryset):
        self._bulk(request, queryset, services.request_assign, _("%(count)s demande(s) assignée(s)."))

    @admin.action(description=_("Fermer les demandes complétées (avise les demandeurs)"))
    def close_completed(self, request, queryset):
        self._bulk(request, queryset, services.request_close, _("%(count)s demande(s) fermée(s)."))
