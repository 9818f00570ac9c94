import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import ApplicationError
from requests_app import services
from requests_app.enums import EventKind, RequestKind, Status
from requests_app.models import Intervention, RequestEvent

from ..factories import request_type, submit_request

pytestmark = pytest.mark.django_db


def assigned(technicien, **kwargs):
    return services.request_assign(service_request=submit_request(**kwargs), acting_user=technicien)


def test_assign_routes_to_the_service_responsable_and_tells_them(
    technicien, responsable_tp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = assigned(technicien)
    assert request.status == Status.ASSIGNED and request.responsable == responsable_tp
    event = RequestEvent.objects.get(request=request, kind=EventKind.ASSIGNED)
    assert (event.from_status, event.to_status, event.actor) == (Status.RECEIVED, Status.ASSIGNED, technicien)
    notice = next(m for m in mail.outbox if m.to == [responsable_tp.email])
    assert request.number in notice.subject
    assert f"/personnel/demandes/{request.number}/" in notice.body


def test_assign_without_a_designated_responsable_stays_in_the_technicien_queue(technicien):
    request = submit_request()
    with pytest.raises(ApplicationError, match="n'a pas de responsable désigné"):
        services.request_assign(service_request=request, acting_user=technicien)
    request.refresh_from_db()
    assert request.status == Status.RECEIVED


def test_only_the_technicien_assigns(responsable_tp):
    with pytest.raises(ApplicationError, match="pas le droit"):
        services.request_assign(service_request=submit_request(), acting_user=responsable_tp)


def test_responsable_completes_with_code_238(technicien, responsable_tp):
    request = assigned(technicien)
    today = timezone.localdate()
    request = services.request_complete(
        service_request=request,
        acting_user=responsable_tp,
        done_date=today,
        extension="227",
        internal_note="Asphalte froid posé.",
        public_note="Le trou a été réparé.",
    )
    assert request.status == Status.COMPLETED and request.completed_on == today
    intervention = Intervention.objects.get(request=request)
    assert intervention.code.code == 238
    assert (intervention.extension, intervention.author) == ("227", responsable_tp)


def test_completion_requires_the_extension(technicien, responsable_tp):
    request = assigned(technicien)
    with pytest.raises(ApplicationError, match="numéro de poste"):
        services.request_complete(
            service_request=request, acting_user=responsable_tp, done_date=timezone.localdate(), extension=" "
        )


def test_responsable_cannot_complete_other_service_request(technicien, responsable_tp, responsable_env):
    request = assigned(technicien)
    with pytest.raises(ApplicationError, match="pas le droit"):
        services.request_complete(
            service_request=request, acting_user=responsable_env, done_date=timezone.localdate(), extension="300"
        )


def test_cannot_complete_a_request_not_yet_assigned(responsable_tp):
    with pytest.raises(ApplicationError, match="n'est pas possible à ce stade"):
        services.request_complete(
            service_request=submit_request(),
            acting_user=responsable_tp,
            done_date=timezone.localdate(),
            extension="227",
        )


def test_on_hold_then_scheduled_then_completed(technicien, responsable_tp):
    request = assigned(technicien)
    request = services.request_put_on_hold(
        service_request=request, acting_user=responsable_tp, reason="Dégel printanier"
    )
    assert (request.status, request.status_reason) == (Status.ON_HOLD, "Dégel printanier")
    planned = timezone.localdate() + dt.timedelta(days=5)
    request = services.request_schedule(service_request=request, acting_user=responsable_tp, planned_date=planned)
    assert (request.status, request.planned_date, request.status_reason) == (Status.SCHEDULED, planned, "")
    kinds = list(RequestEvent.objects.filter(request=request).values_list("kind", flat=True))
    assert kinds == [EventKind.SUBMITTED, EventKind.ASSIGNED, EventKind.ON_HOLD, EventKind.SCHEDULED]


def test_close_tells_the_citizen_with_the_public_note_only(
    technicien, responsable_tp, django_capture_on_commit_callbacks
):
    request = assigned(technicien)
    services.request_complete(
        service_request=request,
        acting_user=responsable_tp,
        done_date=timezone.localdate(),
        extension="227",
        internal_note="Employé Roger a oublié le cône.",
        public_note="Le trou a été réparé le matin même.",
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_close(service_request=request, acting_user=technicien)
    assert request.status == Status.CLOSED and request.closed_at is not None
    (closure,) = mail.outbox
    assert closure.to == ["marie@example.ca"]
    assert "Le trou a été réparé le matin même." in closure.body
    assert "Roger" not in closure.body and "Roger" not in closure.alternatives[0][0]


def test_only_completed_requests_close(technicien):
    with pytest.raises(ApplicationError):
        services.request_close(service_request=submit_request(), acting_user=technicien)


def test_reject_with_reason_tells_the_citizen(technicien, django_capture_on_commit_callbacks):
    request = submit_request()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_reject(
            service_request=request,
            acting_user=technicien,
            reason="litige_prive",
            public_note="Adressez-vous à la Cour des petites créances.",
        )
    assert request.status == Status.REJECTED
    assert "litige privé" in mail.outbox[0].body
    assert "Cour des petites créances" in mail.outbox[0].body


def test_information_is_answered_at_first_contact(technicien):
    request = submit_request(kind=RequestKind.INFORMATION, type_code="taxation-question")
    request = services.request_answer(
        service_request=request, acting_user=technicien, answer="L'échéance est le 30 juin."
    )
    assert request.status == Status.CLOSED


def test_information_cannot_be_assigned(technicien, responsable_tp):
    request = submit_request(kind=RequestKind.INFORMATION)
    with pytest.raises(ApplicationError, match="premier contact"):
        services.request_assign(service_request=request, acting_user=technicien)


def test_reclassifying_to_another_service_returns_to_the_queue(technicien, responsable_tp):
    request = assigned(technicien)
    request = services.request_classify(
        service_request=request,
        acting_user=technicien,
        kind=RequestKind.REQUEST,
        request_type=request_type("collecte-manquee"),
    )
    assert request.status == Status.RECEIVED and request.responsable is None
    assert request.service.code == "environnement"
    event = RequestEvent.objects.get(request=request, kind=EventKind.CLASSIFIED)
    assert "Nid-de-poule" in event.note and "Collecte manquée" in event.note


def test_a_request_joined_to_nothing_is_refused_by_the_model_check():
    # ServiceRequest skips its check constraint only where a field it reads is left out (issue 20).
    from django.core.exceptions import ValidationError

    request = submit_request()
    request.status = Status.MERGED
    with pytest.raises(ValidationError, match="request_merged_has_main"):
        request.full_clean()
    request.full_clean(exclude=["duplicate_of"])  # what a form without the main request checks
