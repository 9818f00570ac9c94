"""The whole path of a requête, as the people who use it click through it."""

import io
import re

import pytest
from django.core import mail
from PIL import Image

from requests_app.enums import Status
from requests_app.models import ServiceRequest

from .login import staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_NOTE = "Le nid-de-poule a été comblé le matin même. Merci de votre signalement!"
INTERNAL_NOTE = "Équipe de Roger, 20 minutes, asphalte froid."


def photo_file(tmp_path):
    path = tmp_path / "trou.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "gray").save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def login(page, base, username):
    staff_login(page, base, username)


def test_citizen_files_technicien_assigns_responsable_completes_technicien_closes(
    live_server, phone, desktop, shoot, tmp_path, technicien, responsable_tp, settings
):
    base = live_server.url
    settings.PORTAL_BASE_URL = base  # the e-mailed link must lead to this server

    # A citizen on a phone files a requête.
    phone.goto(f"{base}/")
    shoot(phone, "01-home-phone")
    phone.click("text=Faire une requête >> nth=0")
    phone.select_option("#id_service", label="Travaux publics")
    phone.select_option("#id_request_type", label="Nid-de-poule")
    phone.fill("#id_description", "Un nid-de-poule profond devant l'école, les vélos l'évitent de justesse.")
    phone.fill("#id_location_address", "1234, rue Principale")
    phone.set_input_files("#id_photos", str(photo_file(tmp_path)))
    phone.fill("#id_requester_name", "Marie Tremblay")
    phone.fill("#id_requester_address", "12, rue des Érables, Prévost")
    phone.fill("#id_requester_phone", "450 555-0101")
    phone.fill("#id_requester_email", "marie@example.ca")
    phone.check("input[name=contact_preference][value=courriel]")
    shoot(phone, "02-form-filled-phone")
    phone.click("text=Envoyer ma requête")
    phone.wait_for_selector("text=Merci, votre demande est reçue")
    number = phone.inner_text(".request-number")
    assert re.fullmatch(r"\d{4}-\d{6}", number)
    shoot(phone, "03-confirmation-phone")
    request = ServiceRequest.objects.get(number=number)
    assert request.photos.count() == 1
    tracking_link = re.search(r"http://\S+/suivi/\S+/", mail.outbox[0].body).group(0)

    # The Technicien assigns it from the admin.
    tech = desktop()
    login(tech, base, technicien.username)
    tech.goto(f"{base}/admin/requests_app/servicerequest/")
    shoot(tech, "04-admin-triage-list")
    tech.click(f"text={number}")
    shoot(tech, "05-admin-change-form")
    # The next step leads the page: the first button on it routes the request (no « Enregistrer » above).
    next_step = tech.locator("#next-step-title").bounding_box()
    classification = tech.locator("h2", has_text="Classification").bounding_box()
    assert next_step["y"] < classification["y"]
    assert tech.locator("#servicerequest_form [type=submit]:visible").first.get_attribute("value") == "assign"
    assert tech.locator("#id_assign-request_type").input_value() == str(request.request_type_id)
    tech.click("button[value=assign]")
    tech.wait_for_selector("text=Demande classée et assignée au responsable.")
    request.refresh_from_db()
    assert request.status == Status.ASSIGNED and request.responsable == responsable_tp

    # The responsable of Travaux publics completes it (Annexe A).
    resp = desktop()
    login(resp, base, responsable_tp.username)
    resp.goto(f"{base}/personnel/")
    shoot(resp, "06-responsable-list")
    resp.click(f"text={number}")
    resp.fill("#id_complete-extension", "227")
    resp.fill("#id_complete-internal_note", INTERNAL_NOTE)
    resp.fill("#id_complete-public_note", PUBLIC_NOTE)
    shoot(resp, "07-responsable-annexe-a")
    resp.click("text=Valider : demande complétée")
    resp.wait_for_selector("text=Demande complétée (code 238).")
    request.refresh_from_db()
    assert request.status == Status.COMPLETED

    # The Technicien closes it; the citizen is told.
    tech.goto(f"{base}/admin/requests_app/servicerequest/{request.pk}/change/")
    tech.click("button[value=close]")
    tech.wait_for_selector("text=Demande fermée; le demandeur est avisé.")
    assert any(PUBLIC_NOTE in m.body for m in mail.outbox if m.to == ["marie@example.ca"])

    # The citizen's page shows the public note, never the internal one.
    phone.goto(tracking_link)
    phone.wait_for_selector("text=Votre demande est réglée et fermée.")
    content = phone.content()
    assert PUBLIC_NOTE.replace("!", "") in content.replace("!", "")
    assert "Roger" not in content and "asphalte froid" not in content
    assert phone.locator(".photos img").count() == 1
    shoot(phone, "08-citizen-status-closed")


def test_error_keeps_everything_typed_on_a_phone(live_server, phone, shoot, tmp_path):
    phone.goto(f"{live_server.url}/requete/nouvelle/")
    phone.select_option("#id_service", label="Environnement")
    phone.select_option("#id_request_type", label="Collecte manquée")
    phone.fill("#id_description", "Bac bleu oublié lundi.")
    phone.fill("#id_location_address", "5, rue Shaw")
    phone.set_input_files("#id_photos", str(photo_file(tmp_path)))
    phone.fill("#id_requester_name", "Luc Roy")
    phone.click("text=Envoyer ma requête")
    phone.wait_for_selector(".error-summary")
    shoot(phone, "09-form-error-phone")
    assert phone.input_value("#id_description") == "Bac bleu oublié lundi."
    assert phone.input_value("#id_requester_name") == "Luc Roy"
    assert "Une photo est déjà jointe" in phone.content()
    assert phone.evaluate("document.activeElement.id") == "error-summary"

    phone.fill("#id_requester_email", "luc@example.ca")
    phone.click("text=Envoyer ma requête")
    phone.wait_for_selector("text=Merci, votre demande est reçue")
    assert ServiceRequest.objects.get().photos.count() == 1
