"""Open311 GeoReport v2 endpoints, JSON or XML by extension; errors as the spec's list of code/description."""

import functools
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods

from open311 import feed_cache, formats, submission
from open311 import georeport as open311
from open311.openapi import spec
from requests_app.enums import Channel
from requests_app.services import request_submit

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


def _respond(fmt: str, payload, *, root: str, item: str | None, status: int = 200) -> HttpResponse:
    body = formats.to_xml(root, item, payload) if fmt == "xml" else json.dumps(payload, ensure_ascii=False)
    return _respond_raw(fmt, body, status=status)


def _respond_raw(fmt: str, body: str | bytes, *, status: int = 200) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt], status=status)
    response["Access-Control-Allow-Origin"] = "*"  # open data: readable from any site's scripts
    return response


def _error(fmt: str, error: open311.ApiError) -> HttpResponse:
    return _respond(fmt, error.as_list(), root="errors", item="error", status=error.status)


def api(view):
    """Turn ApiError into the spec's error list, in the format asked for."""

    @functools.wraps(view)
    def wrapper(request, *args, fmt, **kwargs):
        try:
            params = request.GET if request.method == "GET" else request.POST
            open311.check_parameters(params)
            open311.check_jurisdiction(params)
            return view(request, *args, fmt=fmt, **kwargs)
        except open311.ApiError as error:
            return _error(fmt, error)

    return wrapper


@require_GET
@api
def discovery(request, fmt):
    return _respond(fmt, open311.discovery(), root="discovery", item=None)


@require_GET
@api
def services(request, fmt):
    entries = [open311.service_entry(t) for t in open311.service_types()]
    return _respond(fmt, entries, root="services", item="service")


@require_GET
@api
def service_definition(request, code, fmt):
    return _respond(fmt, open311.service_definition(code), root="service_definition", item=None)


@require_http_methods(["GET", "POST"])
@api
def requests(request, fmt):
    if request.method == "POST":
        return _create(request, fmt)
    key = feed_cache.page_key(fmt, translation.get_language(), list(request.GET.items()))
    version, body = feed_cache.lookup(key)
    if body is None:
        rows = open311.search(request.GET)  # an invalid query raises here: errors are never kept
        response = _respond(fmt, open311.request_entries(rows), root="service_requests", item="request")
        feed_cache.store(key, version, response.content)
        return response
    return _respond_raw(fmt, body)


def _create(request, fmt):
    key = submission.api_key_for(request.POST)
    submission.check_rate(request, key)
    data, _attributes = submission.submission_data(request.POST, key)
    try:
        with transaction.atomic():
            created = request_submit(data={**data, "language": "fr-ca"}, channel=Channel.API)
    except ValidationError as error:
        # What the model refuses is the client's error: the spec's 400 with what was wrong, never a 500.
        fields = sorted(
            submission.PARAMETER_OF.get(name, name) for name in getattr(error, "error_dict", {"request": 0})
        )
        raise open311.ApiError(400, f"invalid value for: {', '.join(fields)}") from None
    entry = {
        "service_request_id": created.number,
        "token": open311.token_for(created),
        "service_notice": "",
        "account_id": "",
    }
    return _respond(fmt, [entry], root="service_requests", item="request", status=201)


@require_GET
@api
def request_detail(request, number, fmt):
    return _respond(fmt, [open311.entry_by_number(number)], root="service_requests", item="request")


@require_GET
@api
def token(request, token, fmt):
    found = open311.request_for_token(token)
    return _respond(
        fmt, [{"service_request_id": found.number, "token": token}], root="service_requests", item="request"
    )


@require_GET
def openapi(request):
    response = HttpResponse(json.dumps(spec(), ensure_ascii=False), content_type=CONTENT_TYPES["json"])
    response["Access-Control-Allow-Origin"] = "*"
    return response
