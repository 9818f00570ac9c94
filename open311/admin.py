from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from open311.models import ApiKey
from open311.services import api_key_issue, api_key_revoke


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys for the organisations that file requests through Open311: issued here, shown once, revoked here."""

    list_display = ("organisation", "key_prefix", "contact_email", "created_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    fields = ("organisation", "contact_email", "key_prefix", "created_at", "revoked_at")
    readonly_fields = ("key_prefix", "created_at", "revoked_at")
    actions = ("revoke",)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        raw = api_key_issue(api_key=obj)
        if raw:
            self.message_user(
                request,
                _("Clé émise pour %(organisation)s : %(key)s — copiez-la maintenant, elle ne sera plus affichée.")
                % {"organisation": obj.organisation, "key": raw},
                messages.WARNING,
            )

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: requests filed with it keep their history

    @admin.action(description=_("Révoquer les clés choisies"))
    def revoke(self, request, queryset):
        for key in queryset.filter(revoked_at__isnull=True):
            api_key_revoke(api_key=key)
        self.message_user(request, _("Clés révoquées."))
