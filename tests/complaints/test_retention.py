"""Loi 25: past its retention period a complaint keeps its figures and loses its people."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.urls import reverse
from freezegun import freeze_time

from complaints import services
from complaints.enums import ComplaintStatus, Finding
from complaints.models import Complaint
from complaints.retention import complaints_anonymize
from outbox.models import OutboundEmail
from reporting import dashboard
from requests_app.models import Service

from .conftest import complaint_data, file_complaint

pytestmark = pytest.mark.django_db
LONG_AGO = dt.datetime(2018, 3, 5, 10, tzinfo=dt.UTC)
CONCLUDED = dt.datetime(2019, 6, 10, 15, tzinfo=dt.UTC)


def concluded(investigator, when):
    with freeze_time(when):
        complaint = file_complaint(facts_date=when.date() - dt.timedelta(days=3))
        services.complaint_start_investigation(complaint=complaint, acting_user=investigator)
        services.interview_add(
            complaint=complaint,
            acting_user=investigator,
            held_on=when.date(),
            people_met="Roger Gagnon, chauffeur",
            account="Il reconnaît avoir haussé le ton.",
        )
        services.evidence_add(
            complaint=complaint, acting_user=investigator, description="photo", file=ContentFile(b"x", "p.jpg")
        )
        services.complaint_conclude(
            complaint=complaint, acting_user=investigator, finding=Finding.UNFOUNDED, reasons="Témoins: M. Roy."
        )
    return complaint


def test_old_complaints_lose_their_people_and_keep_their_figures(
    investigator, client, django_capture_on_commit_callbacks
):
    old = concluded(investigator, LONG_AGO)
    recent = concluded(investigator, LONG_AGO.replace(year=2026, month=10))
    statement = old.statements.get()
    pdf, signature = statement.pdf.name, statement.signature_image.name
    evidence_file = old.evidence.get().file.name
    storage = statement.pdf.storage
    assert storage.exists(pdf) and storage.exists(signature) and storage.exists(evidence_file)
    today = LONG_AGO.date() + dt.timedelta(days=20)
    before = [(t.key, t.rows) for t in dashboard.build(Service.objects.order_by("name_fr"), today=today)]

    with django_capture_on_commit_callbacks(execute=True):
        assert complaints_anonymize() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert complaints_anonymize() == 0

    old.refresh_from_db()
    assert old.anonymized_at and old.status == ComplaintStatus.CONCLUDED
    assert (old.complainant_name, old.complainant_email, old.complainant_phone, old.facts) == ("", "", "", "")
    assert old.conclusion.finding == Finding.UNFOUNDED and old.conclusion.reasons == ""
    assert not old.interviews.exists() and not old.evidence.exists()
    assert old.statements.get().signer_name == "" and not old.statements.get().pdf
    assert not any(storage.exists(name) for name in (pdf, signature, evidence_file))
    assert not OutboundEmail.objects.filter(dedupe_key__startswith=f"complaint:{old.pk}:").exists()
    assert [(t.key, t.rows) for t in dashboard.build(Service.objects.order_by("name_fr"), today=today)] == before

    recent.refresh_from_db()
    assert recent.complainant_name == "Lucie Beaulieu" and recent.anonymized_at is None

    # The complainant's old link still answers, with nothing left to download.
    page = client.get(reverse("complaints:track", kwargs={"token": old.tracking_token}))
    assert page.status_code == 200 and "Lucie" not in page.content.decode()
    pdf_url = reverse("complaints:pdf", kwargs={"token": old.tracking_token, "statement_id": old.statements.get().pk})
    assert client.get(pdf_url).status_code == 404


def test_a_complaint_under_investigation_is_kept_whatever_its_age(investigator):
    with freeze_time(LONG_AGO):
        complaint = services.complaint_submit(
            data=complaint_data(facts_date=LONG_AGO.date()),
            signature=services.Signature("dactylographiee", "Lucie Beaulieu"),
        )
        services.complaint_start_investigation(complaint=complaint, acting_user=investigator)
    assert complaints_anonymize() == 0
    assert Complaint.objects.get().complainant_name == "Lucie Beaulieu"


def test_a_complaint_keeps_its_people_until_its_retention_period_has_passed(investigator, settings):
    complaint = concluded(investigator, CONCLUDED)
    period_end = complaint.conclusion.concluded_at + relativedelta(years=settings.RETENTION_COMPLAINT_YEARS)
    assert complaints_anonymize(now=period_end - dt.timedelta(days=1)) == 0
    assert Complaint.objects.get(pk=complaint.pk).anonymized_at is None
    assert complaints_anonymize(now=period_end + dt.timedelta(days=1)) == 1
    assert Complaint.objects.get(pk=complaint.pk).anonymized_at is not None


def test_the_complaints_retention_is_scheduled_by_the_complaints_own_task(investigator, settings):
    from complaints.tasks import apply_complaint_retention
    from prevost_service.celery import app

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "complaints.tasks.apply_complaint_retention" in scheduled
    app.loader.import_default_modules()
    assert "complaints.tasks.apply_complaint_retention" in app.tasks
    complaint = concluded(investigator, CONCLUDED)
    assert apply_complaint_retention() == 1
    assert Complaint.objects.get(pk=complaint.pk).anonymized_at is not None
