"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): discovery, service types and their
attributes, the public requests feed (writes: open311/submission.py; XML: open311/formats.py).

Service codes are request-type codes; a service request is a `ServiceRequest` of kind requête.
GET answers never carry personal information: no name, e-mail or phone; the address as filed.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from email.utils import parseaddr

from django.conf import settings
from django.core import signing
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from requests_app.enums import FINAL_STATUSES, NOT_COMPLETED_STATUSES, RequestKind, Status
from requests_app.models import (
    AttributeDatatype,
    Intervention,
    RequestEvent,
    RequestType,
    RequestTypeAttribute,
    ServiceRequest,
)
from requests_app.models.catalog import reads_english, translated_name
from requests_app.models.requests import RequestQuerySet

MAX_RESULTS = 1000
DEFAULT_WINDOW = dt.timedelta(days=90)
CLOSED_STATUSES = (Status.COMPLETED, *FINAL_STATUSES)
assert set(CLOSED_STATUSES) | set(NOT_COMPLETED_STATUSES) == set(Status)  # open and closed cover them all
_TOKEN_SALT = "open311.token"


@dataclass
class ApiError(Exception):
    status: int
    description: str

    def as_list(self):
        return [{"code": self.status, "description": self.description}]


def iso(value, zone: dt.tzinfo) -> str | None:
    """A date and time as the spec writes it, in the city's time zone; a date alone reads as noon."""
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(12), tzinfo=zone)
    return value.astimezone(zone).isoformat(timespec="seconds")


def check_parameters(params) -> None:
    """PostgreSQL text cannot hold NUL: a parameter carrying one is the client's error, not a 500."""
    if any("\x00" in key or any("\x00" in value for value in params.getlist(key)) for key in params):
        raise ApiError(400, "parameters must not contain NUL characters")


def check_jurisdiction(params) -> None:
    jurisdiction = params.get("jurisdiction_id")
    if jurisdiction and jurisdiction != settings.OPEN311_JURISDICTION_ID:
        raise ApiError(404, f"jurisdiction_id '{jurisdiction}' is not served here")


# --- discovery -----------------------------------------------------------------------------------

# When this API's definition last changed (GeoReport v2 discovery « changeset »): raise it with the API.
CHANGESET = "2026-11-30T00:00:00-05:00"


def discovery() -> dict:
    base = settings.PORTAL_BASE_URL
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return {
        "changeset": CHANGESET,
        "contact": f"Service aux citoyens, {settings.CITY_NAME} — {address}, {settings.CITY_URGENT_PHONE}",
        "key_service": f"Clés d'API délivrées par la Ville sur demande écrite : {address}",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": f"{base}/open311/v2",
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }


# --- services ------------------------------------------------------------------------------------


def service_types() -> QuerySet[RequestType]:
    return (
        RequestType.objects.active()
        .select_related("service")
        .annotate(has_attributes=Exists(RequestTypeAttribute.objects.filter(request_type=OuterRef("pk"))))
        .order_by("service__name_fr", "name_fr")
    )


def service_entry(request_type: RequestType) -> dict:
    return {
        "service_code": request_type.code,
        "service_name": request_type.name,
        "description": request_type.name,
        "metadata": request_type.has_attributes,  # type: ignore[attr-defined]  # annotated by the queryset
        "type": "realtime",
        "keywords": "",
        "group": request_type.service.name,
    }


def _attributes_of(code: str) -> list[RequestTypeAttribute]:
    return list(RequestTypeAttribute.objects.filter(request_type__code=code).order_by("order", "pk"))


def attribute_entry(attribute: RequestTypeAttribute) -> dict:
    return {
        "variable": True,
        "code": attribute.code,
        "datatype": attribute.datatype,
        "required": attribute.required,
        "datatype_description": "",
        "order": attribute.order,
        "description": attribute.description,
        "values": [{"key": key, "name": name} for key, name in attribute.values()],
    }


def service_definition(code: str) -> dict:
    if not service_types().filter(code=code).exists():
        raise ApiError(404, f"service_code '{code}' not found")
    return {"service_code": code, "attributes": [attribute_entry(a) for a in _attributes_of(code)]}


