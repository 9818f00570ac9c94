"""Every write on a réclamation: filing (with its frozen acknowledgement), documents, one function per
status change, and the consultation of the operating service."""

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core import pdf, workflow
from core.errors import ApplicationError
from core.numbering import next_yearly_value
from core.workflow import Transition
from legal import clocks as legal_clocks
from legal.enums import OPEN_CLAIM_STATUSES, ClaimCause, ClaimStatus
from legal.models import Claim, ClaimConsultation, ClaimDocument, ClaimEvent, ClaimNumberSequence
from legal.services.notices import notice_enqueue, notify_handlers
from requests_app.models import Service

MAX_DOCUMENTS = 20  # per claim, over its whole life


def claim_clocks_for(
    *, event_date: dt.date, damage_kind: str, cause_kind: str, filed_on: dt.date
) -> legal_clocks.ClaimClocks:
    return legal_clocks.claim_clocks(
        event_date=event_date,
        damage_kind=damage_kind,
        filed_on=filed_on,
        snow_removal=cause_kind == ClaimCause.SNOW_REMOVAL,
    )


def claim_clocks_of(claim: Claim) -> legal_clocks.ClaimClocks:
    """What the Avis told the claimant: the dates frozen at filing (a later change of settings cannot
    move them), with the rule's wording from the same computation."""
    clocks = claim_clocks_for(
        event_date=claim.event_date,
        damage_kind=claim.damage_kind,
        cause_kind=claim.cause_kind,
        filed_on=timezone.localdate(claim.received_at),
    )
    return dataclasses.replace(
        clocks,
        notice_deadline=claim.notice_deadline,
        prescription=claim.prescription_date,
        notice_is_late=claim.notice_is_late,
    )


def _tracking_path(claim: Claim) -> str:
    return reverse("claims:track", kwargs={"token": claim.tracking_token})


def _acknowledgement(claim: Claim, clocks: legal_clocks.ClaimClocks) -> bytes:
    with translation.override(claim.language):
        return pdf.render_claim_acknowledgement_pdf(
            {"claim": claim, "clocks": clocks, "received_on": timezone.localdate(claim.received_at)}
        )


def _add_documents(claim: Claim, documents: list[tuple[str, Any]], *, by_claimant: bool) -> int:
    if claim.documents.count() + len(documents) > MAX_DOCUMENTS:
        raise ApplicationError(
            _("Un dossier de réclamation compte au plus %(max)s pièces jointes.") % {"max": MAX_DOCUMENTS}
        )
    for kind, content in documents:
        document = ClaimDocument(
            claim=claim, kind=kind, content_type=content.content_type, added_by_claimant=by_claimant
        )
        document.file.save(content.name, content, save=False)
        document.save()
    return len(documents)


