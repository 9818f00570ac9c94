from importlib import import_module

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.errors import ApplicationError

from . import services
from .enums import Role
from .models import ConfidentialityIncident, RightsChange, RoleSecurity, User
from .roles import SENSITIVE_ROLES


class InvitationForm(forms.ModelForm):
    """A new account has no password: the person receives a link to choose it (services.password_link_send)."""

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "language")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _("L'invitation à choisir un mot de passe est envoyée à cette adresse.")

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """The Technicien manages accounts and their roles (policy 4.1), within limits checked here and logged.
    Nobody sets another person's password: accounts are invited, passwords reset, by a link sent to the
    person's own address."""

    add_form = InvitationForm
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "first_name", "last_name", "email", "language")}),
    )
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Ville de Prévost"), {"fields": ("language", "extension", "availability", "back_at")}),
    )
    actions = ["send_password_link", "remove_second_factor"]

    @admin.action(description=_("Envoyer un lien pour choisir le mot de passe"))
    def send_password_link(self, request, queryset):
        for user in queryset:
            try:
                services.password_link_send(user=user, acting_user=request.user)
            except ApplicationError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(request, _("Lien envoyé à %(email)s.") % {"email": user.email}, messages.SUCCESS)

    @admin.action(description=_("Retirer le second facteur (téléphone perdu)"))
    def remove_second_factor(self, request, queryset):
        for user in queryset:
            try:
                services.second_factor_remove(user=user, acting_user=request.user)
            except ApplicationError as error:
                self.message_user(request, error.message, messages.ERROR)
                return
        self.message_user(request, _("Second facteur retiré; il sera demandé à la prochaine connexion."))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("remove_second_factor", None)
        return actions

    list_display = ("username", "first_name", "last_name", "email", "extension", "availability", "is_active")
    list_filter = ("groups", "is_active", "availability")
    search_fields = ("username", "first_name", "last_name", "email")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        # No password form behind a button: only the state, and the action that sends a link.
        hidden = {"password"} if request.user.is_superuser else {"password", "is_superuser", "user_permissions"}
        shown = [(name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]}) for name, opts in fieldsets]
        first_name, first = shown[0]
        return [(first_name, {**first, "fields": [*first["fields"], "password_state"]}), *shown[1:]]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if not services.rights_may_be_changed_by(request.user, obj):
            return ["password_state", "email", "groups", "is_staff", "is_active", "is_superuser", "user_permissions"]
        if not request.user.is_superuser and obj.last_login is not None:
            # The address a reset link goes to: changed by IT only once the person has logged in.
            return ["password_state", "email"]
        return ["password_state"]

    @admin.display(description=_("mot de passe"))
    def password_state(self, obj):
        state = (
            _("choisi par la personne") if obj.has_usable_password() else _("pas encore choisi (invitation envoyée)")
        )
        return format_html(
            "{}<br><small>{}</small>",
            state,
            _(
                "Pour en choisir un nouveau, la personne reçoit un lien : action « Envoyer un lien pour choisir le mot de passe » de la liste."
            ),
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=Role.values).exclude(name__in=SENSITIVE_ROLES)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def user_change_password(self, request, id, form_url=""):
        raise PermissionDenied  # each person chooses their own password (issue 17: no account taken over)

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
        if not change:
            try:
                services.password_link_send(user=user, acting_user=request.user)
            except ApplicationError as error:
                self.message_user(request, error.message, messages.WARNING)
            else:
                self.message_user(request, _("Invitation envoyée à %(email)s.") % {"email": user.email})


@admin.register(RoleSecurity)
class RoleSecurityAdmin(admin.ModelAdmin):
    """A superuser decides which roles must pass the second factor; changes are logged."""

    list_display = ("group", "second_factor_required")
    list_editable = ("second_factor_required",)
    fields = ("group", "second_factor_required")
    readonly_fields = ("group",)

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        state = "exigé" if obj.second_factor_required else "offert, non exigé"
        services.rights_log(actor=request.user, target=request.user, change=f"rôle {obj.group}: second facteur {state}")


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


# A factor is removed only by the logged action above, never by deleting a device row: django-otp's
# device admins are loaded here (before autodiscover reaches them) and taken down.
import_module("django_otp.plugins.otp_totp.admin")
import_module("django_otp.plugins.otp_static.admin")
for _device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)


def _own_password_change(request, extra_context=None):
    # The admin's « Modifier le mot de passe » goes to the portal's own form, which logs the change.
    return redirect("accounts:password_change")


admin.site.password_change = _own_password_change  # type: ignore[method-assign]
