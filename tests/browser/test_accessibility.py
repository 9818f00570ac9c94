"""Every public page and form, in French and in English, checked by axe-core in Debian's chromium,
and loaded under the portal's Content-Security-Policy without a single refusal.

axe-core comes from the npm registry (package.json, `npm ci` in `make install`) and is injected
into each page; the rules are WCAG 2.0 and 2.1, levels A and AA, on which Québec's standard for
web accessibility (SGQRI 008 2.0) builds. The forms are also checked after a submission with
errors, where the error summary and the messages next to the fields appear.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FORMS = ("requests:create", "complaints:create", "claims:create", "access:create", "requests:track_lookup")


@pytest.fixture
def axe():
    if not AXE.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"{AXE} is missing: run `make install` (npm ci).")
        pytest.skip("axe-core is not installed (npm ci)")
    return AXE


def public_addresses() -> list[tuple[str, str, bool]]:
    """(label, path, submit the form empty) for every public page, in both languages."""
    from complaints.models import Complaint
    from legal.models import AccessRequest, Claim
    from requests_app import satisfaction
    from requests_app.models import ServiceRequest

    request = ServiceRequest.objects.filter(kind="requete").order_by("pk").first()
    pages = [
        ("home", "requests:home", {}),
        ("request form", "requests:create", {}),
        ("lookup", "requests:track_lookup", {}),
        ("status page", "requests:track", {"token": request.tracking_token}),
        ("privacy", "requests:privacy", {}),
        ("questions fréquentes", "requests:faq", {}),
        ("standards", "requests:standards", {}),
        ("satisfaction", "requests:satisfaction", {"token": satisfaction.survey_token(request)}),
        ("complaint form", "complaints:create", {}),
        ("complaint tracking", "complaints:track", {"token": Complaint.objects.first().tracking_token}),
        ("claim form", "claims:create", {}),
        ("claim tracking", "claims:track", {"token": Claim.objects.first().tracking_token}),
        ("access form", "access:create", {}),
        ("access tracking", "access:track", {"token": AccessRequest.objects.first().tracking_token}),
        ("staff login", "accounts:login", {}),
    ]
    addresses = []
    for language in ("fr-ca", "en"):
        with translation.override(language):
            for label, name, kwargs in pages:
                addresses.append((f"{label} ({language})", reverse(name, kwargs=kwargs), name in FORMS))
    return addresses


def test_every_public_page_passes_axe_in_french_and_english(live_server, browser, axe, settings):
    settings.DEBUG = True  # seed_demo refuses otherwise
    call_command("seed_demo", requests=12, stdout=io.StringIO())
    settings.DEBUG = False
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    found = []
    # The Content-Security-Policy forbids inline scripts and styles: Chromium reports each refusal.
    page.on(
        "console",
        lambda message: (
            found.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )

    axe_source = axe.read_text() + "\n;true"

    def check(label):
        # Evaluated through the DevTools protocol, which the page's policy does not govern (an
        # injected <script> tag would be refused, as the policy intends).
        page.evaluate(axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
            "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))",
            WCAG_AA,
        )
        for violation in result:
            found.append(
                f"{label}: {violation['id']} ({violation['impact']}) {violation['help']} — {violation['nodes']}"
            )

    for label, path, submit_empty in public_addresses():
        page.goto(live_server.url + path)
        check(label)
        if submit_empty:
            page.locator("main form button[type=submit]").last.click()
            page.wait_for_load_state()
            check(f"{label}, after a submission with errors")
    # The suggestions that appear under the description while a citizen writes a requête.
    page.goto(live_server.url + reverse("requests:create"))
    page.fill("#id_description", "La lumière de rue devant chez moi est éteinte, le lampadaire ne fonctionne plus")
    page.wait_for_selector("#kb-suggestions:not([hidden]) details")
    check("request form with suggestions")
    # The civic-address suggestions under the place field, and the optional map, open with a pin.
    settings.MAP_TILE_URL = live_server.url + "/static/img/favicon.svg?{z}/{x}/{y}"
    page.goto(live_server.url + reverse("requests:create"))
    page.fill("#id_location_address", "100 rue")
    page.wait_for_selector("#address-options [role=option]")
    check("request form with address suggestions")
    page.keyboard.press("Escape")
    page.click(".place-map-toggle")
    page.click("text=Placer le repère au centre de la carte")
    page.wait_for_selector("#place-map .leaflet-marker-icon")
    check("request form with the map open")
    context.close()
    assert not found, "WCAG 2.1 AA violations or refusals of the Content-Security-Policy:\n" + "\n".join(found)
