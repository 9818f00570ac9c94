"""The service's responsable (Annexe A): on hold, scheduled, interventions, completion (code 238);
and the Technicien's call-backs."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ApplicationError
from requests_app.enums import (
    CallbackOutcome,
    ContactPreference,
    EventKind,
)
from requests_app.models import (
    CallbackAttempt,
    Intervention,
    InterventionCode,
    ServiceRequest,
)
from requests_app.services.workflow import _is_service_responsable, _transition, history_note

# --- the service's responsable -------------------------------------------------------------


@transaction.atomic
def request_put_on_hold(*, service_request: ServiceRequest, acting_user: User, reason: str) -> ServiceRequest:
    if not reason.strip():
        raise ApplicationError(_("Indiquez pourquoi la demande est en attente."))
    service_request, _event = _transition(
        service_request=service_request,
        action="put_on_hold",
        acting_user=acting_user,
        event_kind=EventKind.ON_HOLD,
        note=reason,
        status_reason=reason,
    )
    return service_request


@transaction.atomic
def request_schedule(
    *, service_request: ServiceRequest, acting_user: User, planned_date: dt.date, note: str = ""
) -> ServiceRequest:
    if planned_date < timezone.localdate():
        raise ApplicationError(_("La date de l'action à venir ne peut pas être passée."))
    service_request, _event = _transition(
        service_request=service_request,
        action="schedule",
        acting_user=acting_user,
        event_kind=EventKind.SCHEDULED,
        note=note,
        planned_date=planned_date,
        status_reason="",
    )
    return service_request


@transaction.atomic
def intervention_record(
    *, service_request: ServiceRequest, acting_user: User, code: InterventionCode, **fields: Any
) -> Intervention:
    """An intervention that does not change the status (inspection, work order…)."""
    if not _is_service_responsable(service_request, acting_user):
        raise ApplicationError(_("Seul le responsable du service inscrit des interventions sur cette demande."))
    if code.completes_request:
        raise ApplicationError(_("Le code 238 se saisit avec « Compléter la demande »."))
    intervention = Intervention(request=service_request, code=code, author=acting_user, **fields)
    intervention.full_clean()
    intervention.save()
    history_note(service_request=service_request, kind=EventKind.INTERVENTION, note=str(code), acting_user=acting_user)
    return intervention


@transaction.atomic
def request_complete(
    *,
    service_request: ServiceRequest,
    acting_user: User,
    done_date: dt.date,
    extension: str,
    planned_date: dt.date | None = None,
    internal_note: str = "",
    public_note: str = "",
) -> ServiceRequest:
    """Annexe A: code 238 « Demande complétée », dates, the employee's extension, two notes."""
    if not extension.strip():
        raise ApplicationError(_("Indiquez votre numéro de poste (Annexe A, point 3)."))
    if done_date > timezone.localdate():
        raise ApplicationError(_("La date effectuée ne peut pas être dans le futur."))
    service_request, _event = _transition(
        service_request=service_request,
        action="complete",
        acting_user=acting_user,
        event_kind=EventKind.COMPLETED,
        completed_on=done_date,
        status_reason="",
    )
    Intervention.objects.create(
        request=service_request,
        code=InterventionCode.objects.get(code=InterventionCode.COMPLETED),
        planned_date=planned_date,
        done_date=done_date,
        extension=extension.strip(),
        internal_note=internal_note,
        public_note=public_note,
        author=acting_user,
    )
    return service_request


@transaction.atomic
def request_mark_reclassified(*, service_request: ServiceRequest, acting_user: User, reference: str) -> ServiceRequest:
    """The requête became a plainte (policy 4.4): its facts leave this record, which every responsable
    of the service could read, for the confidential complaint file named by `reference`."""
    service_request, _event = _transition(
        service_request=service_request,
        action="reclassify",
        acting_user=acting_user,
        event_kind=EventKind.RECLASSIFIED,
        note=_("Reclassée en plainte %(reference)s; l'exposé des faits est transféré au dossier confidentiel.")
        % {"reference": reference},
        description=_("Contenu transféré au dossier de plainte %(reference)s.") % {"reference": reference},
        closed_at=timezone.now(),
    )
    return service_request


@transaction.atomic
def callback_record(
    *, service_request: ServiceRequest, acting_user: User, outcome: str, note: str = ""
) -> CallbackAttempt:
    """One call to a citizen who asked to be called back; the request's history says so too.
    Once reached, the citizen leaves the call-back list."""
    if service_request.contact_preference != ContactPreference.CALLBACK:
        raise ApplicationError(_("Ce citoyen n'a pas demandé à être rappelé."))
    if not service_request.requester_phone:
        raise ApplicationError(_("Aucun numéro de téléphone n'est inscrit à cette demande."))
    attempt = CallbackAttempt.objects.create(request=service_request, outcome=outcome, note=note, made_by=acting_user)
    history_note(
        service_request=service_request,
        kind=EventKind.CALLBACK,
        note=" — ".join(filter(None, [str(CallbackOutcome(outcome).label), note])),
        acting_user=acting_user,
    )
    return attempt
