"""Knowledge base, « Questions fréquentes » and réponses types."""

import datetime as dt
import html
import json

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.enums import Role
from knowledge import selectors as knowledge
from knowledge.models import Article, StandardAnswer
from knowledge.services import article_save
from requests_app.enums import Status

from ..factories import UserFactory, request_type, service, submit_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    return {
        "lights": article_save(
            article=Article(
                service=service("travaux-publics"),
                question_fr="Une lumière de rue est éteinte : que faire?",
                question_en="A street light is out: what should I do?",
                answer_fr="Faites une requête « Lumière de rue défectueuse » avec le numéro du poteau.",
                answer_en="File a street light request with the number of the pole.",
                keywords="lampadaire, éclairage, poteau",
                is_public=True,
            )
        ),
        "bins": article_save(
            article=Article(
                service=service("environnement"),
                question_fr="Ma collecte n'a pas été faite",
                answer_fr="Vérifiez le calendrier des collectes, puis faites une requête avant midi le lendemain.",
                keywords="poubelle, bac, ordures",
                is_public=True,
            )
        ),
        "internal": article_save(
            article=Article(
                question_fr="Bris d'aqueduc la nuit : qui joindre?",
                answer_fr="Transférer à la ligne d'urgence des travaux publics.",
                keywords="aqueduc, fuite, urgence",
                is_public=False,
            )
        ),
    }


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_search_finds_words_without_accents_plurals_or_the_same_wording(articles):
    found = knowledge.search("lumieres eteintes sur le lampadaires", public_only=True)
    assert found[0] == articles["lights"]
    assert knowledge.search("BAC À ORDURES oublié", public_only=True)[0] == articles["bins"]
    assert knowledge.search("fuite d'aqueduc", public_only=True) == []  # an internal note stays internal
    assert knowledge.search("fuite d'aqueduc", public_only=False) == [articles["internal"]]
    assert knowledge.search("le la de", public_only=False) == []


def test_the_faq_page_shows_public_articles_by_service_in_the_readers_language(client, articles):
    page = text(client.get(reverse("requests:faq")))
    assert "Une lumière de rue est éteinte : que faire?" in page and "Travaux publics" in page
    assert "Ma collecte n'a pas été faite" in page
    assert "Bris d'aqueduc" not in page

    with translation.override("en"):
        english = text(client.get(reverse("requests:faq")))
    assert "A street light is out: what should I do?" in english
    assert "Ma collecte n'a pas été faite" in english  # no English version yet: the French one is shown

    searched = text(client.get(reverse("requests:faq"), {"q": "poubelles"}))
    assert "Ma collecte" in searched and "lumière de rue" not in searched


def test_a_citizen_writing_a_requete_gets_suggestions_only_when_they_clearly_match(client, articles):
    url = reverse("requests:faq_suggestions")
    found = client.get(url, {"q": "Le lampadaire devant chez moi est éteint depuis trois soirs"}).json()["articles"]
    assert [entry["question"] for entry in found] == ["Une lumière de rue est éteinte : que faire?"]
    assert found[0]["url"] == f"{reverse('requests:faq')}#article-{articles['lights'].pk}"

    unrelated = client.get(url, {"q": "Le parc est très beau, merci aux employés"}).json()["articles"]
    assert unrelated == []
    internal = client.get(url, {"q": "fuite aqueduc urgence fuite"}).json()["articles"]
    assert internal == []


def test_the_staff_search_includes_internal_articles_and_is_closed_to_the_public(client, technicien, articles):
    url = reverse("staff:knowledge_search")
    assert client.get(url, {"q": "aqueduc"}).status_code == 302
    client.force_login(technicien)
    found = client.get(url, {"q": "aqueduc"}).json()["articles"]
    assert [entry["question"] for entry in found] == ["Bris d'aqueduc la nuit : qui joindre?"]
    assert found[0]["public"] is False
    page = text(client.get(reverse("staff:knowledge"), {"q": "aqueduc"}))
    assert "Transférer à la ligne d'urgence" in page and "interne" in page


