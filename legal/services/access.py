"""Every write on a demande d'accès (Loi sur l'accès, A-2.1): receipt and its notice (art. 46), the
one extension (art. 47), the decision letter (art. 47, 50, 51, 135), and the deadline warnings (art. 52)."""

import datetime as dt
import hashlib
from collections.abc import Iterable
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
from legal.enums import OPEN_ACCESS_STATUSES, AccessDecision, AccessStatus, LetterKind
from legal.models import AccessEvent, AccessLetter, AccessNumberSequence, AccessRequest, LegalProvision
from legal.services.notices import notice_enqueue, notify_handlers

DECISIONS_NEEDING_REASONS = (AccessDecision.PARTIAL, AccessDecision.REFUSED)


def _require_handler(user: User) -> None:
    if not user.has_perm("legal.handle_access_requests"):
        raise ApplicationError(
            _("Seuls le Directeur général, responsable de l'accès, et le greffier traitent ces demandes.")
        )


def _tracking_path(access_request: AccessRequest) -> str:
    return reverse("access:track", kwargs={"token": access_request.tracking_token})


def _letter(access_request: AccessRequest, kind: str, today: dt.date, signer: User | None = None) -> AccessLetter:
    """Render, freeze and send one letter; e-mailed when there is an address, to print otherwise."""
    with translation.override(access_request.language):
        content = pdf.render_access_letter_pdf(
            {
                "access_request": access_request,
                "kind": kind,
                "LetterKind": LetterKind,
                "today": today,
                "deadline": access_request.deadline,
                "first_deadline": legal_clocks.access_answer_deadline(access_request.received_on),
                "review_days": legal_clocks.ACCESS_REVIEW_DAYS,
                "provisions": list(access_request.provisions.all()) if kind == LetterKind.DECISION else [],
                "signer": signer,  # who decided or extended; the acknowledgement is signed by the role
            }
        )
    letter = AccessLetter(
        access_request=access_request,
        kind=kind,
        pdf_sha256=hashlib.sha256(content).hexdigest(),
        emailed=bool(access_request.requester_email),
    )
    letter.pdf.save(f"{kind}-{access_request.number}.pdf", ContentFile(content), save=False)
    letter.save()
    number = access_request.number
    notice_enqueue(
        dedupe_key=f"access:{access_request.pk}:letter:{kind}",
        to=access_request.requester_email,
        language=access_request.language,
        template="access_letter",
        context={"number": number, "kind": kind},
        link_path=_tracking_path(access_request),
        link_label=gettext_lazy("Suivre ma demande"),
        attachments=[(f"{kind}-{number}.pdf", content, "application/pdf")],
    )
    return letter


def access_request_submit(
    *,
    data: dict[str, Any],
    form: str,
    channel: str = "web",
    received_on: dt.date | None = None,
    acting_user: User | None = None,
) -> AccessRequest:
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ApplicationError(_("La date de réception ne peut pas être dans le futur."))
    with transaction.atomic():
        year = received_on.year
        access_request = AccessRequest(
            **data,
            form=form,
            channel=channel,
            received_on=received_on,
            created_by=acting_user,
            number=f"AI-{year}-{next_yearly_value(AccessNumberSequence, year):04d}",
        )
        access_request.full_clean()
        access_request.save()
        AccessEvent.objects.create(access_request=access_request, to_status=access_request.status, by=acting_user)
        _letter(access_request, LetterKind.ACKNOWLEDGEMENT, timezone.localdate())
        notify_handlers(
            dedupe_key=f"access:{access_request.pk}:new",
            url_name="access:staff_detail",
            number=access_request.number,
            template="access_new",
            context={"date": access_request.deadline.isoformat()},
        )
    return access_request


def _handles_access(access_request: AccessRequest, user: User) -> bool:
    return user.has_perm("legal.handle_access_requests")


WORKFLOW = workflow.register(
    workflow.Workflow(
        model=AccessRequest,
        event_model=AccessEvent,
        event_owner_field="access_request",
        transitions={
            "decide": Transition(OPEN_ACCESS_STATUSES, AccessStatus.ANSWERED, _handles_access),
            "extend": Transition((AccessStatus.RECEIVED,), AccessStatus.EXTENDED, _handles_access),
            "withdraw": Transition(OPEN_ACCESS_STATUSES, AccessStatus.WITHDRAWN, _handles_access),
        },
        not_allowed=gettext_lazy("Le Directeur général, responsable de l'accès, ou le greffier traite cette demande."),
        not_now=gettext_lazy("La demande %(number)s est « %(status)s » : elle n'est plus en traitement."),
    )
)