def _attribute_answer(attribute: RequestTypeAttribute, params) -> str | None:
    """The answer to one attribute, as words for the Technicien, or None when not given."""
    name = f"attribute[{attribute.code}]"
    if attribute.datatype == AttributeDatatype.MULTI:
        raw = [value.strip() for value in params.getlist(name + "[]") + params.getlist(name) if value.strip()]
    else:
        raw = [params.get(name, "").strip()] if params.get(name, "").strip() else []
    if not raw:
        if attribute.required:
            raise ApiError(400, f"{name} is required for this service")
        return None
    if attribute.is_list:
        names = dict(attribute.values())
        if any(value not in names for value in raw):
            raise ApiError(400, f"{name} must be one of: {', '.join(names)}")
        return ", ".join(names[value] for value in raw)
    if attribute.datatype == AttributeDatatype.NUMBER:
        try:
            number = Decimal(raw[0])
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise ApiError(400, f"{name} must be a number")
    if attribute.datatype == AttributeDatatype.DATETIME:
        _parse_datetime(name, raw[0])
    return raw[0][:500]


def attribute_answers(request_type: RequestType, params) -> list[tuple[str, str]]:
    """(question, answer) for each attribute of the type that was answered; unknown ones are refused."""
    attributes = _attributes_of(request_type.code)
    known = {a.code for a in attributes}
    for key in params:
        if key.startswith("attribute["):
            code = key[len("attribute[") :].split("]", 1)[0]
            if code not in known:
                raise ApiError(400, "an attribute is not part of this service's definition")
    answers = []
    for attribute in attributes:
        answer = _attribute_answer(attribute, params)
        if answer is not None:
            answers.append((attribute.description_fr, answer))
    return answers


# --- requests, read --------------------------------------------------------------------------------


def public_requests() -> RequestQuerySet:
    """Requêtes only: information demands and complaints are not public service requests."""
    return (
        ServiceRequest.objects.filter(kind=RequestKind.REQUEST, request_type__isnull=False)
        .exclude(status=Status.RECLASSIFIED)
        .select_related("request_type", "service", "address")
    )


def _parse_datetime(name: str, raw: str) -> dt.datetime:
    value = parse_datetime(raw.replace(" ", "+")) if raw else None  # a '+' in a query string arrives as ' '
    if value is None:
        raise ApiError(400, f"{name} must be an ISO 8601 date and time (e.g. 2026-11-23T09:00:00-05:00)")
    # The 90-day window is computed from it: year 1 or 9999 would overflow (a 500 schemathesis found).
    if not 1900 <= value.year <= 9000:
        raise ApiError(400, f"{name} is out of range")
    # Python takes any offset under 24 hours, PostgreSQL none past 15:59 (a 500 schemathesis found);
    # the world's time zones run from -12:00 to +14:00.
    offset = value.utcoffset()
    if offset is not None and not -dt.timedelta(hours=12) <= offset <= dt.timedelta(hours=14):
        raise ApiError(400, f"{name} has a time zone offset outside -12:00 to +14:00")
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def search(params) -> RequestQuerySet:
    """The requests a GET requests.json asks for, newest first (at most MAX_RESULTS are read)."""
    # Every argument is checked, even those service_request_id overrides: a malformed one is an error.
    end = _parse_datetime("end_date", params["end_date"]) if "end_date" in params else timezone.now()
    start = _parse_datetime("start_date", params["start_date"]) if "start_date" in params else end - DEFAULT_WINDOW
    if start > end:
        raise ApiError(400, "start_date must be before end_date")
    if end - start > DEFAULT_WINDOW:
        raise ApiError(400, "start_date and end_date may not span more than 90 days")
    wanted = {value.strip() for value in params["status"].split(",")} if "status" in params else {"open", "closed"}
    if not wanted or not wanted <= {"open", "closed"}:
        raise ApiError(400, "status must be open or closed")
    queryset = public_requests()
    ids = [value.strip() for value in params.get("service_request_id", "").split(",") if value.strip()]
    if ids:  # the spec: service_request_id overrides every other argument
        return queryset.filter(number__in=ids[:MAX_RESULTS]).order_by("-received_at")
    # A joined duplicate is the same problem as its main request: a feed that listed both would count it
    # twice. Asked for by its id it still answers (closed, its note says where it was joined).
    queryset = queryset.without_duplicates().filter(received_at__gte=start, received_at__lte=end)
    codes = [code.strip() for code in params.get("service_code", "").split(",") if code.strip()]
    if codes:
        queryset = queryset.filter(request_type__code__in=codes)
    if wanted == {"open"}:
        # The same set as « not CLOSED », spelled as a list so the (status, received_at) index serves it.
        queryset = queryset.filter(status__in=NOT_COMPLETED_STATUSES)
    elif wanted == {"closed"}:
        queryset = queryset.filter(status__in=CLOSED_STATUSES)
    return queryset.order_by("-received_at")


