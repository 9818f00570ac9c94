"""Annexe C through the portal: the director starts it, the employee signs, the director signs, the PDF downloads."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from accounts.enums import Role

from ..factories import UserFactory, service
from .login import staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    staff_login(page, base, username)
    page.wait_for_url("**/personnel/**")


def test_designation_signed_by_employee_then_director(live_server, desktop, shoot, tmp_path):
    base = live_server.url
    director = UserFactory(
        username="dir-env", first_name="Claire", last_name="Directrice", roles=[Role.DIRECTEUR_SERVICE]
    )
    employee = UserFactory(username="annie", first_name="Annie", last_name="Secrétaire", roles=[Role.RESPONSABLE])
    env = service("environnement")
    env.director = director
    env.save()

    boss = desktop()
    login(boss, base, "dir-env")
    boss.goto(f"{base}/personnel/designations/nouvelle/")
    boss.select_option("#id_service", label="Environnement")
    # Named with her role (and her services, once she has some), so two namesakes cannot be confused.
    boss.select_option("#id_reception_responsable", label="Annie Secrétaire — Responsable de la réception des requêtes")
    boss.fill("#id_position_email", "environnement@ville.test")
    boss.fill("#id_extension", "245")
    shoot(boss, "12-designation-form")
    boss.click("text=Préparer et envoyer pour signature")
    boss.wait_for_selector("text=Désignation préparée")
    detail_url = boss.url

    clerk = desktop()
    login(clerk, base, "annie")
    clerk.goto(detail_url)
    canvas = clerk.locator("#signature-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    clerk.mouse.move(box["x"] + 20, box["y"] + 100)
    clerk.mouse.down()
    for x, y in [(80, 30), (140, 110), (220, 40)]:
        clerk.mouse.move(box["x"] + x, box["y"] + y, steps=5)
    clerk.mouse.up()
    clerk.check("#id_attestation")
    clerk.click("text=Signer la désignation")
    clerk.wait_for_selector("text=Signature enregistrée.")
    assert service("environnement").responsable is None, "not in force with one signature"

    boss.goto(detail_url)
    boss.check("#id_signature_method_1")  # « Je tape mon nom », the keyboard way
    boss.fill("#id_signature_typed", "Claire Directrice")
    boss.check("#id_attestation")
    boss.click("text=Signer la désignation")
    boss.wait_for_selector("text=Télécharger l'Annexe C signée (PDF)")
    shoot(boss, "13-designation-in-force")
    assert service("environnement").responsable == employee

    with boss.expect_download() as download:
        boss.click("text=Télécharger l'Annexe C signée (PDF)")
    path = tmp_path / "annexe-c.pdf"
    download.value.save_as(path)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)
    for expected in (
        "Environnement",
        "Claire Directrice",
        "Annie Secrétaire",
        "environnement@ville.test",
        "245",
        timezone.localdate().strftime("%d/%m/%Y"),
    ):
        assert expected in text
