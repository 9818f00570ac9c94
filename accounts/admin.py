from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .enums import SENSITIVE_ROLES, Role
from .models import ConfidentialityIncident, RightsChange, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """The Technicien manages accounts and their roles (policy 4.1), within limits checked here and logged."""

    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Ville de Prévost"), {"fields": ("language", "extension", "availability", "back_at")}),
    )
    list_display = ("username", "first_name", "last_name", "email", "extension", "availability", "is_active")
    list_filter = ("groups", "is_active", "availability")
    search_fields = ("username", "first_name", "last_name", "email")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        hidden = {"is_superuser", "user_permissions"}
        return [(name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]}) for name, opts in fieldsets]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not services.rights_may_be_changed_by(request.user, obj):
            return ["groups", "is_staff", "is_active", "is_superuser", "user_permissions"]
        return []

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=Role.values).exclude(name__in=SENSITIVE_ROLES)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def user_change_password(self, request, id, form_url=""):
        target = self.get_object(request, id)
        if target is not None and not services.rights_may_be_changed_by(request.user, target):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        if change and not services.rights_may_be_changed_by(request.user, obj):
            for field in ("is_staff", "is_active", "is_superuser"):
                if field in form.changed_data:
                    raise PermissionDenied
        if not request.user.is_superuser and obj.is_superuser:
            raise PermissionDenied
        request._rights_before = services.rights_snapshot(obj) if change else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        services.rights_changes_record(
            actor=request.user,
            target=user,
            before=getattr(request, "_rights_before", {}),
            after=services.rights_snapshot(user),
        )


@admin.register(RightsChange)
class RightsChangeAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "target", "change")
    list_select_related = ("actor", "target")
    search_fields = ("target__username", "actor__username", "change")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _keeps_the_register(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_role(Role.DIRECTEUR_GENERAL, Role.GREFFIER))


@admin.register(ConfidentialityIncident)
class ConfidentialityIncidentAdmin(admin.ModelAdmin):
    """Seen and kept only by the DG (responsible for personal information) and the Greffe."""

    list_display = (
        "discovered_on",
        "information_concerned_short",
        "people_concerned",
        "serious_injury_risk",
        "notices",
    )
    list_filter = ("serious_injury_risk",)
    readonly_fields = ("recorded_by", "recorded_at")
    fieldsets = (
        (_("L'incident"), {"fields": ("occurred_on", "occurred_until", "discovered_on", "circumstances")}),
        (_("Renseignements et personnes"), {"fields": ("information_concerned", "people_concerned")}),
        (
            _("Risque et avis"),
            {
                "fields": (
                    "serious_injury_risk",
                    "risk_assessment",
                    "cai_notified_on",
                    "people_notified_on",
                    "public_notice",
                )
            },
        ),
        (_("Mesures"), {"fields": ("measures", "recorded_by", "recorded_at")}),
    )

    @admin.display(description=_("renseignements visés"))
    def information_concerned_short(self, incident):
        return incident.information_concerned[:80]

    @admin.display(description=_("avis"))
    def notices(self, incident):
        if incident.notices_pending:
            return format_html('<strong class="overdue">{}</strong>', _("à envoyer"))
        return _("envoyés") if incident.serious_injury_risk else "—"

    def has_module_permission(self, request):
        return _keeps_the_register(request.user)

    def has_view_permission(self, request, obj=None):
        return _keeps_the_register(request.user)

    def has_add_permission(self, request):
        return _keeps_the_register(request.user)

    def has_change_permission(self, request, obj=None):
        return _keeps_the_register(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # a register is kept, not edited away

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
