from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.errors import ApplicationError
from digests import services as digests
from digests.models import DigestDelivery


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    """Every monthly digest: when it was due, whether it left, and the Technicien's resends."""

    list_display = (
        "month_label",
        "kind",
        "recipient",
        "scheduled_for",
        "is_late",
        "status",
        "email_status",
        "attempts",
        "resend_count",
    )
    list_filter = ("kind", "status", "is_late", "month")
    list_select_related = ("recipient", "email")
    show_full_result_count = False
    readonly_fields = [f.name for f in DigestDelivery._meta.fields]
    actions = ("resend", "retry_failed")

    @admin.display(description=_("mois"), ordering="month")
    def month_label(self, obj):
        return f"{obj.month:%Y-%m}"

    @admin.display(description=_("courriel"))
    def email_status(self, obj):
        return obj.email.get_status_display() if obj.email else "—"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Renvoyer le même envoi au destinataire"))
    def resend(self, request, queryset):
        for delivery in queryset.select_related("recipient"):
            try:
                digests.digest_resend(delivery=delivery, acting_user=request.user)
            except ApplicationError as error:
                self.message_user(request, error.message, messages.WARNING)
            else:
                self.message_user(request, _("Envoi renvoyé à %(name)s.") % {"name": delivery.recipient})

    @admin.action(description=_("Préparer de nouveau les envois en échec"))
    def retry_failed(self, request, queryset):
        count = digests.digests_retry_failed(deliveries=queryset)
        self.message_user(request, _("%(count)s envoi(s) remis en préparation.") % {"count": count})
