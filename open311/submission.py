"""Requests filed through Open311: the key, the rate, every parameter checked and named when refused."""

import ipaddress
import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django_ratelimit.core import is_ratelimited

from open311.georeport import ApiError, attribute_answers, service_types
from open311.models import ApiKey
from requests_app.enums import ContactPreference
from requests_app.models import (
    Address,
)

# --- requests, write -------------------------------------------------------------------------------


def api_key_for(params) -> ApiKey:
    key = ApiKey.objects.for_raw_key(params.get("api_key", ""))
    if key is None:
        raise ApiError(403, "a valid api_key is required")
    return key


def check_rate(request, key: ApiKey) -> None:
    """A window per key, in the shared cache: a runaway client cannot flood the Technicien's queue."""
    limit, seconds = settings.OPEN311_POST_LIMIT
    if is_ratelimited(
        request, group="open311-post", key=lambda group, request: str(key.pk), rate=(limit, seconds), increment=True
    ):
        raise ApiError(429, f"too many requests: at most {limit} every {seconds} seconds for this api_key")


def _coordinate(params, name: str, bound: int) -> Decimal | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw).quantize(Decimal("0.000001"))
    except InvalidOperation:
        raise ApiError(400, f"{name} must be a decimal number") from None
    if not value.is_finite() or abs(value) > bound:
        raise ApiError(400, f"{name} is out of range")
    return value


def submission_data(params, key: ApiKey) -> tuple[dict, list[tuple[str, str]]]:
    """The ServiceRequest fields from a POST, and the answers to the type's attributes (kept in the description)."""
    code = params.get("service_code", "").strip()
    if not code:
        raise ApiError(400, "service_code is required")
    request_type = service_types().filter(code=code).first()
    if request_type is None:
        raise ApiError(404, f"service_code '{code}' not found")
    latitude, longitude = _coordinate(params, "lat", 90), _coordinate(params, "long", 180)
    address = params.get("address_string", "").strip()
    if (latitude is None) != (longitude is None):
        raise ApiError(400, "lat and long go together")
    civic = None
    if params.get("address_id", "").strip():
        civic = Address.objects.active().filter(source_id=params["address_id"].strip()).first()
        if civic is None:
            raise ApiError(400, "address_id is not a civic address of the city")  # not echoed: any text
        address = address or civic.label
    if latitude is None and not address:
        raise ApiError(400, "a location is required: lat and long, address_string or address_id")
    description = params.get("description", "").strip()
    if not description:
        raise ApiError(400, "description is required")
    attributes = attribute_answers(request_type, params)
    if attributes:
        description += "\n\n" + "\n".join(f"{question} : {answer}" for question, answer in attributes)
    name = " ".join(
        part for part in (params.get("first_name", "").strip(), params.get("last_name", "").strip()) if part
    )
    data = {
        "request_type": request_type,
        "description": description[:5000],
        "location_address": address[:200],
        "address": civic,
        "latitude": latitude,
        "longitude": longitude,
        "requester_name": (name or key.organisation)[:150],
        "requester_email": _email(params),
        "requester_phone": params.get("phone", "").strip()[:30],
        "contact_preference": ContactPreference.EMAIL,
        "media_url": _media_url(params),
    }
    return data, attributes


# The model's field → the parameter a client sent, for error descriptions.
PARAMETER_OF = {
    "requester_email": "email",
    "requester_phone": "phone",
    "requester_name": "first_name/last_name",
    "location_address": "address_string",
    "latitude": "lat",
    "longitude": "long",
}


def _email(params) -> str:
    """One address, as a person would type it: no list, no line break (a header injection), no junk."""
    raw = params.get("email", "")
    email = raw.strip()
    if not email:
        return ""
    if any(character in raw for character in "\r\n,;") or len(email) > 254:
        raise ApiError(400, "email must be one e-mail address")
    try:
        validate_email(email)
    except ValidationError:
        raise ApiError(400, "email must be one e-mail address") from None
    return email


_NUMERIC_LABEL = re.compile(r"0x[0-9a-f]*|[0-9]+")
_PRIVATE_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")


def is_public_host(host: str) -> bool:
    """A host on the public Internet: never loopback, private, link-local or reserved addresses, nor the
    names that stand for them. The portal never fetches media_url; staff may click it."""
    host = host.rstrip(".").lower()
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        pass
    if "." not in host or host == "localhost" or host.endswith(_PRIVATE_SUFFIXES):
        return False
    # 0x7f.1 or 2130706433.0 are addresses written as numbers, which browsers resolve without DNS.
    return not all(_NUMERIC_LABEL.fullmatch(label) for label in host.split("."))


def _media_url(params) -> str:
    url = params.get("media_url", "").strip()
    if not url:
        return ""
    if len(url) > 500:
        raise ApiError(400, "media_url is too long (500 characters at most)")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise ApiError(400, "media_url must be an http or https URL") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise ApiError(400, "media_url must be an http or https URL")
    if not is_public_host(host):
        raise ApiError(400, "media_url must point to a public host")
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ApiError(400, "media_url must be an http or https URL") from None
    return url
