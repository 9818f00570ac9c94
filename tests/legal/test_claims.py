"""Réclamations (issue 9): filing, the frozen acknowledgement and its clocks, who reads what, the steps."""

import datetime as dt
import html
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from freezegun import freeze_time
from PIL import Image

from core.errors import ApplicationError
from legal.enums import ClaimCause, ClaimStatus, DamageKind
from legal.models import Claim, ClaimConsultation
from legal.services import claims as services
from outbox.models import OutboundEmail
from requests_app.models import ClosureDay
from tests.legal.legal_helpers import pdf_text

from ..factories import UserFactory, service
from ..http_helpers import read_and_close
from ..pdf_helpers import tiny_pdf

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _monday_23_november():
    with freeze_time("2026-11-23 15:00:00"):
        yield


def jpeg(name="dommage.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf_invoice(name="facture.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf("facture du garage"), content_type="application/pdf")


def claim_data(**overrides):
    data = {
        "damage_kind": DamageKind.PROPERTY,
        "cause_kind": ClaimCause.SEWER_BACKUP,
        "event_date": "2026-11-16",
        "event_time": "06:30",
        "event_place": "1050, rue Principale, sous-sol",
        "cause": "Refoulement de l'égout municipal pendant l'orage.",
        "damage_description": "Tapis et meubles du sous-sol détrempés.",
        "amount_claimed": "3250.00",
        "claimant_name": "Marie Tremblay",
        "claimant_address": "1050, rue Principale, Prévost",
        "claimant_phone": "450 555-0101",
        "claimant_email": "marie@example.test",
        "insurer_name": "",
        "insurer_policy": "",
    }
    data.update(overrides)
    return data


MONDAY = D(2026, 11, 23)


def file_claim(*, today=MONDAY, **overrides) -> Claim:
    data = claim_data(**overrides)
    data["event_date"] = D.fromisoformat(data["event_date"])
    data["event_time"] = None
    data["amount_claimed"] = Decimal(data["amount_claimed"]) if data["amount_claimed"] else None
    return services.claim_submit(data={**data, "language": "fr-ca"}, today=today)


def test_citizen_files_a_claim_with_a_photo_and_an_invoice_and_gets_the_avis(client, greffier):
    response = client.post(reverse("claims:create"), {**claim_data(), "photos": [jpeg()], "invoices": [pdf_invoice()]})
    claim = Claim.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("claims:track", args=[claim.tracking_token])
    assert claim.number == "RC-2026-0001" and claim.status == ClaimStatus.RECEIVED
    assert sorted(claim.documents.values_list("kind", "content_type")) == [
        ("facture", "application/pdf"),
        ("photo", "image/jpeg"),
    ]
    # Event on Monday 16 November: day 15 is Tuesday 1 December (LCV art. 585); 6 months to sue end on
    # Sunday 16 May 2027, so on Monday the 17th (LCV art. 586, C.c.Q. art. 2879).
    assert claim.notice_deadline == D(2026, 12, 1) and not claim.notice_is_late
    assert claim.prescription_date == D(2027, 5, 17)
    text = " ".join(pdf_text(claim.acknowledgement_pdf).split())
    assert "Avis de réclamation RC-2026-0001" in text
    assert "Reçu le 23 novembre 2026, dans le délai (échéance du 1er décembre 2026)" in text and "art. 585" in text
    assert "au plus tard" not in text  # received: no longer due
    assert "17 mai 2027" in text and "non le délai de réponse de la Ville" in text
    assert "Marie Tremblay" in text and "Refoulement de l'égout" in text
    page = client.get(response["Location"])
    assert "Votre réclamation est reçue" in page.content.decode()
    download = client.get(reverse("claims:acknowledgement", args=[claim.tracking_token]))
    assert download["Content-Type"] == "application/pdf"
    assert read_and_close(download).startswith(b"%PDF-")


def test_the_claimant_and_the_greffe_are_told_but_the_e_mail_body_holds_no_detail(greffier, directeur_general):
    claim = file_claim()
    to_claimant = OutboundEmail.objects.get(to="marie@example.test")
    assert claim.number in to_claimant.subject
    assert to_claimant.attachments.get().filename == f"avis-reclamation-{claim.number}.pdf"
    assert "Tapis" not in to_claimant.body_text and "Marie" not in to_claimant.body_text
    handlers = set(OutboundEmail.objects.exclude(to="marie@example.test").values_list("to", flat=True))
    assert handlers == {greffier.email, directeur_general.email}


