"""How pages lay out where people read them: a 390 px phone, a narrow desktop window."""

import pytest

from .login import staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_staff_header_leaves_the_phone_screen_to_the_content(live_server, phone, shoot, technicien, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    staff_login(phone, live_server.url, technicien.username)
    phone.goto(f"{live_server.url}/personnel/")
    header = phone.locator("header.site-header").bounding_box()
    shoot(phone, "staff-home-phone")
    assert header["height"] <= 200, header
    label = phone.locator("label[for=back-at]")
    assert label.is_visible() and label.inner_text() == "De retour vers"
    # Nothing of the header is cut: every link and button can be scrolled to within its own line.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_desk_shortcuts_never_break_inside_a_label(live_server, browser, shoot, technicien, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    context = browser.new_context(viewport={"width": 900, "height": 900}, locale="fr-CA")
    page = context.new_page()
    staff_login(page, live_server.url, technicien.username)
    page.goto(f"{live_server.url}/admin/")
    shoot(page, "admin-home-900")
    heights = [box["height"] for box in (b.bounding_box() for b in page.locator(".shortcuts .button").all())]
    assert len(heights) >= 8 and max(heights) < 1.5 * min(heights), heights
    context.close()


def test_the_execution_responsable_is_asked_only_for_a_schema_b_service(live_server, desktop, technicien, settings):
    from ..factories import service

    settings.SECOND_FACTOR_REQUIRED = False
    page = desktop()
    staff_login(page, live_server.url, technicien.username)
    page.goto(f"{live_server.url}/personnel/designations/nouvelle/")
    page.select_option("#id_service", str(service("environnement").pk))
    assert not page.locator("#id_execution_responsable").is_visible()
    page.select_option("#id_service", str(service("travaux-publics").pk))
    assert page.locator("#id_execution_responsable").is_visible()


@pytest.mark.parametrize("width", [320, 390])
def test_the_standards_page_on_a_phone_shows_every_bar_and_percentage_without_sideways_scroll(
    live_server, browser, shoot, technicien, responsable_tp, width
):
    from django.utils import timezone

    from requests_app import services
    from requests_app.services.standards import standards_refresh

    from ..factories import submit_request

    for index in range(4):
        request = services.request_assign(service_request=submit_request(), acting_user=technicien)
        if index % 2 == 0:
            services.request_complete(
                service_request=request, acting_user=responsable_tp, done_date=timezone.localdate(), extension="1"
            )
    submit_request(type_code="lumiere-de-rue")
    standards_refresh()
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, locale="fr-CA")
    page = context.new_page()
    page.goto(f"{live_server.url}/normes-de-service/")
    shoot(page, f"standards-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    wider = page.evaluate(
        """w => [...document.querySelectorAll('main *')]
             .filter(e => e.getBoundingClientRect().right > w + 0.5).map(e => e.tagName + '.' + e.className)""",
        width,
    )
    assert wider == [], wider
    values = page.locator(".bar-chart.stacked text.value").all()
    assert values and all(0 < v.bounding_box()["x"] + v.bounding_box()["width"] <= width for v in values)
    assert any("%" in v.text_content() for v in values)
    share = page.locator("td[data-label='Dans la norme']").first
    box = share.bounding_box()
    assert share.is_visible() and box["x"] + box["width"] <= width
    context.close()


def test_on_a_phone_choosing_the_nature_first_fills_the_service_and_nothing_is_cut(live_server, phone):
    from ..factories import request_type

    pothole = request_type("nid-de-poule")
    phone.goto(f"{live_server.url}/requete/nouvelle/")
    select = phone.locator("#id_request_type")
    assert select.evaluate("s => s.scrollWidth <= s.clientWidth + 1"), "the placeholder fits its box"
    select.select_option(str(pothole.pk))
    assert phone.locator("#id_service").input_value() == str(pothole.service_id)
    assert select.input_value() == str(pothole.pk)