def access_request_extend(
    *, access_request: AccessRequest, reason: str, acting_user: User, today: dt.date | None = None
) -> AccessRequest:
    """Art. 47, last paragraph: once, by up to 10 days, by a notice sent within the first 20 days."""
    _require_handler(acting_user)
    today = today or timezone.localdate()
    if not reason.strip():
        raise ApplicationError(_("Indiquez pourquoi le délai de 20 jours ne peut être respecté."))
    if access_request.extended_on is not None:
        raise ApplicationError(_("Le délai ne peut être prolongé qu'une seule fois."))
    if not legal_clocks.access_extension_possible(access_request.received_on, today):
        raise ApplicationError(
            _("Le délai de 20 jours est expiré depuis le %(date)s : il ne peut plus être prolongé.")
            % {"date": legal_clocks.access_answer_deadline(access_request.received_on).isoformat()}
        )
    with transaction.atomic():
        locked, _event = workflow.apply_transition(
            access_request,
            "extend",
            acting_user=acting_user,
            event={"by": acting_user},
            extended_on=today,
            extension_reason=reason,
        )
        _letter(locked, LetterKind.EXTENSION, today, signer=acting_user)
    return locked


def access_request_decide(
    *,
    access_request: AccessRequest,
    decision: str,
    answer: str,
    acting_user: User,
    refusal_reasons: str = "",
    provisions: Iterable[LegalProvision] = (),
    today: dt.date | None = None,
) -> AccessRequest:
    """Policy 4.6: « motiver tout refus ou tout refus partiel … et indiquer la disposition de loi »."""
    _require_handler(acting_user)
    today = today or timezone.localdate()
    provisions = list(provisions)
    if decision in DECISIONS_NEEDING_REASONS and (not refusal_reasons.strip() or not provisions):
        raise ApplicationError(
            _(
                "Un refus, même partiel, doit être motivé et indiquer les dispositions de la loi "
                "sur lesquelles il s'appuie."
            )
        )
    with transaction.atomic():
        locked, _event = workflow.apply_transition(
            access_request,
            "decide",
            acting_user=acting_user,
            event={"by": acting_user},
            decision=decision,
            decision_text=answer,
            refusal_reasons=refusal_reasons if decision in DECISIONS_NEEDING_REASONS else "",
            decided_on=today,
            decided_by=acting_user,
        )
        locked.provisions.set(provisions if decision in DECISIONS_NEEDING_REASONS else [])
        _letter(locked, LetterKind.DECISION, today, signer=acting_user)
    return locked


def access_request_withdraw(*, access_request: AccessRequest, acting_user: User) -> AccessRequest:
    _require_handler(acting_user)
    locked, _event = workflow.apply_transition(
        access_request, "withdraw", acting_user=acting_user, event={"by": acting_user}
    )
    return locked


def access_letter_mark_printed(*, letter: AccessLetter, acting_user: User) -> None:
    _require_handler(acting_user)
    AccessLetter.objects.filter(pk=letter.pk, printed_at__isnull=True).update(printed_at=timezone.now())


WARNINGS_SENT = ("day15", "last_day")  # « overdue » is on the responsable's list, not in an e-mail


def access_deadline_warnings(*, today: dt.date | None = None) -> int:
    """Warn the responsable on day 15 and on the last day (art. 52: silence past it is a refusal).

    Run daily; each warning has its own dedupe key, so a second run the same day sends nothing.
    """
    today = today or timezone.localdate()
    sent = 0
    for access_request in AccessRequest.objects.open().order_by("received_on"):
        warning = legal_clocks.access_warning(
            access_request.received_on, today, extended=access_request.extended_on is not None
        )
        if warning not in WARNINGS_SENT:
            continue
        deadline = access_request.deadline.isoformat()
        number = access_request.number
        with transaction.atomic():
            notify_handlers(
                dedupe_key=f"access:{access_request.pk}:warning:{warning}:{deadline}",
                url_name="access:staff_detail",
                number=number,
                template="access_warning",
                context={"warning": warning, "date": deadline},
            )
        sent += 1
    return sent
