"""The investigation (the Directeur du Service aux citoyens): interviews, evidence, conclusion, sharing."""

import datetime as dt
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.models import User
from accounts.services import disciplinary_record_add
from complaints.enums import (
    AccessAction,
    ComplaintStatus,
    Finding,
)
from complaints.models import (
    Complaint,
    ComplaintShare,
    Conclusion,
    Evidence,
    Interview,
)
from complaints.selectors import is_investigator, log_access
from complaints.services.notifications import _notify_status
from complaints.services.rules import _change, _require, _set_status
from core.errors import ApplicationError

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
