"""The satisfaction survey (policy 4.1: surveys by the Responsable de l'Expérience citoyen).

The closure e-mail carries five links, one per rating, each with a signed token that names the
request and expires after 30 days. Following a link shows the rating already chosen and a comment
box; the answer is recorded when the citizen sends it. Recording on the GET itself would let the
link scanners of mail providers, which open every link of a message, answer in the citizen's place.
"""

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.db.models import QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import translation

from requests_app.enums import Status
from requests_app.models import RequestType, SatisfactionResponse, Service, ServiceRequest

VALID_FOR = dt.timedelta(days=30)
RATINGS = (1, 2, 3, 4, 5)
_SALT = "requests.satisfaction"


def survey_token(service_request: ServiceRequest) -> str:
    return signing.TimestampSigner(salt=_SALT).sign_object(service_request.pk)


def survey_path(service_request: ServiceRequest, language: str) -> str:
    with translation.override(language):
        return reverse("requests:satisfaction", kwargs={"token": survey_token(service_request)})


def request_for_token(token: str) -> ServiceRequest | None:
    """The request a token names, or None when forged or older than 30 days."""
    try:
        pk = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=VALID_FOR)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    return ServiceRequest.objects.select_related("request_type", "service").filter(pk=pk, status=Status.CLOSED).first()


# --- what the Responsable de l'Expérience citoyen reads -----------------------------------------------


@dataclass
class Group:
    label: str
    ratings: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.ratings)

    @property
    def average(self) -> float:
        return round(statistics.fmean(self.ratings), 2) if self.ratings else 0.0

    @property
    def distribution(self) -> list[int]:
        return [self.ratings.count(value) for value in RATINGS]


def responses(*, service=None, start: dt.date | None = None, end: dt.date | None = None) -> QuerySet:
    queryset = SatisfactionResponse.objects.select_related("request__service", "request__request_type")
    if service is not None:
        queryset = queryset.filter(request__service=service)
    if start:
        queryset = queryset.filter(answered_at__date__gte=start)
    if end:
        queryset = queryset.filter(answered_at__date__lte=end)
    return queryset


def summary(queryset: QuerySet) -> dict[str, list[Group]]:
    """Averages and distributions by service, by type and by month, in one query."""
    by: dict[str, defaultdict[Any, list[int]]] = {
        "service": defaultdict(list),
        "type": defaultdict(list),
        "month": defaultdict(list),
    }
    rows = list(
        queryset.annotate(month=TruncMonth("answered_at")).values_list(
            "rating", "request__service_id", "request__request_type_id", "month"
        )
    )
    # Names in the reader's language (TranslatedNameMixin), two small queries whatever the volume.
    services = Service.objects.in_bulk({row[1] for row in rows if row[1]})
    types = RequestType.objects.in_bulk({row[2] for row in rows if row[2]})
    for rating, service_id, type_id, month in rows:
        by["service"][services[service_id].name if service_id else "—"].append(rating)
        by["type"][types[type_id].name if type_id else "—"].append(rating)
        by["month"][month.strftime("%Y-%m")].append(rating)
    return {
        key: [Group(label, ratings) for label, ratings in sorted(groups.items(), reverse=key == "month")]
        for key, groups in by.items()
    }
