"""The citizen's side: no account, a private link per request."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core import charts, just_filed, page_cache, public_forms, tracking
from core.dates import in_words
from core.errors import ApplicationError
from requests_app import addresses, duplicates, selectors, services
from requests_app import standards as standards_module
from requests_app.enums import Channel, Status
from requests_app.forms import FollowForm, LookupForm, QuestionForm, RequestForm
from requests_app.models import ServiceRequest
from requests_app.services import followers


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


@require_GET
def similar_requests(request):
    """Open requêtes of the chosen nature near the chosen place (js/similar-requests.js): nature,
    street, status, date received; never a description, a name or a civic number."""
    try:
        type_id = int(request.GET.get("type", ""))
        latitude, longitude = float(request.GET["lat"]), float(request.GET["lon"])
    except (KeyError, ValueError):
        return JsonResponse({"requests": []})
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return JsonResponse({"requests": []})
    namer = addresses.street_namer()
    found = duplicates.similar_open_requests(request_type_id=type_id, latitude=latitude, longitude=longitude)
    return JsonResponse(
        {
            "requests": [
                {
                    "number": other.number,
                    "nature": other.request_type.name if other.request_type else "",
                    "street": namer.of(other),
                    "status": other.get_status_display(),
                    "received": in_words(other.received_at),
                    "follow_url": reverse("requests:follow", kwargs={"number": other.number}),
                }
                for other in found
            ]
        }
    )


@require_http_methods(["GET", "POST"])
def follow(request, number):
    """« C'est le même problème : me tenir informé »: the citizen follows an open request by e-mail
    instead of filing it again."""
    followed = get_object_or_404(
        ServiceRequest.objects.select_related("request_type", "address"), number=number, anonymized_at__isnull=True
    )
    form = FollowForm(request.POST or None)
    if request.method == "POST" and not public_forms.refused(request, form) and form.is_valid():
        try:
            _follower, created = followers.follower_add(
                service_request=followed, email=form.cleaned_data["email"], language=translation.get_language()
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            return render(request, "requests_app/follow_done.html", {"followed": followed, "created": created})
    street = addresses.street_namer().of(followed)
    return render(
        request,
        "requests_app/follow.html",
        {"form": form, "followed": followed, "street": street},
        status=public_forms.status_for(form),
    )


@require_GET
def follow_stop(request, token):
    stopped = followers.follower_stop(token=token)
    return render(request, "requests_app/follow_stopped.html", {"stopped": stopped})
