"""Satisfaction (issue 6): the closure e-mail's rating links, one answer per request for 30 days, and the
results the Responsable de l'Expérience citoyen reads by service, type and month."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from accounts.enums import Role
from core.errors import ApplicationError
from outbox.models import OutboundEmail
from requests_app import satisfaction, services
from requests_app.models import SatisfactionResponse
from requests_app.services import satisfaction as satisfaction_services

from ..factories import UserFactory, assign_and_complete, submit_request

pytestmark = pytest.mark.django_db


def closed_request(technicien, responsable, type_code="nid-de-poule"):
    request = assign_and_complete(submit_request(type_code=type_code), technicien=technicien, responsable=responsable)
    return services.request_close(service_request=request, acting_user=technicien)


def survey_links(request) -> list[str]:
    email = OutboundEmail.objects.get(dedupe_key__startswith=f"request:{request.pk}:closed")
    return re.findall(r"http://\S+/satisfaction/\S+\?note=\d", email.body_text)


def test_the_closure_email_carries_five_rating_links(technicien, responsable_tp):
    request = closed_request(technicien, responsable_tp)
    links = survey_links(request)
    assert [link[-1] for link in links] == ["5", "4", "3", "2", "1"]
    email = OutboundEmail.objects.get(dedupe_key__startswith=f"request:{request.pk}:closed")
    assert email.body_html.count("?note=") == 5


def test_one_click_shows_the_rating_chosen_and_one_answer_is_kept(client, technicien, responsable_tp):
    request = closed_request(technicien, responsable_tp)
    link = survey_links(request)[1]  # note 4
    path = "/" + link.split("/", 3)[3]  # the link without the portal's base URL
    page = client.get(path)
    assert page.status_code == 200 and not SatisfactionResponse.objects.exists()  # a GET records nothing
    assert re.search(r'<input[^>]*value="4"[^>]*checked', page.content.decode())
    response = client.post(path.split("?")[0], {"rating": "4", "comment": "Rapide et poli."})
    assert "Votre appréciation de la demande" in html.unescape(response.content.decode())
    answer = SatisfactionResponse.objects.get()
    assert (answer.request_id, answer.rating, answer.comment) == (request.pk, 4, "Rapide et poli.")
    again = client.post(path.split("?")[0], {"rating": "1"})
    assert "Nous avons déjà reçu votre appréciation" in html.unescape(again.content.decode())
    assert SatisfactionResponse.objects.get().rating == 4


def test_the_link_expires_after_30_days_and_cannot_be_forged(client, technicien, responsable_tp):
    request = closed_request(technicien, responsable_tp)
    token = satisfaction.survey_token(request)
    url = reverse("requests:satisfaction", args=[token])
    with freeze_time(timezone.now() + dt.timedelta(days=31)):
        assert client.get(url).status_code == 404
    assert client.get(reverse("requests:satisfaction", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(url).status_code == 200


def test_a_rating_must_be_between_one_and_five(technicien, responsable_tp):
    request = closed_request(technicien, responsable_tp)
    with pytest.raises(ApplicationError):
        satisfaction_services.satisfaction_record(service_request=request, rating=6)


def test_results_by_service_type_and_month_with_comments(client, technicien, responsable_tp, responsable_env):
    ratings = [("nid-de-poule", 5, "Parfait"), ("nid-de-poule", 2, ""), ("collecte-manquee", 4, "Merci")]
    for code, rating, comment in ratings:
        responsable = responsable_env if code == "collecte-manquee" else responsable_tp
        satisfaction_services.satisfaction_record(
            service_request=closed_request(technicien, responsable, code), rating=rating, comment=comment
        )
    reader = UserFactory(username="xp", roles=[Role.EXPERIENCE_CITOYEN])
    client.force_login(reader)
    response = client.get(reverse("staff:satisfaction"))
    summary = response.context["summary"]
    by_service = {group.label: (group.count, group.average) for group in summary["service"]}
    assert by_service == {"Travaux publics": (2, 3.5), "Environnement": (1, 4.0)}
    by_type = {group.label: group.distribution for group in summary["type"]}
    assert by_type["Nid-de-poule"] == [0, 1, 0, 0, 1]
    page = html.unescape(response.content.decode())
    assert "Parfait" in page and "Merci" in page
    filtered = client.get(reverse("staff:satisfaction"), {"service": responsable_env.services_received.get().pk})
    assert [g.label for g in filtered.context["summary"]["service"]] == ["Environnement"]
    client.force_login(responsable_tp)
    assert client.get(reverse("staff:satisfaction")).status_code == 403
