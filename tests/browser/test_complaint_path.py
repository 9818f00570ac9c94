"""A citizen on a phone files a complaint, draws the signature with a finger, and gets the signed PDF."""

import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from complaints.models import Complaint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_complaint_with_a_drawn_signature_and_its_pdf(live_server, phone, shoot, settings, tmp_path):
    settings.PORTAL_BASE_URL = live_server.url
    phone.goto(f"{live_server.url}/plainte/nouvelle/")
    phone.fill("#id_complainant_name", "Lucie Beaulieu")
    phone.fill("#id_complainant_address", "45, rue des Érables, Prévost")
    phone.fill("#id_complainant_phone", "450 224-0000")
    phone.fill("#id_complainant_email", "lucie@example.ca")
    phone.fill("#id_facts_date", timezone.localdate().isoformat())
    phone.select_option("#id_service", label="Travaux publics")
    phone.fill("#id_facts", "Le chauffeur de la déneigeuse m'a insultée devant mes enfants.")

    # Draw with a finger-like pointer across the signature area.
    canvas = phone.locator("#signature-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    phone.mouse.move(box["x"] + 20, box["y"] + 110)
    phone.mouse.down()
    for x, y in [(60, 30), (110, 120), (170, 40), (230, 100), (300, 50)]:
        phone.mouse.move(box["x"] + x, box["y"] + y, steps=6)
    phone.mouse.up()
    assert phone.input_value("#id_signature_data").startswith("data:image/png;base64,")
    phone.check("#id_attestation")
    shoot(phone, "10-complaint-signed-phone")
    phone.click("text=Signer et déposer ma plainte")
    phone.wait_for_selector("text=Votre plainte est déposée")
    shoot(phone, "11-complaint-received-phone")

    complaint = Complaint.objects.get()
    statement = complaint.statements.get()
    image = phone.locator("img.signature-image")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")

    with phone.expect_download() as download:
        phone.click("text=Télécharger le formulaire signé (PDF)")
    path = tmp_path / "plainte.pdf"
    download.value.save_as(path)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "insultée devant mes enfants" in text
    assert statement.content_sha256 in re.sub(r"\s", "", text)
    assert complaint.number in text
