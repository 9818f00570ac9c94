"""« Questions fréquentes » for citizens, the knowledge base for staff, both searched as one types."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from knowledge import selectors as knowledge
from knowledge.models import Article
from requests_app.models import RequestType

MAX_QUERY = 2000  # a description pasted whole is enough to find its subject


def _query(request) -> str:
    return request.GET.get("q", "")[:MAX_QUERY].replace("\x00", "")


def _entries(articles, *, faq_url: str | None) -> list[dict]:
    return [
        {
            "question": article.question,
            "answer": article.answer,
            "service": article.service.name if article.service_id else "",
            "public": article.is_public,
            "url": f"{faq_url}#article-{article.pk}" if faq_url and article.is_public else "",
        }
        for article in articles
    ]


@require_GET
def faq(request):
    query = _query(request)
    if query.strip():
        articles = knowledge.search(query, public_only=True, limit=20)
    else:
        articles = Article.objects.public().select_related("service").order_by("service__name_fr", "question_fr")
    sections = {}
    for article in articles:
        sections.setdefault(article.service, []).append(article)
    return render(request, "requests_app/faq.html", {"sections": sections.items(), "query": query})


@require_GET
def faq_suggestions(request):
    """While a citizen types a requête: « votre question a peut-être déjà une réponse »."""
    type_id = request.GET.get("type", "")
    request_type = RequestType.objects.filter(pk=type_id).first() if type_id.isdigit() else None
    articles = knowledge.suggestions_for_citizen(_query(request), request_type=request_type)
    return JsonResponse({"articles": _entries(articles, faq_url=reverse("requests:faq"))})


def _employee(request):
    if not request.user.has_perm("knowledge.read_knowledge_base"):
        raise PermissionDenied


@login_required
@require_GET
def staff_knowledge(request):
    """The Technicien's journal of questions and answers, internal articles included."""
    _employee(request)
    query = _query(request)
    articles = knowledge.search(query, public_only=False, limit=20) if query.strip() else []
    return render(request, "requests_app/staff/knowledge.html", {"articles": articles, "query": query})


@login_required
@require_GET
def staff_knowledge_search(request):
    _employee(request)
    articles = knowledge.search(_query(request), public_only=False, limit=8)
    return JsonResponse({"articles": _entries(articles, faq_url=reverse("requests:faq"))})
