"""The catalogue and the tables the Technicien keeps: services, types, closures, addresses, designations."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import RecordAdmin
from requests_app import business_days
from requests_app.models import (
    Address,
    ClosureDay,
    Designation,
    InterventionCode,
    RecurringClosure,
    RecurringClosureSkip,
    RequestType,
    RequestTypeAttribute,
    Service,
)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name_fr", "code", "schema", "responsable", "execution_responsable", "director", "is_active")
    list_select_related = ("responsable", "execution_responsable", "director")
    autocomplete_fields = ("director",)
    # The responsables change only through a signed designation (Annexe C).
    readonly_fields = ("responsable", "execution_responsable", "contact_email")
    search_fields = ("name_fr", "name_en", "code")

    def has_delete_permission(self, request, obj=None):
        return False


class RequestTypeAttributeInline(admin.StackedInline):
    model = RequestTypeAttribute
    extra = 0
    fields = (("code", "datatype", "required", "order"), ("description_fr", "description_en"), "choices_text")


@admin.register(RequestType)
class RequestTypeAdmin(admin.ModelAdmin):
    list_display = ("name_fr", "service", "code", "target_business_days", "is_active")
    inlines = [RequestTypeAttributeInline]
    list_filter = ("service", "is_active")
    list_select_related = ("service",)
    search_fields = ("name_fr", "name_en", "code")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InterventionCode)
class InterventionCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fr", "completes_request")


class ClosuresChangedMixin:
    """Any edit of a closure moves business days at once (ages, standards, digest dates)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        business_days.closures_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        business_days.closures_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        business_days.closures_changed()


@admin.register(ClosureDay)
class ClosureDayAdmin(ClosuresChangedMixin, admin.ModelAdmin):
    list_display = ("date", "label", "weekday")

    @admin.display(description=_("jour"))
    def weekday(self, obj):
        return "" if business_days.is_business_day(obj.date) else _("non ouvrable")


class RecurringClosureSkipInline(admin.TabularInline):
    model = RecurringClosureSkip
    extra = 0


@admin.register(RecurringClosure)
class RecurringClosureAdmin(ClosuresChangedMixin, admin.ModelAdmin):
    list_display = ("label", "starts_on", "ends_on", "is_active", "skipped")
    inlines = [RecurringClosureSkipInline]

    @admin.display(description=_("années sans cette fermeture"))
    def skipped(self, obj):
        return ", ".join(str(skip.year) for skip in obj.skipped_years.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("skipped_years")


@admin.register(Address)
class AddressAdmin(RecordAdmin):
    """The city's civic addresses, loaded with `manage.py import_addresses`; read here, not typed."""

    list_display = ("street", "civic_number", "civic_suffix", "postal_code", "source_id", "is_active")
    list_filter = ("is_active",)
    search_fields = ("street", "=civic_number", "source_id", "postal_code")
    show_full_result_count = False


@admin.register(Designation)
class DesignationAdmin(admin.ModelAdmin):
    """The history of designations per service, read-only: a signed designation is never edited."""

    list_display = (
        "service",
        "reception_responsable",
        "execution_responsable",
        "designation_date",
        "effective_at",
        "superseded_at",
        "pdf_link",
    )
    list_filter = ("service",)
    list_select_related = ("service", "reception_responsable", "execution_responsable")
    readonly_fields = [f.name for f in Designation._meta.fields if f.name != "id"] + ["pdf_link"]

    @admin.display(description=_("Annexe C"))
    def pdf_link(self, obj):
        if not obj.pdf:
            return "—"
        return format_html('<a href="{}">PDF</a>', reverse("staff:designation_pdf", kwargs={"pk": obj.pk}))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
