"""Every write on a complaint. Each one checks who acts and writes the access log."""

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.enums import Role
from accounts.models import User
from accounts.services import disciplinary_record_add
from accounts.signatures import Signature
from core import photos as photo_tools
from core import workflow
from core.errors import ApplicationError
from core.numbering import next_yearly_value
from core.workflow import Transition
from outbox.services import outbox_enqueue
from requests_app import services as request_services
from requests_app.enums import Channel
from requests_app.models import RequestType, ServiceRequest

from . import pdf
from .enums import OPEN_COMPLAINT_STATUSES, AccessAction, ComplaintChannel, ComplaintStatus, Finding, SignatureMethod
from .models import (
    Complaint,
    ComplaintEvent,
    ComplaintNumberSequence,
    ComplaintShare,
    Conclusion,
    Evidence,
    Interview,
    SignedStatement,
)
from .selectors import is_investigator, log_access

# Policy 4.4: « dans un délai de 15 jours après les faits ».
RECEIVABLE_DAYS = 15


def is_within_delay(facts_date: dt.date, today: dt.date) -> bool:
    return (today - facts_date).days <= RECEIVABLE_DAYS


def check_receivable(*, facts_date: dt.date, today: dt.date) -> None:
    """Policy 4.4's 15 days hold however the complaint comes in: online, verbal then signed, or a requête
    reclassified. The safety exception of 4.1 waives the written and signed form, never the delay."""
    if facts_date > today:
        raise ApplicationError(_("La date des faits ne peut pas être dans le futur."))
    if not is_within_delay(facts_date, today):
        raise ComplaintTooLate(
            _(
                "Une plainte doit être déposée dans les 15 jours suivant les faits (politique de service aux "
                "citoyens, article 4.4). Les faits datent du %(date)s : la Ville ne peut pas recevoir cette plainte. "
                "Si la situation met en péril la sécurité des biens ou des personnes, faites plutôt une requête : le "
                "service concerné interviendra."
            )
            % {"date": date_format(facts_date, "j F Y")}
        )


class ComplaintTooLate(ApplicationError):
    """Past 4.4's 15 days: the screens offer a requête instead."""


def _require(condition: bool) -> None:
    if not condition:
        raise ApplicationError(_("Vous n'avez pas le droit de faire cette action sur une plainte."))


def _change(complaint: Complaint, user: User | None, detail: str) -> None:
    log_access(complaint=complaint, user=user, action=AccessAction.CHANGE, detail=detail)


def _may_investigate(complaint: Complaint, user: User) -> bool:
    return is_investigator(user)


def _anyone(complaint: Complaint, user: User) -> bool:
    return True  # the signature is the complainant's own (no account); the service checks who files paper


WORKFLOW = workflow.register(
    workflow.Workflow(
        model=Complaint,
        event_model=ComplaintEvent,
        event_owner_field="complaint",
        transitions={
            "receive_signed": Transition((ComplaintStatus.AWAITING_SIGNATURE,), ComplaintStatus.RECEIVED, _anyone),
            "start_investigation": Transition(
                (ComplaintStatus.RECEIVED,), ComplaintStatus.INVESTIGATING, _may_investigate
            ),
            "conclude": Transition((ComplaintStatus.INVESTIGATING,), ComplaintStatus.CONCLUDED, _may_investigate),
            "reclassify": Transition(OPEN_COMPLAINT_STATUSES, ComplaintStatus.RECLASSIFIED, _may_investigate),
        },
        not_allowed=gettext_lazy("Vous n'avez pas le droit de faire cette action sur une plainte."),
        not_now=gettext_lazy("La plainte %(number)s est « %(status)s » : cette étape n'est pas possible."),
    )
)


def _set_status(complaint: Complaint, action: str, user: User | None) -> None:
    before = complaint.get_status_display()
    locked, _event = workflow.apply_transition(complaint, action, acting_user=user, event={"by": user})
    complaint.status = locked.status
    _change(complaint, user, f"statut : {before} → {complaint.get_status_display()}")


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


# --- investigation (the Directeur du Service aux citoyens) ---------------------------------------


@transaction.atomic
def complaint_start_investigation(*, complaint: Complaint, acting_user: User) -> Complaint:
    _require(is_investigator(acting_user))
    if complaint.status != ComplaintStatus.RECEIVED:
        raise ApplicationError(_("Seule une plainte reçue et signée peut faire l'objet d'une enquête."))
    _set_status(complaint, "start_investigation", acting_user)
    _notify_status(complaint)
    return complaint


@transaction.atomic
def interview_add(
    *,
    complaint: Complaint,
    acting_user: User,
    held_on: dt.date,
    people_met: str,
    account: str,
    employee_heard: bool = False,
) -> Interview:
    _require(is_investigator(acting_user))
    if complaint.status != ComplaintStatus.INVESTIGATING:
        raise ApplicationError(_("Les rencontres s'inscrivent pendant l'enquête."))
    interview = Interview(
        complaint=complaint,
        held_on=held_on,
        people_met=people_met,
        account=account,
        employee_heard=employee_heard,
        recorded_by=acting_user,
    )
    interview.full_clean()
    interview.save()
    _change(complaint, acting_user, f"rencontre du {held_on:%Y-%m-%d} inscrite")
    return interview


@transaction.atomic
def evidence_add(*, complaint: Complaint, acting_user: User, description: str, file: "File[Any]") -> Evidence:
    _require(is_investigator(acting_user))
    evidence = Evidence.objects.create(complaint=complaint, description=description, file=file, added_by=acting_user)
    _change(complaint, acting_user, f"pièce ajoutée : {description}")
    return evidence


