"""The citizen's side: no account, a private link per request."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core import charts, just_filed, page_cache, public_forms, tracking
from requests_app import addresses, selectors, services
from requests_app import standards as standards_module
from requests_app.enums import Channel, Status
from requests_app.forms import LookupForm, QuestionForm, RequestForm


def home(request):
    return render(request, "requests_app/home.html")


def standards(request):
    """« Nos normes de service »: figures computed nightly (standards_refresh), read here as they are."""
    results = list(standards_module.published_results())
    grouped = {}
    for result in results:
        grouped.setdefault(result.request_type.service, []).append(result)
    sections = [
        (
            service,
            rows,
            charts.stacked_bars(
                _("%(service)s : part des requêtes complétées dans la norme, par nature") % {"service": service.name},
                [
                    charts.Bar(
                        row.request_type.name, row.share_within, f"{row.percent_within} %" if row.assessed else "—"
                    )
                    for row in rows
                ],
            ),
        )
        for service, rows in grouped.items()
    ]
    return render(
        request,
        "requests_app/standards.html",
        {
            "sections": sections,
            "email": standards_module.email_answer_result(),
            "computed_at": results[0].computed_at if results else None,
        },
    )


def privacy(request):
    return render(request, "requests_app/privacy.html", {"retention_request_years": settings.RETENTION_REQUEST_YEARS})


@require_http_methods(["GET", "POST"])
def request_create(request):
    form = RequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not public_forms.refused(request, form) and form.is_valid():
            citizen_request = services.request_submit(
                data={**form.request_data(), "language": translation.get_language()},
                channel=Channel.WEB,
                photos=[(photo, photo.content_type) for photo in form.all_photos()],
            )
            response = redirect("requests:track", token=citizen_request.tracking_token)
            return just_filed.remember(response, citizen_request.tracking_token)
        form.keep_valid_photos()
    return render(
        request,
        "requests_app/request_form.html",
        {
            "form": form,
            # Called by the template only when the cached fields are not used.
            "types_by_service": selectors.request_type_ids_by_service,
            "catalog_version": page_cache.catalog_version(),
        },
        status=public_forms.status_for(form),
    )


@require_http_methods(["GET", "POST"])
def question_create(request):
    """A question or a comment (policy 4.1): recorded like any demand, answered at first contact."""
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and not public_forms.refused(request, form) and form.is_valid():
        question = services.request_submit(
            data={**form.request_data(), "language": translation.get_language()}, channel=Channel.WEB
        )
        response = redirect("requests:track", token=question.tracking_token)
        return just_filed.remember(response, question.tracking_token)
    return render(request, "requests_app/question_form.html", {"form": form}, status=public_forms.status_for(form))


def track(request, token):
    if not page_cache.is_token(token):
        raise Http404
    shared = page_cache.is_shared_view(request)
    language = translation.get_language()
    if shared:
        version, content = page_cache.lookup(token, language)
        if content is not None:
            return HttpResponse(content)
    citizen_request = selectors.request_for_tracking(token)
    if citizen_request is None:
        raise Http404
    is_new = not shared and just_filed.is_for(request, token)
    main_request = citizen_request.duplicate_of
    response = render(
        request,
        "requests_app/track.html",
        {
            "citizen_request": citizen_request,
            "main_request": main_request,
            "messages_from_city": selectors.public_messages(citizen_request, also=main_request),
            "is_new": is_new,
            "photos": citizen_request.photos.all(),
            "Status": Status,
        },
    )
    # A joined duplicate shows its main request's progress, which changes without bumping this
    # page's version: it is rendered on every visit (a few pages among thousands).
    if shared and main_request is None:
        page_cache.store(token, language, version, response.content)
    return just_filed.shown(response) if is_new else response


@require_http_methods(["GET", "POST"])
def track_lookup(request):
    form = LookupForm(request.POST or None)
    if request.method == "POST" and not public_forms.refused(request, form) and form.is_valid():
        # Every kind of demand: requête, question, complaint (P-…), claim (RC-…), access request (AI-…).
        found = tracking.find(form.cleaned_data["number"], form.cleaned_data["email"])
        if found is not None:
            return redirect(found)
        # Same answer whether the number exists or not: a number alone reveals nothing.
        messages.error(request, _("Aucune demande ne correspond à ce numéro et à ce courriel."))
    return render(request, "requests_app/track_lookup.html", {"form": form}, status=public_forms.status_for(form))


def track_photo(request, token, photo_id):
    citizen_request = selectors.request_for_tracking(token)
    if citizen_request is None:
        raise Http404
    photo = get_object_or_404(citizen_request.photos, pk=photo_id)
    return FileResponse(photo.image.open("rb"), content_type=photo.content_type)


@require_GET
def address_search(request):
    """The civic addresses matching what the citizen types (js/address-autocomplete.js)."""
    found = addresses.address_suggestions(request.GET.get("q", "")[:100])
    return JsonResponse(
        {
            "results": [
                {
                    "id": a.pk,
                    "label": a.label,
                    "postal_code": a.postal_code,
                    "lat": float(a.latitude) if a.latitude is not None else None,
                    "lon": float(a.longitude) if a.longitude is not None else None,
                }
                for a in found
            ]
        }
    )