def claim_submit(
    *,
    data: dict[str, Any],
    documents: Iterable[tuple[str, Any]] = (),
    channel: str = "web",
    acting_user: User | None = None,
    today: dt.date | None = None,
) -> Claim:
    """Record the claim, freeze the Avis de réclamation, tell the claimant and the Greffe.

    A late notice is received like any other and flagged: the portal never refuses a claim.
    """
    today = today or timezone.localdate()
    if data["event_date"] > today:
        raise ApplicationError(_("La date de l'événement ne peut pas être dans le futur."))
    clocks = claim_clocks_for(
        event_date=data["event_date"], damage_kind=data["damage_kind"], cause_kind=data["cause_kind"], filed_on=today
    )
    with transaction.atomic():
        now = timezone.now()
        year = timezone.localtime(now).year
        claim = Claim(
            **data,
            channel=channel,
            received_at=now,
            created_by=acting_user,
            notice_deadline=clocks.notice_deadline,
            prescription_date=clocks.prescription,
            notice_is_late=clocks.notice_is_late,
            number=f"RC-{year}-{next_yearly_value(ClaimNumberSequence, year):04d}",
        )
        claim.full_clean(exclude=["acknowledgement_pdf"])
        claim.save()
        _add_documents(claim, list(documents), by_claimant=acting_user is None)
        content = _acknowledgement(claim, clocks)
        claim.acknowledgement_pdf.save(f"avis-{claim.number}.pdf", ContentFile(content), save=False)
        claim.acknowledgement_sha256 = hashlib.sha256(content).hexdigest()
        claim.save(update_fields=["acknowledgement_pdf", "acknowledgement_sha256"])
        ClaimEvent.objects.create(
            claim=claim, to_status=ClaimStatus.RECEIVED, by=acting_user, text=claim.get_channel_display()
        )
        notice_enqueue(
            dedupe_key=f"claim:{claim.pk}:ack",
            to=claim.claimant_email,
            language=claim.language,
            template="claim_received",
            context={"number": claim.number},
            link_path=_tracking_path(claim),
            link_label=gettext_lazy("Suivre ma réclamation"),
            attachments=[(f"avis-reclamation-{claim.number}.pdf", content, "application/pdf")],
        )
        notify_handlers(
            dedupe_key=f"claim:{claim.pk}:new",
            url_name="claims:staff_detail",
            number=claim.number,
            template="claim_new",
            context={"late": claim.notice_is_late},
        )
    return claim


def claim_add_documents(*, claim: Claim, documents: Iterable[tuple[str, Any]], acting_user: User | None = None) -> int:
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        added = _add_documents(locked, list(documents), by_claimant=acting_user is None)
        ClaimEvent.objects.create(
            claim=locked, by=acting_user, text=_("%(count)s pièce(s) ajoutée(s)") % {"count": added}
        )
    return added


# --- status changes ---------------------------------------------------------------------------------


def _handles_claims(claim: Claim, user: User) -> bool:
    return user.has_perm("legal.handle_claims")


WORKFLOW = workflow.register(
    workflow.Workflow(
        model=Claim,
        event_model=ClaimEvent,
        event_owner_field="claim",
        transitions={
            "start_analysis": Transition((ClaimStatus.RECEIVED,), ClaimStatus.ANALYSIS, _handles_claims),
            "send_to_insurer": Transition(
                (ClaimStatus.RECEIVED, ClaimStatus.ANALYSIS), ClaimStatus.INSURER, _handles_claims
            ),
            "accept": Transition((ClaimStatus.ANALYSIS, ClaimStatus.INSURER), ClaimStatus.ACCEPTED, _handles_claims),
            "refuse": Transition((ClaimStatus.ANALYSIS, ClaimStatus.INSURER), ClaimStatus.REFUSED, _handles_claims),
            "withdraw": Transition(OPEN_CLAIM_STATUSES, ClaimStatus.WITHDRAWN, _handles_claims),
        },
        not_allowed=gettext_lazy("Seuls le Greffe et le Directeur général traitent les réclamations."),
        not_now=gettext_lazy("La réclamation %(number)s est « %(status)s » : cette étape n'est pas possible."),
    )
)


def _require_handler(user: User) -> None:
    if not user.has_perm("legal.handle_claims"):
        raise ApplicationError(_("Seuls le Greffe et le Directeur général traitent les réclamations."))


def _claim_transition(*, claim: Claim, action: str, acting_user: User, public_text: str = "", **changes: Any) -> Claim:
    _require_handler(acting_user)  # before the step's own checks (an insurer reference…): who, then what
    with transaction.atomic():
        locked, _event = workflow.apply_transition(
            claim,
            action,
            acting_user=acting_user,
            event={"text": public_text, "public": True, "by": acting_user},
            **changes,
        )
        notice_enqueue(
            dedupe_key=f"claim:{locked.pk}:status:{locked.status}",
            to=locked.claimant_email,
            language=locked.language,
            template="claim_status",
            context={"number": locked.number, "status": ClaimStatus(locked.status).label},
            link_path=_tracking_path(locked),
            link_label=gettext_lazy("Suivre ma réclamation"),
        )
    return locked


