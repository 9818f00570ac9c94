"""The knowledge base as the Technicien and the citizens search it, and the standard answers that
fit a request."""

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from core import text_search
from knowledge.models import Article, StandardAnswer, fill, placeholder_values
from requests_app.models import RequestType, ServiceRequest


def search(
    text: str, *, public_only: bool, limit: int = 5, minimum: int = 1, service_id: int | None = None
) -> list[Article]:
    """Articles sharing at least `minimum` distinct words (stems) with `text`, the most shared first;
    with a service named, that service's articles and the general ones only, its own first."""
    wanted = text_search.terms(text)
    if not wanted:
        return []
    articles = Article.objects.for_search()
    if public_only:
        articles = articles.public()
    if service_id is not None:
        articles = articles.filter(Q(service_id=service_id) | Q(service__isnull=True))
    ranked = []
    for article in articles:
        distinct, occurrences = text_search.score(article.search_text, wanted)
        if distinct >= minimum:
            ranked.append(((-distinct, article.service_id != service_id, -occurrences, article.question_fr), article))
    ranked.sort(key=lambda pair: pair[0])
    return [article for _key, article in ranked[:limit]]


def suggestions_for_citizen(text: str, *, request_type: RequestType | None = None) -> list[Article]:
    """While a citizen writes a requête: public articles only, of the chosen nature's service (or
    general), and only clear matches (two different words in common), so that a long description
    does not drag in every article sharing one word."""
    service_id = request_type.service_id if request_type is not None else None
    return search(text, public_only=True, limit=3, minimum=2, service_id=service_id)


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
