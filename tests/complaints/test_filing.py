import datetime as dt
import hashlib
import html
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from complaints import services
from complaints.enums import ComplaintStatus, SignatureMethod
from complaints.models import Complaint, SignedStatement
from core.dates import in_words
from core.errors import ApplicationError

from ..http_helpers import read_and_close
from .conftest import complaint_data, data_url, drawn_signature_png, file_complaint

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def form_post(**overrides):
    data = complaint_data()
    data["service"] = data["service"].pk
    data["facts_date"] = data["facts_date"].isoformat()
    data.update(
        {
            "signature_method": "dessinee",
            "signature_data": data_url(drawn_signature_png()),
            "attestation": "on",
            "safety_risk": "",
        }
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def test_signed_complaint_is_frozen_in_a_pdf_with_its_fingerprint(
    client, investigator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:create"), form_post(), follow=True)
    complaint = Complaint.objects.get()
    statement = SignedStatement.objects.get(complaint=complaint)
    assert complaint.status == ComplaintStatus.RECEIVED and complaint.number.startswith("P-")
    assert "Votre plainte est déposée" in html.unescape(response.content.decode())

    with statement.pdf.open("rb") as handle:
        content = handle.read()
    assert hashlib.sha256(content).hexdigest() == statement.pdf_sha256
    text = pdf_text(content)
    assert "Le chauffeur m'a insultée" in text.replace("\n", " ") or "insultée" in text
    assert statement.content_sha256 in text.replace("\n", "")
    assert statement.method == SignatureMethod.DRAWN and statement.signature_image
    signed = timezone.localtime(statement.signed_at)
    words = " ".join(text.split())
    assert f"Signée le {in_words(signed)} à {signed.hour} h {signed.minute:02d} (heure du Québec)" in words
    assert in_words(complaint.facts_date) in words, "dates in words, not 2026-11-27"

    to_complainant = [m for m in mail.outbox if m.to == ["lucie@example.ca"]]
    assert len(to_complainant) == 1
    assert {name for name, _c, _t in to_complainant[0].attachments} == {f"plainte-{complaint.number}.pdf"}


def test_investigators_are_told_a_number_never_the_content(investigator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = file_complaint()
    (notice,) = [m for m in mail.outbox if m.to == [investigator.email]]
    assert complaint.number in notice.subject
    for secret in ("Lucie", "insultée", "chauffeur", "450 224-0000"):
        assert secret not in notice.body and secret not in notice.alternatives[0][0]
    assert not notice.attachments


def test_facts_older_than_15_days_are_explained_not_just_refused(client):
    old = (timezone.localdate() - dt.timedelta(days=16)).isoformat()
    response = client.post(reverse("complaints:create"), form_post(facts_date=old))
    text = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "dans les 15 jours suivant les faits" in text and "sécurité des biens ou des personnes" in text
    assert "faites plutôt une requête" in text and f'href="{reverse("requests:create")}"' in text
    assert "Le chauffeur m'a insultée" in text, "what the citizen typed is kept"
    assert "data:image/png;base64," in text, "the drawn signature is kept"
    assert not Complaint.objects.exists()


def test_old_facts_endangering_safety_are_offered_a_request_not_received_as_a_complaint(client):
    # Policy 4.1's safety exception waives the written, signed form; 4.4's 15 days still hold.
    old = (timezone.localdate() - dt.timedelta(days=40)).isoformat()
    response = client.post(reverse("complaints:create"), form_post(facts_date=old, safety_risk="on"))
    text = html.unescape(response.content.decode())
    assert response.status_code == 400 and not Complaint.objects.exists()
    assert "Plus de 15 jours après les faits : faites plutôt une requête." in text


def test_the_form_says_what_policy_4_5_says_of_confidentiality(client):
    text = html.unescape(client.get(reverse("complaints:create")).content.decode())
    assert "jamais communiqué" not in text
    assert "sauf dans la mesure nécessaire pour faire enquête ou prendre des mesures disciplinaires" in text


def test_day_15_is_still_receivable():
    complaint = file_complaint(facts_date=timezone.localdate() - dt.timedelta(days=15))
    assert complaint.status == ComplaintStatus.RECEIVED


def test_no_anonymous_complaint(client):
    response = client.post(reverse("complaints:create"), form_post(complainant_name="", complainant_email=""))
    assert response.status_code == 400 and not Complaint.objects.exists()


def test_keyboard_users_sign_by_typing_their_name(client):
    client.post(
        reverse("complaints:create"),
        form_post(signature_method="dactylographiee", signature_data="", signature_typed="Lucie Beaulieu"),
    )
    statement = SignedStatement.objects.get()
    assert statement.method == SignatureMethod.TYPED and not statement.signature_image
    with statement.pdf.open("rb") as handle:
        assert "Lucie Beaulieu" in pdf_text(handle.read())


def test_an_empty_or_forged_drawing_is_refused(client):
    response = client.post(reverse("complaints:create"), form_post(signature_data="data:image/png;base64,AAAA"))
    assert "n'a pas pu être lue" in html.unescape(response.content.decode())
    assert not Complaint.objects.exists()


def test_attestation_is_required(client):
    data = form_post()
    del data["attestation"]
    assert client.post(reverse("complaints:create"), data).status_code == 400


def test_private_dispute_guidance_is_on_the_form(client):
    text = html.unescape(client.get(reverse("complaints:create")).content.decode())
    assert "litige privé entre citoyens n'est pas traité par la Ville" in text
    assert "petites créances" in text


def test_complainant_follows_the_outcome_and_gets_the_pdf_back(client):
    complaint = file_complaint()
    statement = complaint.statements.get()
    page = html.unescape(
        client.get(reverse("complaints:track", kwargs={"token": complaint.tracking_token})).content.decode()
    )
    assert "Reçue" in page and statement.content_sha256 in page
    assert (
        reverse("complaints:signature", kwargs={"token": complaint.tracking_token, "statement_id": statement.pk})
        in page
    )
    pdf = client.get(
        reverse("complaints:pdf", kwargs={"token": complaint.tracking_token, "statement_id": statement.pk})
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert read_and_close(pdf).startswith(b"%PDF")
    logged = list(complaint.access_log.filter(user=None).values_list("action", flat=True))
    assert logged.count("view") == 1 and logged.count("download") == 1, "the complainant's reads are logged too"


def test_a_signed_statement_cannot_be_signed_again():
    complaint = file_complaint()
    with pytest.raises(ApplicationError, match="déjà signée"):
        services.complaint_sign(
            complaint=complaint, signature=services.Signature(SignatureMethod.TYPED, "Quelqu'un d'autre")
        )
    assert complaint.statements.count() == 1


def test_attached_photos_are_kept_across_an_error_and_signed_with_the_complaint(client):
    from ..requests_app.test_submission import jpeg_with_gps

    response = client.post(reverse("complaints:create"), {**form_post(attestation=""), "photos": [jpeg_with_gps()]})
    assert response.status_code == 400
    assert "Une photo est déjà jointe" in html.unescape(response.content.decode())
    token = response.context["form"].data["staged_photos"]

    client.post(reverse("complaints:create"), form_post(staged_photos=token))
    complaint = Complaint.objects.get()
    (evidence,) = complaint.evidence.all()
    with evidence.file.open("rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    with complaint.statements.get().pdf.open("rb") as handle:
        assert digest in re.sub(r"\s", "", pdf_text(handle.read()))


def test_an_unsigned_complaint_says_how_to_sign_and_keeps_what_was_typed(client):
    response = client.post(reverse("complaints:create"), form_post(signature_data=""))
    page = html.unescape(response.content.decode())
    assert "Vous n'avez pas encore signé : tracez votre signature dans le cadre" in page
    assert "le chauffeur de la déneigeuse" in page and not Complaint.objects.exists()
