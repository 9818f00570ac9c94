"""The knowledge base as the Technicien and the citizens search it, and the standard answers that
fit a request."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from core import text_search
from knowledge.models import Article, StandardAnswer, fill, placeholder_values
from requests_app.models import ServiceRequest


def search(text: str, *, public_only: bool, limit: int = 5, minimum: int = 1) -> list[Article]:
    wanted = text_search.terms(text)
    if not wanted:
        return []
    articles = Article.objects.for_search()
    if public_only:
        articles = articles.public()
    scored = [(text_search.score(article.search_text, wanted), article) for article in articles]
    scored = [(score, article) for score, article in scored if score >= minimum]
    scored.sort(key=lambda pair: (-pair[0], pair[1].question_fr))
    return [article for _score, article in scored[:limit]]


def suggestions_for_citizen(text: str) -> list[Article]:
    """While a citizen writes a requête: only public articles, and only clear matches (two hits at
    least), so that a long description does not drag in every article sharing one word."""
    return search(text, public_only=True, limit=3, minimum=2)


def standard_answers_for(service_request: ServiceRequest) -> list[dict[str, Any]]:
    """Each fitting answer already filled in for this request, in the requester's language."""
    values = {}
    answers = []
    for answer in StandardAnswer.objects.for_request(service_request):
        text, language = answer.text_for(service_request.language)
        if language not in values:
            values[language] = placeholder_values(service_request, language)
        answers.append({"title": answer.title, "text": fill(text, values[language])})
    return answers


def answer_picker(service_request: ServiceRequest) -> dict[str, Any]:
    """What js/standard-answers.js needs beside each note to the citizen: the fitting answers,
    filled in, and where to search the knowledge base."""
    return {
        "label": _("Réponse type"),
        "choose": _("Insérer une réponse type…"),
        "answers": standard_answers_for(service_request),
        "search_label": _("Chercher dans la base de connaissances"),
        "insert": _("Insérer cette réponse"),
        "search_url": reverse("staff:knowledge_search"),
    }