def test_a_late_notice_is_received_and_flagged_never_refused(greffier):
    claim = file_claim(event_date="2026-10-01", today=D(2026, 11, 23))
    assert claim.pk and claim.notice_is_late and claim.notice_deadline == D(2026, 10, 16)
    assert "AVIS EN RETARD" in OutboundEmail.objects.get(to=greffier.email).subject
    assert "Reçu le 23 novembre 2026, après l'échéance du 16 octobre 2026" in " ".join(
        pdf_text(claim.acknowledgement_pdf).split()
    )


def test_a_municipal_closure_on_day_15_moves_nothing():
    # The notice can be sent online that day: only a jour férié moves it (I-16 art. 52).
    ClosureDay.objects.create(date=D(2026, 12, 1), label="Inventaire")
    claim = file_claim(event_date="2026-11-16")
    assert claim.notice_deadline == D(2026, 12, 1)


def test_bodily_injury_has_no_notice_and_three_years():
    claim = file_claim(damage_kind=DamageKind.BODILY, cause_kind=ClaimCause.OTHER, event_date="2026-11-20")
    assert claim.notice_deadline is None and claim.prescription_date == D(2029, 11, 20)
    text = " ".join(pdf_text(claim.acknowledgement_pdf).split())
    assert "ne peut vous priver de votre recours" in text and "art. 2930" in text and "après l'échéance" not in text


def test_snow_removal_claims_are_accepted_until_the_spring_date(settings):
    settings.SNOW_REMOVAL_CLAIMS_UNTIL = "05-15"
    claim = file_claim(cause_kind=ClaimCause.SNOW_REMOVAL, event_date="2026-01-10", today=D(2026, 5, 1))
    assert claim.notice_deadline == D(2026, 5, 15) and not claim.notice_is_late


def test_road_surface_notice_is_on_the_form_and_in_the_avis(client):
    page = client.get(reverse("claims:create")).content.decode()
    assert "l'article 604.1 de la Loi sur les cités et villes limite la responsabilité" in page
    claim = file_claim(cause_kind=ClaimCause.ROAD_SURFACE)
    assert "l'article 604.1" in pdf_text(claim.acknowledgement_pdf)


def test_the_form_shows_the_dates_as_computed_for_the_acknowledgement(client):
    data = client.get(
        reverse("claims:clocks"), {"date": "2026-11-16", "damage_kind": "biens", "cause_kind": "autre"}
    ).json()
    assert data["notice_deadline"] == "2026-12-01" and data["prescription"] == "2027-05-17"
    assert client.get(reverse("claims:clocks"), {"date": "2026-13-45"}).status_code == 400


@pytest.mark.parametrize(
    "event_date, damage_kind, cause_kind, filed_on",
    [
        ("2026-11-06", DamageKind.PROPERTY, ClaimCause.OTHER, "2026-11-23"),  # day 15 a Saturday: late
        ("2027-03-14", DamageKind.PROPERTY, ClaimCause.OTHER, "2027-03-30"),  # day 15 Easter Monday: on time
        ("2026-11-01", DamageKind.PROPERTY, ClaimCause.SNOW_REMOVAL, "2026-11-20"),  # prescription first
        ("2026-06-01", DamageKind.PROPERTY, ClaimCause.SNOW_REMOVAL, "2026-06-10"),  # out of season
        ("2026-10-01", DamageKind.OTHER, ClaimCause.OTHER, "2026-11-20"),  # no statutory notice
        ("2026-01-20", DamageKind.BODILY, ClaimCause.OTHER, "2026-06-01"),
    ],
)
def test_the_form_the_avis_and_the_tracking_page_give_the_same_dates(
    client, event_date, damage_kind, cause_kind, filed_on
):
    with freeze_time(f"{filed_on} 15:00:00"):
        preview = client.get(
            reverse("claims:clocks"), {"date": event_date, "damage_kind": damage_kind, "cause_kind": cause_kind}
        ).json()
        claim = file_claim(
            event_date=event_date, damage_kind=damage_kind, cause_kind=cause_kind, today=D.fromisoformat(filed_on)
        )
        avis = " ".join(pdf_text(claim.acknowledgement_pdf).split())
        track = " ".join(
            html.unescape(client.get(reverse("claims:track", args=[claim.tracking_token])).content.decode()).split()
        )
    assert claim.notice_is_late == preview["notice_is_late"]
    assert str(claim.prescription_date) == preview["prescription"]
    assert (
        str(claim.notice_deadline) == str(preview["notice_deadline"])
        if claim.notice_deadline
        else preview["notice_deadline"] is None
    )
    for shown in (avis, track):
        assert preview["prescription_words"] in shown
        assert (preview["notice_deadline_words"] or "Reçu le") in shown
        assert ("après l'échéance" in shown) == preview["notice_is_late"]
        assert " ".join(preview["notice_basis"].split()) in shown


