import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from accounts.enums import DisciplinaryMeasure
from accounts.models import DisciplinaryRecord
from complaints import services
from complaints.enums import ComplaintStatus, Finding, SignatureMethod
from core.errors import ApplicationError

from ..pdf_helpers import tiny_pdf
from .conftest import complaint_data, file_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def investigating(investigator, employee):
    complaint = file_complaint()
    services.complaint_start_investigation(complaint=complaint, acting_user=investigator)
    services.interview_add(
        complaint=complaint,
        acting_user=investigator,
        held_on=timezone.localdate(),
        people_met="Roger, chauffeur",
        account="Il reconnaît avoir haussé le ton.",
        employee_heard=True,
    )
    services.complaint_identify_employee(complaint=complaint, acting_user=investigator, employee=employee)
    return complaint


def test_unfounded_complaint_writes_nothing_to_the_employee_file(investigating, investigator, employee):
    services.complaint_conclude(
        complaint=investigating,
        acting_user=investigator,
        finding=Finding.UNFOUNDED,
        reasons="Aucun témoin ni élément de preuve.",
    )
    investigating.refresh_from_db()
    assert investigating.status == ComplaintStatus.CONCLUDED
    assert not DisciplinaryRecord.objects.filter(employee=employee).exists()


def test_founded_complaint_records_incident_and_measure(investigating, investigator, employee):
    services.complaint_conclude(
        complaint=investigating,
        acting_user=investigator,
        finding=Finding.FOUNDED,
        reasons="Reconnu par l'employé.",
        incident="Propos injurieux envers une citoyenne.",
        measure=DisciplinaryMeasure.WRITTEN_WARNING,
    )
    record = DisciplinaryRecord.objects.get(employee=employee)
    assert (record.measure, record.source_reference) == (DisciplinaryMeasure.WRITTEN_WARNING, investigating.number)
    assert record.incident == "Propos injurieux envers une citoyenne."


def test_founded_needs_the_employee_met_and_heard_and_records_when(investigator, employee):
    complaint = file_complaint()
    services.complaint_start_investigation(complaint=complaint, acting_user=investigator)
    services.complaint_identify_employee(complaint=complaint, acting_user=investigator, employee=employee)
    services.interview_add(
        complaint=complaint, acting_user=investigator, held_on=timezone.localdate(), people_met="Témoin", account="x"
    )
    founded = {
        "finding": Finding.FOUNDED,
        "reasons": "Reconnu.",
        "incident": "Propos injurieux.",
        "measure": DisciplinaryMeasure.VERBAL_WARNING,
    }
    with pytest.raises(ApplicationError, match="rencontré et écouté"):
        services.complaint_conclude(complaint=complaint, acting_user=investigator, **founded)
    assert not DisciplinaryRecord.objects.exists()
    met_on = timezone.localdate() - dt.timedelta(days=1)
    services.interview_add(
        complaint=complaint,
        acting_user=investigator,
        held_on=met_on,
        people_met="Roger, chauffeur",
        account="Sa version des faits.",
        employee_heard=True,
    )
    conclusion = services.complaint_conclude(complaint=complaint, acting_user=investigator, **founded)
    assert conclusion.employee_heard_on == met_on


def test_founded_needs_the_employee_and_the_measure(investigator):
    complaint = file_complaint()
    services.complaint_start_investigation(complaint=complaint, acting_user=investigator)
    with pytest.raises(ApplicationError, match="Identifiez l'employé"):
        services.complaint_conclude(
            complaint=complaint,
            acting_user=investigator,
            finding=Finding.FOUNDED,
            reasons="x",
            incident="y",
            measure=DisciplinaryMeasure.VERBAL_WARNING,
        )
    assert not DisciplinaryRecord.objects.exists()


def test_complainant_learns_the_outcome_without_any_disciplinary_detail(
    investigating, investigator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_conclude(
            complaint=investigating,
            acting_user=investigator,
            finding=Finding.FOUNDED,
            reasons="Reconnu.",
            incident="Propos injurieux.",
            measure=DisciplinaryMeasure.SUSPENSION,
            measure_detail="deux jours",
        )
    (message,) = [m for m in mail.outbox if m.to == ["lucie@example.ca"]]
    text = message.subject + message.body + message.alternatives[0][0]
    assert "terminée" in text
    for detail in ("suspension", "Suspension", "deux jours", "Roger", "injurieux", "fondée"):
        assert detail not in text


def test_only_the_directeur_sac_investigates(technicien, director_tp):
    complaint = file_complaint()
    for user in (technicien, director_tp):
        with pytest.raises(ApplicationError, match="pas le droit"):
            services.complaint_start_investigation(complaint=complaint, acting_user=user)


def test_verbal_complaint_waits_for_a_signature_then_is_received(technicien, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = services.complaint_record_verbal(data=complaint_data(), acting_user=technicien)
    assert complaint.status == ComplaintStatus.AWAITING_SIGNATURE
    (link,) = [m for m in mail.outbox if m.to == ["lucie@example.ca"]]
    assert f"/plainte/signer/{complaint.signing_token}/" in link.body
    services.complaint_sign(complaint=complaint, signature=services.Signature(SignatureMethod.TYPED, "Lucie Beaulieu"))
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_verbal_complaint_about_safety_is_processed_at_once(technicien):
    complaint = services.complaint_record_verbal(data=complaint_data(safety_risk=True), acting_user=technicien)
    assert complaint.status == ComplaintStatus.RECEIVED


def test_a_verbal_complaint_about_safety_after_15_days_is_not_received(technicien):
    # 4.1's safety exception waives the written and signed form, not 4.4's 15 days.
    late = complaint_data(safety_risk=True, facts_date=timezone.localdate() - dt.timedelta(days=16))
    with pytest.raises(ApplicationError, match="faites plutôt une requête"):
        services.complaint_record_verbal(data=late, acting_user=technicien)


def test_paper_signed_and_scanned_makes_it_received(technicien):
    complaint = services.complaint_record_verbal(data=complaint_data(), acting_user=technicien)
    statement = services.complaint_attach_paper(
        complaint=complaint, scanned_pdf=tiny_pdf("scan"), acting_user=technicien
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED and statement.method == SignatureMethod.PAPER
    with pytest.raises(ApplicationError, match="PDF"):
        services.complaint_attach_paper(complaint=complaint, scanned_pdf=b"GIF89a", acting_user=technicien)


def test_late_verbal_complaint_is_refused_with_the_reason(technicien):
    with pytest.raises(ApplicationError, match="15 jours"):
        services.complaint_record_verbal(
            data=complaint_data(facts_date=timezone.localdate() - dt.timedelta(days=20)), acting_user=technicien
        )
