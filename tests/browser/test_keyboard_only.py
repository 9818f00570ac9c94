"""A citizen who uses no mouse files a requête and a complaint (typed signature) with the keyboard alone.

Only Tab, arrows, Space, Enter and typed text reach the page: no click, no fill, no select_option.
A field the Tab key cannot reach, a control that keys do not operate, fails the test.
"""

import pytest
from django.utils import timezone

from complaints.models import Complaint
from requests_app.models import ServiceRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused(page, selector) -> bool:
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"the Tab key never reaches {selector}")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def choose(page, selector, label):
    """A select, operated with the arrow keys until the wanted option shows."""
    tab_to(page, selector)
    for _ in range(60):
        if (
            page.evaluate(
                "s => { const e = document.querySelector(s); return e.options[e.selectedIndex].text }", selector
            )
            == label
        ):
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{label} cannot be chosen in {selector} with the arrow keys")


def type_date(page, selector, day):
    """A date field takes digits part by part, in the order of the browser's own locale (which a
    page cannot choose): month and day move on by themselves, the year (up to six digits) with →."""
    tab_to(page, selector)
    parts = {"y": f"{day.year:04d}", "m": f"{day.month:02d}", "d": f"{day.day:02d}"}
    for order in ("ymd", "mdy", "dmy"):
        for _ in range(3):
            page.keyboard.press("ArrowLeft")
        for key in order:
            page.keyboard.type(parts[key])
            if key == "y":
                page.keyboard.press("ArrowRight")
        if page.input_value(selector) == day.isoformat():
            return
    raise AssertionError(f"{selector} cannot be filled from the keyboard")


def check_radio(page, name, value):
    tab_to(page, f"input[name={name}]")
    for _ in range(10):
        page.keyboard.press("Space")
        if page.evaluate(f"() => document.querySelector('input[name={name}]:checked')?.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{name}={value} cannot be chosen with the keyboard")


def test_a_requete_with_the_keyboard_alone(live_server, desktop):
    page = desktop()
    page.goto(f"{live_server.url}/requete/nouvelle/")
    page.keyboard.press("Tab")
    assert focused(page, "a.skip-link"), "the first Tab reaches « Aller au contenu »"
    page.keyboard.press("Enter")
    choose(page, "#id_service", "Travaux publics")
    choose(page, "#id_request_type", "Nid-de-poule")
    type_into(page, "#id_description", "Un nid-de-poule profond devant l'école.")
    type_into(page, "#id_location_address", "1234, rue Principale")
    type_into(page, "#id_requester_name", "Marie Tremblay")
    type_into(page, "#id_requester_address", "12, rue des Érables, Prévost")
    type_into(page, "#id_requester_phone", "450 555-0101")
    type_into(page, "#id_requester_email", "marie@example.ca")
    check_radio(page, "contact_preference", "courriel")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Merci, votre demande est reçue")
    assert ServiceRequest.objects.get().requester_name == "Marie Tremblay"


def test_a_complaint_signed_by_typing_with_the_keyboard_alone(live_server, desktop):
    page = desktop()
    page.goto(f"{live_server.url}/plainte/nouvelle/")
    type_into(page, "#id_complainant_name", "Lucie Beaulieu")
    type_into(page, "#id_complainant_address", "45, rue des Érables, Prévost")
    type_into(page, "#id_complainant_phone", "450 224-0000")
    type_into(page, "#id_complainant_email", "lucie@example.ca")
    type_date(page, "#id_facts_date", timezone.localdate())
    choose(page, "#id_service", "Travaux publics")
    type_into(page, "#id_facts", "Le chauffeur de la déneigeuse m'a insultée devant mes enfants.")
    check_radio(page, "signature_method", "dactylographiee")
    type_into(page, "#id_signature_typed", "Lucie Beaulieu")
    tab_to(page, "#id_attestation")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Votre plainte est déposée")
    complaint = Complaint.objects.get()
    assert complaint.complainant_name == "Lucie Beaulieu"
    assert complaint.statements.get().signer_name == "Lucie Beaulieu"