def test_errors_keep_what_was_typed_and_the_files_already_checked(client):
    response = client.post(
        reverse("claims:create"), {**claim_data(claimant_phone="", event_date="2027-01-01"), "photos": [jpeg()]}
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "La date de l'événement ne peut pas être dans le futur." in page
    assert "Tapis et meubles du sous-sol détrempés." in page
    assert "Un fichier est déjà joint" in page
    staged = response.context["form"].data["staged_documents"]
    client.post(reverse("claims:create"), {**claim_data(), "staged_documents": staged})
    assert Claim.objects.get().documents.get().kind == "photo"


def test_a_file_that_is_neither_pdf_nor_image_is_refused(client):
    fake = SimpleUploadedFile("facture.pdf", b"MZ\x90\x00 executable", content_type="application/pdf")
    response = client.post(reverse("claims:create"), {**claim_data(), "invoices": [fake]})
    assert response.status_code == 400 and not Claim.objects.exists()


def test_a_file_that_only_starts_like_a_pdf_is_refused(client):
    polyglot = SimpleUploadedFile(
        "facture.pdf", b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>", content_type="application/pdf"
    )
    response = client.post(reverse("claims:create"), {**claim_data(), "invoices": [polyglot]})
    assert response.status_code == 400 and not Claim.objects.exists()
    assert "« facture.pdf » n'est pas un document PDF lisible." in html.unescape(response.content.decode())
    assert "Tapis et meubles du sous-sol détrempés." in html.unescape(response.content.decode())


def test_documents_can_be_added_later_from_the_link(client):
    claim = file_claim()
    url = reverse("claims:track", args=[claim.tracking_token])
    response = client.post(url, {"estimates": [pdf_invoice("estimation.pdf")]})
    assert response.status_code == 302
    assert list(claim.documents.values_list("kind", flat=True)) == ["estimation"]


def test_only_the_greffe_and_the_dg_read_a_claim(client, technicien, greffier, directeur_general, responsable_tp):
    claim = file_claim()
    detail = reverse("claims:staff_detail", args=[claim.number])
    for reader in (greffier, directeur_general):
        client.force_login(reader)
        assert "Marie Tremblay" in client.get(detail).content.decode()
    client.force_login(technicien)
    assert client.get(detail).status_code == 403
    listing = client.get(reverse("claims:staff_list")).content.decode()
    assert claim.number in listing and "Marie" not in listing and "1050" not in listing
    client.force_login(responsable_tp)
    assert client.get(detail).status_code == 403
    assert client.get(reverse("claims:staff_list")).status_code == 403
    assert client.get(reverse("claims:staff_pdf", args=[claim.number])).status_code == 403


def test_the_greffe_takes_the_claim_through_its_steps_and_the_claimant_reads_them(client, greffier):
    claim = file_claim()
    client.force_login(greffier)

    def url(action):
        return reverse("claims:staff_action", args=[claim.number, action])

    client.post(url("analyse"), {"analyse-note": ""})
    response = client.post(url("accepter"), {"accepter-amount_paid": ""})
    assert response.status_code == 400  # the amount is required
    client.post(url("assureur"), {"assureur-insurer_reference": "INT-2026-4411"})
    client.post(url("accepter"), {"accepter-amount_paid": "2800.00", "accepter-note": "Chèque posté le 2026-12-10."})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED and claim.amount_paid == Decimal("2800.00")
    assert claim.insurer_reference == "INT-2026-4411"
    steps = [e.to_status for e in claim.events.all() if e.to_status]
    assert steps == ["recue", "analyse", "assureur", "acceptee"]
    client.logout()
    page = html.unescape(client.get(reverse("claims:track", args=[claim.tracking_token])).content.decode())
    assert "Montant versé : 2800,00 $." in page and "Chèque posté le 2026-12-10." in page
    assert "Ajouter au dossier" not in page  # a closed file takes no more documents
    with pytest.raises(ApplicationError):
        services.claim_withdraw(claim=claim, acting_user=greffier)


def test_a_refusal_must_give_reasons(greffier):
    claim = services.claim_start_analysis(claim=file_claim(), acting_user=greffier)
    with pytest.raises(ApplicationError, match="motivé"):
        services.claim_refuse(claim=claim, acting_user=greffier, reasons=" ")
    claim = services.claim_refuse(claim=claim, acting_user=greffier, reasons="Aucune faute de la Ville.")
    assert claim.decision_reasons == "Aucune faute de la Ville."


def test_nobody_but_the_greffe_changes_a_claim(technicien):
    with pytest.raises(ApplicationError):
        services.claim_start_analysis(claim=file_claim(), acting_user=technicien)


def test_the_consulted_service_reads_the_facts_but_not_the_person(client, greffier, responsable_env):
    claim = file_claim()
    client.force_login(greffier)
    client.post(
        reverse("claims:staff_action", args=[claim.number, "consulter"]),
        {"consulter-service": service("environnement").pk, "consulter-question": "Avez-vous curé cet égout?"},
    )
    consultation = ClaimConsultation.objects.get()
    client.force_login(responsable_env)
    page = client.get(reverse("claims:consultation", args=[consultation.pk])).content.decode()
    assert "1050, rue Principale, sous-sol" in page and "Avez-vous curé cet égout?" in page
    assert "Marie" not in page and "3250" not in page and "450 555-0101" not in page
    client.post(reverse("claims:consultation", args=[consultation.pk]), {"findings": "Curé le 2026-11-02."})
    consultation.refresh_from_db()
    assert consultation.findings == "Curé le 2026-11-02." and consultation.answered_by == responsable_env
    other = UserFactory(username="autre")
    client.force_login(other)
    assert client.get(reverse("claims:consultation", args=[consultation.pk])).status_code == 404


def test_e_mails_leave_in_the_claimants_language(greffier, django_capture_on_commit_callbacks):
    data = claim_data()
    data.update(event_date=D(2026, 11, 16), event_time=None, amount_claimed=None, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_submit(data=data, today=D(2026, 11, 23))
    sent = [m for m in mail.outbox if m.to == ["marie@example.test"]]
    assert sent and sent[0].subject.startswith(f"Your claim {claim.number}")
    assert "Notice of claim" in pdf_text(claim.acknowledgement_pdf)


def test_the_elus_read_counts_of_claims_never_a_claimant(client, elu):
    from legal.selectors import legal_counts

    file_claim()
    file_claim(event_date="2026-10-01")  # late notice
    assert legal_counts(D(2026, 11, 1), D(2026, 11, 23)) == {
        "claims_received": 2,
        "claims_late_notice": 1,
        "access_received": 0,
        "access_decided": 0,
        "access_overdue": 0,
    }
    client.force_login(elu)
    page = html.unescape(client.get(reverse("staff:elus_report")).content.decode())
    assert "Réclamations reçues" in page and "Marie" not in page and "1050" not in page


def test_the_tracking_page_keeps_the_dates_the_avis_gave_when_the_settings_change_later(client, settings):
    claim = file_claim(cause_kind=ClaimCause.SNOW_REMOVAL, event_date="2026-11-20")  # in the season: 15 May 2027
    assert claim.notice_deadline == D(2027, 5, 15)
    settings.SNOW_REMOVAL_CLAIMS_UNTIL = "04-30"
    page = " ".join(
        html.unescape(client.get(reverse("claims:track", args=[claim.tracking_token])).content.decode()).split()
    )
    assert "dans le délai (échéance du 15 mai 2027)" in page


HEADINGS = (
    "Les dates qui s'appliquent",
    "Votre déclaration",
    "Réclamant",
    "Pour vous joindre",
    "Nature du dommage",
    "Cause",
    "Lieu exact",
    "Description des dommages",
    "Montant réclamé",
    "Pièces jointes à la réception",
)


def test_the_avis_never_leaves_a_heading_alone_at_the_foot_of_a_page():
    """Whatever the length of what the claimant wrote, a heading goes to the next page with its text."""
    from pypdf import PdfReader

    alone = []
    for lines in range(50, 60, 2):  # lengths at which, without care, « Montant réclamé » or another heading ends a page
        claim = file_claim(cause="Refoulement.\n" * lines, damage_description="Tapis.\n" * lines)
        with claim.acknowledgement_pdf.open("rb") as handle:
            pages = PdfReader(io.BytesIO(handle.read())).pages
        for page in pages[:-1]:
            text = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
            last = [line for line in text if " / " not in line][-1]  # the page counter aside
            if last in HEADINGS:
                alone.append((lines, last))
    assert alone == []
