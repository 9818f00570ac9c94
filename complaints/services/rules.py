"""The rules every write on a complaint obeys: the 15 days (policy 4.4), who may act, the statuses."""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from complaints.enums import (
    OPEN_COMPLAINT_STATUSES,
    AccessAction,
    ComplaintStatus,
)
from complaints.models import (
    Complaint,
    ComplaintEvent,
)
from complaints.selectors import is_investigator, log_access
from core import workflow
from core.errors import ApplicationError
from core.workflow import Transition

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


WORKFLOW = workflow.register(
    workflow.Workflow(
        model=Complaint,
        event_model=ComplaintEvent,
        event_owner_field="complaint",
        transitions={
            # Anyone: the signature is the complainant's own (no account); the service checks who files paper.
            "receive_signed": Transition((ComplaintStatus.AWAITING_SIGNATURE,), ComplaintStatus.RECEIVED),
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