@transaction.atomic
def complaint_identify_employee(*, complaint: Complaint, acting_user: User, employee: User | None) -> Complaint:
    _require(is_investigator(acting_user))
    complaint.employee = employee
    complaint.save(update_fields=["employee", "updated_at"])
    _change(complaint, acting_user, f"employé concerné : {employee or '—'}")
    return complaint


@transaction.atomic
def complaint_conclude(
    *,
    complaint: Complaint,
    acting_user: User,
    finding: str,
    reasons: str,
    measure: str = "",
    measure_detail: str = "",
    incident: str = "",
) -> Conclusion:
    """Policy 4.4.1: unfounded, nothing goes to the employee's file; founded, the incident and the
    measure do."""
    _require(is_investigator(acting_user))
    if complaint.status != ComplaintStatus.INVESTIGATING:
        raise ApplicationError(_("Seule une plainte en enquête peut être conclue."))
    if finding == Finding.FOUNDED:
        if complaint.employee is None:
            raise ApplicationError(_("Identifiez l'employé concerné avant de conclure que la plainte est fondée."))
        if not measure or not incident.strip():
            raise ApplicationError(_("Une plainte fondée exige l'incident et la mesure disciplinaire au dossier."))
        heard = complaint.interviews.filter(employee_heard=True).order_by("-held_on").first()
        if heard is None:
            raise ApplicationError(
                _(
                    "L'employé visé doit avoir été rencontré et écouté avant qu'une plainte soit jugée fondée "
                    "(politique, article 4.4) : inscrivez cette rencontre."
                )
            )
        disciplinary_record_add(
            employee=complaint.employee,
            incident=incident,
            measure=measure,
            measure_detail=measure_detail,
            source_reference=complaint.number,
            decided_on=timezone.localdate(),
            acting_user=acting_user,
        )
    heard = complaint.interviews.filter(employee_heard=True).order_by("-held_on").first()
    conclusion = Conclusion.objects.create(
        complaint=complaint,
        finding=finding,
        reasons=reasons,
        employee_heard_on=heard.held_on if heard else None,
        concluded_by=acting_user,
    )
    _set_status(complaint, "conclude", acting_user)
    _notify_status(complaint)
    return conclusion


@transaction.atomic
def complaint_share(*, complaint: Complaint, director: User, acting_user: User) -> ComplaintShare:
    _require(is_investigator(acting_user))
    if not director.has_role(Role.DIRECTEUR_SERVICE) or director == complaint.employee:
        raise ApplicationError(_("Une plainte se partage seulement avec un directeur de service qui n'est pas visé."))
    share, _created = ComplaintShare.objects.get_or_create(
        complaint=complaint, director=director, revoked_at=None, defaults={"granted_by": acting_user}
    )
    log_access(complaint=complaint, user=acting_user, action=AccessAction.SHARE, detail=f"partagée avec {director}")
    return share


@transaction.atomic
def complaint_unshare(*, complaint: Complaint, director: User, acting_user: User) -> None:
    _require(is_investigator(acting_user))
    complaint.shares.filter(director=director, revoked_at=None).update(revoked_at=timezone.now())
    log_access(complaint=complaint, user=acting_user, action=AccessAction.SHARE, detail=f"partage retiré à {director}")


# --- reclassification ------------------------------------------------------------------------------


@transaction.atomic
def complaint_from_request(*, service_request: ServiceRequest, acting_user: User, facts_date: dt.date) -> Complaint:
    """The Technicien sees that a requête is in fact a plainte: it becomes one, awaiting the citizen's signature."""
    _require(acting_user.has_perm("requests_app.triage"))
    check_receivable(facts_date=facts_date, today=timezone.localdate())
    if not service_request.requester_email:
        raise ApplicationError(
            _(
                "Le demandeur n'a pas de courriel : prenez la plainte par téléphone pour lui "
                "envoyer un écrit à signer, ou faites-la signer au comptoir."
            )
        )
    data = {
        "complainant_name": service_request.requester_name,
        "complainant_address": service_request.requester_address or "—",
        "complainant_phone": service_request.requester_phone or "—",
        "complainant_email": service_request.requester_email,
        "language": service_request.language,
        "facts_date": facts_date,
        "service": service_request.service,
        "facts": service_request.description,
    }
    complaint = _new_complaint(
        data=data,
        channel=ComplaintChannel.REQUEST,
        status=ComplaintStatus.AWAITING_SIGNATURE,
        acting_user=acting_user,
        source_request=service_request,
    )
    request_services.request_mark_reclassified(
        service_request=service_request, acting_user=acting_user, reference=complaint.number
    )
    _notify_signing_link(complaint)
    _notify_investigators(complaint)
    return complaint


@transaction.atomic
def complaint_to_request(*, complaint: Complaint, acting_user: User, request_type: RequestType) -> ServiceRequest:
    """The reverse: what was filed as a complaint asks for a service's action instead."""
    _require(is_investigator(acting_user))
    if complaint.status in (ComplaintStatus.CONCLUDED, ComplaintStatus.RECLASSIFIED):
        raise ApplicationError(_("Une plainte conclue ou déjà reclassée ne se reclasse plus."))
    request = request_services.request_submit(
        data={
            "request_type": request_type,
            "description": complaint.facts,
            "requester_name": complaint.complainant_name,
            "requester_address": complaint.complainant_address,
            "requester_phone": complaint.complainant_phone,
            "requester_email": complaint.complainant_email,
            "language": complaint.language,
        },
        channel=Channel.WEB if complaint.channel == ComplaintChannel.WEB else Channel.PHONE,
        acting_user=acting_user,
    )
    _set_status(complaint, "reclassify", acting_user)
    _change(complaint, acting_user, f"reclassée en requête {request.number}")
    return request


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
