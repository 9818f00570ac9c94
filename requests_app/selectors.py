"""Reads: what each reader may see of a request, with a fixed number of queries."""

import datetime as dt
import time
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core import page_cache
from requests_app import business_days, standards
from requests_app.enums import Channel, Status
from requests_app.models import Designation, Intervention, RequestEvent, RequestType, Service, ServiceRequest


@dataclass(frozen=True)
class PublicMessage:
    at: dt.datetime
    text: str


def public_messages(service_request: ServiceRequest, also: ServiceRequest | None = None) -> list[PublicMessage]:
    """What the city wrote for the citizen: Annexe A public notes and closing notes, oldest first;
    with `also`, the main request's too (a joined duplicate's requester follows it).
    Internal notes and staff names never go through here."""
    ids = [service_request.pk] + ([also.pk] if also is not None else [])
    notes = [
        PublicMessage(at=at, text=text)
        for at, text in Intervention.objects.filter(request_id__in=ids)
        .exclude(public_note="")
        .values_list("created_at", "public_note")
    ]
    notes += [
        PublicMessage(at=at, text=text)
        for at, text in RequestEvent.objects.filter(request_id__in=ids)
        .exclude(public_note="")
        .values_list("created_at", "public_note")
    ]
    return sorted(notes, key=lambda message: message.at)


def request_for_tracking(token: str) -> ServiceRequest | None:
    return (
        ServiceRequest.objects.select_related("service", "request_type", "duplicate_of")
        .filter(tracking_token=token)
        .first()
    )


def request_for_lookup(*, number: str, email: str) -> ServiceRequest | None:
    if not number or not email:
        return None
    return (
        ServiceRequest.objects.filter(number=number.strip(), requester_email__iexact=email.strip())
        .only("tracking_token")
        .first()
    )


def request_list_for_staff(user: User) -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.visible_to(user).with_list_relations()


def request_detail_for_staff(user: User, number: str) -> QuerySet[ServiceRequest]:
    return (
        ServiceRequest.objects.visible_to(user)
        .with_list_relations()
        .select_related("duplicate_of")
        .prefetch_related(
            "photos",
            Prefetch(
                "duplicates",
                queryset=ServiceRequest.objects.only(
                    "pk", "number", "received_at", "location_address", "description", "duplicate_of_id"
                ).order_by("received_at"),
            ),
            Prefetch("events", queryset=RequestEvent.objects.select_related("actor")),
            Prefetch("interventions", queryset=Intervention.objects.select_related("code", "author")),
        )
        .filter(number=number)
    )


def request_types_by_service() -> QuerySet[RequestType]:
    return RequestType.objects.active().select_related("service").order_by("service__name_fr", "name_fr")


@dataclass(frozen=True)
class ActiveCatalog:
    """The services and natures a citizen may choose, by id."""

    services: dict[int, Service]
    types: dict[int, RequestType]


# A process keeps the catalogue while its version (core.page_cache) holds, and never longer than this:
# with Redis away the version reads as 0 and would otherwise never change.
CATALOG_MEMO_SECONDS = 60


@dataclass
class _CatalogMemo:
    version: int | None = None
    at: float = float("-inf")
    catalog: ActiveCatalog | None = None


_catalog_memo = _CatalogMemo()


def active_catalog() -> ActiveCatalog:
    """Read once per process and catalogue version: a submission checked its service and its nature
    with a query each, a fifth of its CPU (issue 20). Every save or delete in the catalogue bumps
    the version, so a nature withdrawn in the admin is refused from the next submission on."""
    version, now, memo = page_cache.catalog_version(), time.monotonic(), _catalog_memo
    if memo.catalog is None or memo.version != version or now - memo.at > CATALOG_MEMO_SECONDS:
        types = list(request_types_by_service())
        services = {service.pk: service for service in Service.objects.filter(is_active=True)}
        memo.catalog = ActiveCatalog(services=services, types={request_type.pk: request_type for request_type in types})
        memo.version, memo.at = version, now
    return memo.catalog


def forget_catalog() -> None:
    """Drop the process's copy (tests, whose rolled-back catalogue changes leave the version as it was)."""
    _catalog_memo.catalog = None


def age_in_business_days(service_request: ServiceRequest, today: dt.date | None = None) -> int:
    end = service_request.completed_on or (
        timezone.localdate(service_request.closed_at) if service_request.closed_at else None
    )
    return business_days.business_days_between(
        timezone.localdate(service_request.received_at), end or today or timezone.localdate()
    )


def age_and_overdue(service_request: ServiceRequest, today: dt.date | None = None) -> tuple[int, bool]:
    """Age in business days and whether it passes the type's standard (only while not completed)."""
    age = age_in_business_days(service_request, today)
    overdue = (
        service_request.request_type is not None
        and service_request.is_not_completed
        and age > service_request.request_type.target_business_days
    )
    return age, overdue


def email_unanswered_too_long(service_request: ServiceRequest, age: int) -> bool:
    """A citizen's e-mail still waiting for a person's answer past the 3-business-day standard."""
    return (
        service_request.channel == Channel.EMAIL
        and service_request.status == Status.RECEIVED
        and age > standards.EMAIL_ANSWER_BUSINESS_DAYS
    )


def request_type_ids_by_service() -> dict[str, list[int]]:
    """For the form's script that narrows the types to the chosen service."""
    grouped: dict[str, list[int]] = {}
    for service_id, type_id in request_types_by_service().values_list("service_id", "pk"):
        grouped.setdefault(str(service_id), []).append(type_id)
    return grouped


def services_without_designation() -> QuerySet[Service]:
    """Active services with no designation in force: their requests cannot be routed (Annexe C)."""
    in_force = Designation.objects.in_force().values("service_id")
    return Service.objects.filter(is_active=True).exclude(pk__in=in_force).order_by("name_fr")


def staff_directory() -> QuerySet[Service]:
    """Each active service with its director and responsables, their extension, e-mail and status."""
    return (
        Service.objects.filter(is_active=True)
        .select_related("director", "responsable", "execution_responsable")
        .order_by("name_fr")
    )


def tracking_path_for(number: str, email: str) -> str | None:
    """core.tracking's finder for requêtes and questions."""
    found = request_for_lookup(number=number, email=email)
    return reverse("requests:track", kwargs={"token": found.tracking_token}) if found is not None else None