def latest_public_notes(request_ids: QuerySet) -> dict[int, str]:
    """The last note written for the citizen on each request, in two queries for the whole page.

    `request_ids`: the page's query, not its list of ids: a thousand parameters took PostgreSQL
    longer to plan than the join takes to run."""
    latest: dict[int, tuple] = {}
    for model in (Intervention, RequestEvent):
        rows = model.objects.filter(request_id__in=request_ids).exclude(public_note="")
        for request_id, at, text in rows.values_list("request_id", "created_at", "public_note"):
            if request_id not in latest or at >= latest[request_id][0]:
                latest[request_id] = (at, text)
    return {request_id: text for request_id, (_at, text) in latest.items()}


# What an entry reads: plain values, not model instances (a thousand requests with their type,
# service and address were 60 % of the feed's time, issue 20).
_ENTRY_FIELDS = (
    "pk",
    "number",
    "status",
    "description",
    "received_at",
    "updated_at",
    "planned_date",
    "location_address",
    "latitude",
    "longitude",
    "media_url",
    "request_type__code",
    "request_type__name_fr",
    "request_type__name_en",
    "service__name_fr",
    "service__name_en",
    "address__source_id",
    "address__postal_code",
)


def request_entries(requests: RequestQuerySet) -> list[dict]:
    """The spec's entries for a search's requests, at most MAX_RESULTS."""
    page = requests[:MAX_RESULTS]
    notes = latest_public_notes(page.values("pk"))
    english, zone = reads_english(), timezone.get_current_timezone()
    return [
        {
            "service_request_id": row.number,
            "status": "closed" if row.status in CLOSED_STATUSES else "open",
            "status_notes": notes.get(row.pk, ""),
            "service_name": translated_name(row.request_type__name_fr, row.request_type__name_en, english=english),
            "service_code": row.request_type__code,
            "description": row.description,
            "agency_responsible": translated_name(row.service__name_fr, row.service__name_en, english=english)
            if row.service__name_fr is not None
            else "",
            "service_notice": "",
            "requested_datetime": iso(row.received_at, zone),
            "updated_datetime": iso(row.updated_at, zone),
            "expected_datetime": iso(row.planned_date, zone),
            "address": row.location_address,
            "address_id": row.address__source_id or "",
            "zipcode": row.address__postal_code or "",
            "lat": float(row.latitude) if row.latitude is not None else None,
            "long": float(row.longitude) if row.longitude is not None else None,
            "media_url": row.media_url,
        }
        for row in page.values_list(*_ENTRY_FIELDS, named=True)
    ]


def entry_by_number(number: str) -> dict:
    entries = request_entries(public_requests().filter(number=number))
    if not entries:
        raise ApiError(404, f"service_request_id '{number}' not found")
    return entries[0]


def token_for(service_request: ServiceRequest) -> str:
    return signing.dumps(service_request.pk, salt=_TOKEN_SALT)


def request_for_token(token: str) -> ServiceRequest:
    try:
        pk = signing.loads(token, salt=_TOKEN_SALT)
    except signing.BadSignature:
        raise ApiError(404, "token not found") from None
    request = public_requests().filter(pk=pk).first()
    if request is None:
        raise ApiError(404, "token not found")
    return request