def claim_start_analysis(*, claim: Claim, acting_user: User, note: str = "") -> Claim:
    return _claim_transition(claim=claim, action="start_analysis", acting_user=acting_user, public_text=note)


def claim_send_to_insurer(*, claim: Claim, acting_user: User, insurer_reference: str, note: str = "") -> Claim:
    if not insurer_reference.strip():
        raise ApplicationError(_("Indiquez la référence du dossier chez l'assureur de la Ville."))
    return _claim_transition(
        claim=claim,
        action="send_to_insurer",
        acting_user=acting_user,
        public_text=note,
        insurer_reference=insurer_reference,
    )


def claim_accept(*, claim: Claim, acting_user: User, amount_paid: Decimal, note: str = "") -> Claim:
    if amount_paid is None or amount_paid < 0:
        raise ApplicationError(_("Indiquez le montant versé au réclamant."))
    return _claim_transition(
        claim=claim, action="accept", acting_user=acting_user, public_text=note, amount_paid=amount_paid
    )


def claim_refuse(*, claim: Claim, acting_user: User, reasons: str) -> Claim:
    if not reasons.strip():
        raise ApplicationError(_("Un refus doit être motivé : écrivez les motifs communiqués au réclamant."))
    return _claim_transition(
        claim=claim, action="refuse", acting_user=acting_user, public_text=reasons, decision_reasons=reasons
    )


def claim_withdraw(*, claim: Claim, acting_user: User, note: str = "") -> Claim:
    return _claim_transition(claim=claim, action="withdraw", acting_user=acting_user, public_text=note)


# --- the operating service's findings ----------------------------------------------------------------


def claim_consult(*, claim: Claim, service: Service, question: str, acting_user: User) -> ClaimConsultation:
    _require_handler(acting_user)
    with transaction.atomic():
        consultation = ClaimConsultation.objects.create(
            claim=claim, service=service, question=question, asked_by=acting_user
        )
        Claim.objects.filter(pk=claim.pk, concerned_service__isnull=True).update(concerned_service=service)
        ClaimEvent.objects.create(
            claim=claim, by=acting_user, text=_("Service consulté : %(service)s") % {"service": service}
        )
        for user in {u for u in (service.responsable, service.director) if u and u.is_active}:
            notice_enqueue(
                dedupe_key=f"claim-consultation:{consultation.pk}:{user.pk}",
                to=user.email,
                language=user.language,
                template="claim_consultation",
                context={"number": claim.number},
                link_path=reverse("claims:consultations"),
                link_label=gettext_lazy("Répondre"),
            )
    return consultation


def consultation_may_be_answered_by(consultation: ClaimConsultation, user: User) -> bool:
    service = consultation.service
    return user.is_active and user.pk in {
        service.responsable_id,
        service.execution_responsable_id,
        service.director_id,
    }


def consultation_answer(*, consultation: ClaimConsultation, findings: str, acting_user: User) -> ClaimConsultation:
    if not consultation_may_be_answered_by(consultation, acting_user):
        raise ApplicationError(_("Seuls le responsable et le directeur du service consulté peuvent répondre."))
    if not findings.strip():
        raise ApplicationError(_("Écrivez les constatations de votre service."))
    with transaction.atomic():
        updated = ClaimConsultation.objects.filter(pk=consultation.pk, answered_at__isnull=True).update(
            findings=findings, answered_by=acting_user, answered_at=timezone.now()
        )
        if not updated:
            raise ApplicationError(_("Cette consultation a déjà reçu une réponse."))
        claim = consultation.claim
        ClaimEvent.objects.create(
            claim=claim,
            by=acting_user,
            text=_("Constatations reçues de %(service)s") % {"service": consultation.service},
        )
        notify_handlers(
            dedupe_key=f"claim-consultation:{consultation.pk}:answered",
            url_name="claims:staff_detail",
            number=claim.number,
            template="claim_findings",
            context={},
        )
    consultation.refresh_from_db()
    return consultation