def test_an_elected_official_does_not_read_the_desks_notes(client, articles):
    client.force_login(UserFactory(username="elu-2", roles=[Role.ELU]))
    assert client.get(reverse("staff:knowledge_search"), {"q": "aqueduc"}).status_code == 403


def test_standard_answers_fit_the_request_and_come_filled_in_in_the_citizens_language():
    light = submit_request(type_code="lumiere-de-rue")
    light.status, light.planned_date, light.language = Status.SCHEDULED, dt.date(2026, 12, 3), "en"
    light.save()
    StandardAnswer.objects.create(
        title="Planifiée",
        status=Status.SCHEDULED,
        text_fr="Votre demande {numero} sera traitée le {date_prevue}.",
        text_en="Your request {numero} ({nature}) will be handled on {date_prevue}. {inconnu}",
    )
    StandardAnswer.objects.create(
        title="Éclairage", request_type=request_type("lumiere-de-rue"), text_fr="Le poteau {numero} est réparé."
    )
    StandardAnswer.objects.create(title="Autre service", service=service("environnement"), text_fr="Non.")
    StandardAnswer.objects.create(title="Autre statut", status=Status.COMPLETED, text_fr="Non.")
    StandardAnswer.objects.create(title="Inactive", text_fr="Non.", is_active=False)

    answers = knowledge.standard_answers_for(light)

    assert [answer["title"] for answer in answers] == ["Éclairage", "Planifiée"]  # the most specific first
    assert answers[0]["text"] == f"Le poteau {light.number} est réparé."  # no English text: French
    assert answers[1]["text"] == (
        f"Your request {light.number} ({light.request_type.name_en or light.request_type.name_fr}) will be "
        "handled on December 3, 2026. {inconnu}"
    )


def test_the_responsable_and_the_technicien_get_the_answers_beside_the_notes_to_the_citizen(
    client, technicien, responsable_tp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pothole = submit_request()
    StandardAnswer.objects.create(title="Merci", text_fr="Merci, la demande {numero} est traitée.")

    client.force_login(technicien)
    admin_page = client.get(reverse("admin:requests_app_servicerequest_change", args=[pothole.pk])).content.decode()
    picker = json.loads(admin_page.split('id="standard-answers" type="application/json">')[1].split("</script>")[0])
    assert picker["answers"] == [{"title": "Merci", "text": f"Merci, la demande {pothole.number} est traitée."}]
    assert 'data-citizen-note="1"' in admin_page  # the rejection's explanation to the citizen

    from requests_app import services

    services.request_assign(service_request=pothole, acting_user=technicien, responsable=responsable_tp)
    client.force_login(responsable_tp)
    page = client.get(reverse("staff:request_detail", args=[pothole.number])).content.decode()
    assert 'id="standard-answers"' in page and "standard-answers.js" in page
    assert page.count('data-citizen-note="1"') == 2  # completion and intervention notes


def test_a_pothole_suggests_the_pothole_article_not_street_lights_or_tree_permits(client):
    """The common case: the citizen chose « Nid-de-poule » and wrote about a hole and a wheel."""
    from demo.knowledge import create_knowledge

    create_knowledge()
    statement = "Gros trou dans la chaussée devant chez moi, la roue de mon auto est tombée dedans. Rue Principale."
    pothole = request_type("nid-de-poule")
    found = text(client.get(reverse("requests:faq_suggestions"), {"q": statement, "type": pothole.pk}))
    assert "nid-de-poule dans la rue" in found
    assert "lumière de rue" not in found and "couper un arbre" not in found
    # Without the nature chosen yet, the words alone still lead there first.
    untyped = client.get(reverse("requests:faq_suggestions"), {"q": statement}).json()["articles"]
    assert untyped and "nid-de-poule" in untyped[0]["question"].lower()


def test_french_stems_meet_whatever_the_form_of_the_word(articles):
    """« éclairages brûlés », « lampadaires » find the street-light article (plural, accents, verb forms)."""
    found = knowledge.search("Les lampadaires n'éclairent plus, éclairages éteints", public_only=True, minimum=2)
    assert found and found[0] == articles["lights"]
