"""The knowledge base in the browser: a citizen is told while typing that an answer may exist; a
responsable puts a réponse type into the note to the citizen in two clicks, and edits it."""

import pytest
from django.urls import reverse

from knowledge.models import Article, StandardAnswer
from knowledge.services import article_save
from requests_app import services

from ..factories import service, submit_request
from .login import staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_typing_a_requete_is_shown_the_answer_that_may_already_exist(live_server, phone, shoot):
    article_save(
        article=Article(
            service=service("environnement"),
            question_fr="Ma collecte n'a pas été faite : que faire?",
            answer_fr="Vérifiez le calendrier : les jours changent après un jour férié.",
            keywords="poubelle, bac, ordures, vidanges",
            is_public=True,
        )
    )
    phone.goto(live_server.url + reverse("requests:create"))
    assert phone.locator("#kb-suggestions").is_hidden()

    phone.click("#id_description")
    phone.keyboard.type("Mon bac à ordures n'a pas été vidé ce matin, les vidanges sont restées au chemin", delay=5)

    box = phone.locator("#kb-suggestions")
    box.locator("details").wait_for()
    assert "Votre question a peut-être déjà une réponse" in box.inner_text()
    box.locator("summary").click()
    assert "les jours changent après un jour férié" in box.inner_text()
    shoot(phone, "20-kb-suggestion-phone")
    # Nothing typed is lost: the description is still there, the form still sends.
    assert phone.input_value("#id_description").startswith("Mon bac à ordures")


def test_a_responsable_inserts_a_standard_answer_in_two_clicks_and_edits_it(
    live_server, desktop, shoot, technicien, responsable_tp
):
    pothole = submit_request()
    services.request_assign(service_request=pothole, acting_user=technicien, responsable=responsable_tp)
    article_save(
        article=Article(
            question_fr="Réparation temporaire d'un nid-de-poule en hiver?",
            answer_fr="L'asphalte froid tient jusqu'au printemps.",
            keywords="asphalte froid, hiver",
        )
    )
    StandardAnswer.objects.create(
        title="Travaux terminés", text_fr="Bonjour, le trou de la demande {numero} a été comblé. Merci!"
    )
    page = desktop()
    staff_login(page, live_server.url, responsable_tp.username)
    page.goto(live_server.url + reverse("staff:request_detail", args=[pothole.number]))

    note = page.locator("#id_complete-public_note")
    page.locator("details.action[open] select").first.select_option(label="Travaux terminés")
    assert note.input_value() == f"Bonjour, le trou de la demande {pothole.number} a été comblé. Merci!"
    note.press("End")
    page.keyboard.type(" Bonne journée.")
    shoot(page, "21-standard-answer-inserted")
    assert note.input_value().endswith("Merci! Bonne journée.")

    # An article's answer goes into the same note from the knowledge-base search beside it.
    page.locator("details.action[open] input[type=search]").first.fill("asphalte froid")
    page.locator("details.action[open] .kb-insert-results button").first.click()
    assert note.input_value().endswith("Bonne journée.\n\nL'asphalte froid tient jusqu'au printemps.")
