"""E-mails: content only to the complainant; investigators get a number and a link."""

from django.urls import reverse
from django.utils import translation

from accounts.enums import Role
from accounts.models import User
from complaints.models import (
    Complaint,
    SignedStatement,
)
from outbox.services import outbox_enqueue

# --- e-mails: content only to the complainant; investigators get a number and a link ---------------


def _notify_received(complaint: Complaint, statement: SignedStatement) -> None:
    with statement.pdf.open("rb") as handle:
        attachment = (f"plainte-{complaint.number}.pdf", handle.read(), "application/pdf")
    outbox_enqueue(
        dedupe_key=f"complaint:{complaint.pk}:received:{statement.pk}",
        to=complaint.complainant_email,
        template="complaint_received",
        language=complaint.language,
        attachments=[attachment],
        context={"complaint": complaint, "statement": statement, "tracking_path": _tracking_path(complaint)},
    )
    _notify_investigators(complaint)


def _notify_signing_link(complaint: Complaint) -> None:
    if not complaint.complainant_email:
        return
    with translation.override(complaint.language):
        path = reverse("complaints:sign", kwargs={"token": complaint.signing_token})
    outbox_enqueue(
        dedupe_key=f"complaint:{complaint.pk}:sign",
        to=complaint.complainant_email,
        template="complaint_sign",
        language=complaint.language,
        context={"complaint": complaint, "sign_path": path},
    )


def _notify_status(complaint: Complaint) -> None:
    outbox_enqueue(
        dedupe_key=f"complaint:{complaint.pk}:status:{complaint.status}",
        to=complaint.complainant_email,
        template="complaint_status",
        language=complaint.language,
        context={"complaint": complaint, "tracking_path": _tracking_path(complaint)},
    )


def _notify_investigators(complaint: Complaint) -> None:
    for user in User.objects.filter(is_active=True, groups__name=Role.DIRECTEUR_SAC).exclude(email=""):
        with translation.override(user.language):
            path = reverse("complaints:staff_detail", kwargs={"number": complaint.number})
        outbox_enqueue(
            dedupe_key=f"complaint:{complaint.pk}:new:{complaint.status}:{user.pk}",
            to=user.email,
            template="complaint_new",
            language=user.language,
            context={"complaint": complaint, "staff_path": path},
        )


def _tracking_path(complaint: Complaint) -> str:
    with translation.override(complaint.language):
        return reverse("complaints:track", kwargs={"token": complaint.tracking_token})
