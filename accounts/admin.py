from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from . import services
from .enums import SENSITIVE_ROLES, Role
from .models import RightsChange, User


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
