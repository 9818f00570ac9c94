from django.contrib import admin

from core.admin import RecordAdmin
from intake.models import InboundEmail


@admin.register(InboundEmail)
class InboundEmailAdmin(RecordAdmin):
    """What the mailbox intake did with each message; failures wait in their IMAP folder."""

    list_display = ("processed_at", "outcome", "sender", "subject", "request", "attempts")
    list_filter = ("outcome",)
    search_fields = ("sender", "subject", "request__number")
    list_select_related = ("request",)
    show_full_result_count = False
    readonly_fields = (
        "message_id",
        "outcome",
        "sender",
        "subject",
        "request",
        "attempts",
        "last_error",
        "processed_at",
    )
