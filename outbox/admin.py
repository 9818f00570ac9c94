from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from outbox.enums import OutboxStatus
from outbox.models import OutboundEmail
from outbox.services import outbox_resend


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ("created_at", "to", "subject_shown", "status", "attempts", "sent_at")
    list_filter = ("status",)
    search_fields = ("to", "subject")
    show_full_result_count = False
    readonly_fields = (
        "dedupe_key",
        "to",
        "subject",
        "body_text",
        "owner",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    )
    exclude = ("body_html", "claimed_at")
    actions = ("resend",)

    @admin.display(description=_("objet"), ordering="subject")
    def subject_shown(self, email):
        # An acknowledgement waits for the worker to write it (render_later): say so, not a blank.
        return email.subject or _("(rédigé à l'envoi)")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Renvoyer les courriels en échec"))
    def resend(self, request, queryset):
        failed = list(queryset.filter(status=OutboxStatus.FAILED))
        for email in failed:
            outbox_resend(email=email)
        self.message_user(request, _("%(count)s courriel(s) remis en envoi.") % {"count": len(failed)})
