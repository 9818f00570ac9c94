"""Filing a complaint and signing it: online, verbal then signed from a link, or on paper."""

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.signatures import Signature
from complaints import pdf
from complaints.enums import (
    ComplaintChannel,
    ComplaintStatus,
    SignatureMethod,
)
from complaints.models import (
    Complaint,
    ComplaintNumberSequence,
    Evidence,
    SignedStatement,
)
from complaints.selectors import is_investigator
from complaints.services.notifications import _notify_investigators, _notify_received, _notify_signing_link
from complaints.services.rules import _change, _require, _set_status, check_receivable
from core import photos as photo_tools
from core.errors import ApplicationError
from core.numbering import next_yearly_value
from requests_app.models import ServiceRequest

# --- filing and signing -------------------------------------------------------------------------


def _new_complaint(
    *,
    data: dict[str, Any],
    channel: str,
    status: str,
    acting_user: User | None = None,
    source_request: ServiceRequest | None = None,
) -> Complaint:
    now = timezone.now()
    year = timezone.localtime(now).year
    complaint = Complaint(
        **data,
        channel=channel,
        status=status,
        received_at=now,
        created_by=acting_user,
        source_request=source_request,
        number=f"P-{year}-{next_yearly_value(ComplaintNumberSequence, year):04d}",
    )
    complaint.full_clean()
    complaint.save()
    _change(complaint, acting_user, f"plainte créée ({complaint.get_channel_display()})")
    return complaint


def _attachment_fingerprints(complaint: Complaint) -> list[dict[str, Any]]:
    fingerprints = []
    for evidence in complaint.evidence.filter(added_by__isnull=True).order_by("pk"):
        with evidence.file.open("rb") as handle:
            fingerprints.append({"piece": evidence.description, "sha256": hashlib.sha256(handle.read()).hexdigest()})
    return fingerprints


def _content_fingerprint(
    complaint: Complaint, signature: Signature, signed_at: dt.datetime
) -> tuple[dict[str, Any], str]:
    content = {
        "numero": complaint.number,
        "plaignant": complaint.complainant_name,
        "adresse": complaint.complainant_address,
        "telephone": complaint.complainant_phone,
        "courriel": complaint.complainant_email,
        "date_des_faits": complaint.facts_date.isoformat(),
        "service": complaint.service.code,
        "employe_concerne": complaint.employee_named,
        "faits": complaint.facts,
        "securite": complaint.safety_risk,
        "signataire": signature.signer_name,
        "mode_de_signature": signature.method,
        "signee_le": signed_at.isoformat(),
        "image_signature_sha256": hashlib.sha256(signature.image_png).hexdigest() if signature.image_png else "",
        "pieces_jointes": _attachment_fingerprints(complaint),
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    return content, hashlib.sha256(canonical).hexdigest()


def _sign(complaint: Complaint, signature: Signature, user: User | None = None) -> SignedStatement:
    """Freeze the statement: content fingerprint, signature image and PDF, stored once."""
    signed_at = timezone.now()
    content, fingerprint = _content_fingerprint(complaint, signature, signed_at)
    with translation.override(complaint.language):
        pdf_bytes = pdf.render_signed_statement_pdf(
            {
                "complaint": complaint,
                "signature": signature,
                "signed_at": signed_at,
                "fingerprint": fingerprint,
                "attachments": content["pieces_jointes"],
            },
            signature.image_png,
        )
    statement = SignedStatement(
        complaint=complaint,
        method=signature.method,
        signer_name=signature.signer_name,
        signed_at=signed_at,
        content_sha256=fingerprint,
        pdf_sha256=hashlib.sha256(pdf_bytes).hexdigest(),
    )
    if signature.image_png:
        statement.signature_image.save(f"{complaint.number}.png", ContentFile(signature.image_png), save=False)
    statement.pdf.save(f"{complaint.number}-{signed_at:%Y%m%d%H%M%S}.pdf", ContentFile(pdf_bytes), save=False)
    statement.save()
    _change(complaint, user, f"déclaration signée ({statement.get_method_display()}, {fingerprint[:12]}…)")
    return statement


@transaction.atomic
def complaint_submit(
    *, data: dict[str, Any], signature: Signature, attachments: Iterable[Any] = (), today: dt.date | None = None
) -> Complaint:
    """A written, signed complaint filed online (policy 4.4). Attachments are signed with it."""
    check_receivable(facts_date=data["facts_date"], today=today or timezone.localdate())
    complaint = _new_complaint(data=data, channel=ComplaintChannel.WEB, status=ComplaintStatus.RECEIVED)
    for index, attachment in enumerate(attachments, start=1):
        Evidence.objects.create(
            complaint=complaint, description=_("Pièce jointe %(n)s du plaignant") % {"n": index}, file=attachment
        )
    statement = _sign(complaint, signature)
    _notify_received(complaint, statement)
    return complaint


@transaction.atomic
def complaint_record_verbal(
    *, data: dict[str, Any], acting_user: User, channel: str = ComplaintChannel.PHONE
) -> Complaint:
    """Policy 4.1: a verbal complaint is not processed until written and signed, unless safety is at stake.
    The citizen receives a link to read and sign what the Technicien noted."""
    _require(acting_user.has_perm("requests_app.triage") or is_investigator(acting_user))
    check_receivable(facts_date=data["facts_date"], today=timezone.localdate())
    status = ComplaintStatus.RECEIVED if data.get("safety_risk") else ComplaintStatus.AWAITING_SIGNATURE
    complaint = _new_complaint(data=data, channel=channel, status=status, acting_user=acting_user)
    _notify_signing_link(complaint)
    _notify_investigators(complaint)
    return complaint


@transaction.atomic
def complaint_sign(*, complaint: Complaint, signature: Signature) -> SignedStatement:
    """The citizen signs, from the link, what was noted of a verbal complaint."""
    locked = Complaint.objects.select_for_update(of=("self",)).select_related("service").get(pk=complaint.pk)
    if locked.statements.exists() or locked.status not in (
        ComplaintStatus.AWAITING_SIGNATURE,
        ComplaintStatus.RECEIVED,
    ):
        raise ApplicationError(_("Cette plainte est déjà signée."))
    statement = _sign(locked, signature)
    if locked.status == ComplaintStatus.AWAITING_SIGNATURE:
        _set_status(locked, "receive_signed", None)
    _notify_received(locked, statement)
    return statement


@transaction.atomic
def complaint_attach_paper(*, complaint: Complaint, scanned_pdf: bytes, acting_user: User) -> SignedStatement:
    """A complaint written and signed on paper, scanned by the Technicien: the scan is the signed document."""
    _require(acting_user.has_perm("requests_app.triage") or is_investigator(acting_user))
    if not photo_tools.is_pdf(scanned_pdf):
        raise ApplicationError(_("Le document numérisé doit être un fichier PDF."))
    locked = Complaint.objects.select_for_update(of=("self",)).get(pk=complaint.pk)
    digest = hashlib.sha256(scanned_pdf).hexdigest()
    statement = SignedStatement(
        complaint=locked,
        method=SignatureMethod.PAPER,
        signer_name=locked.complainant_name,
        signed_at=timezone.now(),
        content_sha256=digest,
        pdf_sha256=digest,
    )
    statement.pdf.save(f"{locked.number}-papier.pdf", ContentFile(scanned_pdf), save=False)
    statement.save()
    _change(locked, acting_user, f"écrit papier numérisé ({digest[:12]}…)")
    if locked.status == ComplaintStatus.AWAITING_SIGNATURE:
        _set_status(locked, "receive_signed", acting_user)
    return statement
