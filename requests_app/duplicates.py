"""Likely duplicates of a request: the same nature, at the same place, recent, still open.

« Close » is measured in metres when both requests carry a position (the address table or the
citizen's pin), otherwise read from the addresses as typed: the same street, civic numbers near
each other. Matched in Python: for one request over the open ones of its nature, for a page of the
triage list over their places read grouped.
"""

import bisect
import datetime as dt
import functools
import hashlib
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import page_cache
from core.text_search import normalize
from requests_app.enums import NOT_COMPLETED_STATUSES, OPEN_STATUSES, RequestKind
from requests_app.models import ServiceRequest
from requests_app.signals import LIST_VERSION_KEY

EARTH_RADIUS_M = 6_371_000

# « 1234, rue… », « 12-B chemin… », « 10-12, montée… »
_CIVIC = re.compile(r"^\s*(\d+)(?:\s*-?\s*[a-z]\b|\s*-\s*\d+)?\s*,?\s*")
_STREET_WORDS = {
    "ch": "chemin",
    "boul": "boulevard",
    "bd": "boulevard",
    "av": "avenue",
    "ave": "avenue",
    "mtee": "montee",
    "rte": "route",
    "st": "saint",
    "ste": "sainte",
    "rd": "road",
}
# What follows the street: the city, the province, a postal code (« , Prévost, QC J0R 1T0 »).
_TAIL = re.compile(r",.*$|\b[a-z]\d[a-z]\s?\d[a-z]\d\b.*$")


@dataclass(frozen=True)
class PlaceKey:
    street: str
    number: int | None


@functools.lru_cache(maxsize=8192)
def place_key(address: str) -> PlaceKey | None:
    """« 1234, Rue Principale, Prévost » → (« rue principale », 1234); None when there is no street.

    Remembered per process: the triage list reads the same open requests' places on every page,
    and normalising them was a third of the page's time (issue 20)."""
    text = normalize(address or "")
    match = _CIVIC.match(text)
    number = int(match.group(1)) if match else None
    street = _TAIL.sub("", text[match.end() :] if match else text)
    words = [_STREET_WORDS.get(word, word) for word in re.findall(r"[a-z0-9]+", street)]
    if not words:
        return None
    return PlaceKey(" ".join(words), number)


def distance_m(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance (haversine); plenty for a town a few kilometres wide."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    dphi = phi2 - phi1
    dlambda = math.radians(float(lon2) - float(lon1))
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class LikelyDuplicate:
    request: ServiceRequest
    why: str
    closeness: float  # smaller is closer, for the order of the list


def _has_position(service_request: ServiceRequest) -> bool:
    return service_request.latitude is not None and service_request.longitude is not None


def _closeness(service_request: ServiceRequest, other: ServiceRequest) -> tuple[float, str] | None:
    if _has_position(service_request) and _has_position(other):
        metres = distance_m(service_request.latitude, service_request.longitude, other.latitude, other.longitude)
        if metres <= settings.DUPLICATE_RADIUS_METRES:
            return metres, _("à %(metres)s m") % {"metres": round(metres)}
        return None
    mine, theirs = place_key(service_request.location_address), place_key(other.location_address)
    if mine is None or theirs is None or mine.street != theirs.street:
        return None
    if mine.number is None or theirs.number is None:
        return settings.DUPLICATE_CIVIC_GAP, _("même rue")
    gap = abs(mine.number - theirs.number)
    if gap > settings.DUPLICATE_CIVIC_GAP:
        return None
    if gap == 0:
        return 0, _("même adresse")
    return gap, _("même rue, à %(gap)s numéros civiques") % {"gap": gap}


def candidates(service_request: ServiceRequest):
    """Open requêtes of the same nature received around the same time, not already joined."""
    window = dt.timedelta(days=settings.DUPLICATE_WINDOW_DAYS)
    return (
        ServiceRequest.objects.filter(
            kind=RequestKind.REQUEST,
            request_type_id=service_request.request_type_id,
            status__in=OPEN_STATUSES,
            received_at__gte=service_request.received_at - window,
            received_at__lte=service_request.received_at + window,
            anonymized_at__isnull=True,
        )
        .exclude(pk=service_request.pk)
        .select_related("request_type")
        .only(
            "pk",
            "number",
            "status",
            "received_at",
            "location_address",
            "latitude",
            "longitude",
            "requester_name",
            "description",
            "request_type__name_fr",
            "request_type__name_en",
        )
        .order_by("received_at", "pk")
    )


def likely_duplicates(service_request: ServiceRequest, limit: int = 5) -> list[LikelyDuplicate]:
    """What the Technicien should look at before routing `request`; nearest first."""
    if (
        service_request.kind != RequestKind.REQUEST
        or service_request.request_type_id is None
        or service_request.status not in OPEN_STATUSES
    ):
        return []
    if not service_request.location_address.strip() and not _has_position(service_request):
        return []  # without a place, « same nature » alone would list half the month
    found = []
    for other in candidates(service_request):
        closeness = _closeness(service_request, other)
        if closeness is not None:
            found.append(LikelyDuplicate(other, closeness[1], closeness[0]))
    found.sort(key=lambda item: (item.closeness, item.request.received_at))
    return found[:limit]


# The triage list says « 9+ » past this: after a storm of identical reports (a water main), counting
# thousands of them for every row of the page would cost seconds and tell the Technicien nothing more.
FLAG_CAP = 9
COUNTS_TIMEOUT = 600


def likely_duplicate_counts(rows: list[ServiceRequest]) -> dict[int, int]:
    """For a page of the triage list: how many likely duplicates each open requête has, by the same
    rule as likely_duplicates, for the whole page at once.

    The candidates (open requêtes of the page's natures, received within the window around the
    page's dates) are read grouped by nature and exact place, with their count and their first and
    last dates: after a storm, thousands of identical reports are one row (issue 20: 28,000 of them
    made each page read 28,000 rows). Each place is read once, and a row meets only the places that
    can be near it: those with a position (metres), and on its own street those without one (civic
    numbers). A group that straddles a row's window is counted exactly from its members' dates."""
    wanted = [
        row
        for row in rows
        if row.kind == RequestKind.REQUEST
        and row.request_type_id is not None
        and row.status in OPEN_STATUSES
        and (row.location_address.strip() or _has_position(row))
    ]
    if not wanted:
        return {}
    # Kept per page under the version every change to a request bumps (issue 20): the Technicien's
    # list is read far more often than requests change, and the grouping is its heaviest query.
    rule = (settings.DUPLICATE_WINDOW_DAYS, settings.DUPLICATE_RADIUS_METRES, settings.DUPLICATE_CIVIC_GAP)
    page = hashlib.sha256(repr((rule, [row.pk for row in wanted])).encode()).hexdigest()
    key = f"duplicate-counts:{page}"
    version, stored = page_cache.lookup_versioned(LIST_VERSION_KEY, key)
    if stored is not None:
        return stored
    counts = _count_likely_duplicates(wanted)
    page_cache.store_versioned(key, version, counts, COUNTS_TIMEOUT)
    return counts


def _count_likely_duplicates(wanted: list[ServiceRequest]) -> dict[int, int]:
    window = dt.timedelta(days=settings.DUPLICATE_WINDOW_DAYS)
    others = ServiceRequest.objects.filter(
        kind=RequestKind.REQUEST,
        request_type_id__in={row.request_type_id for row in wanted},
        status__in=OPEN_STATUSES,
        received_at__gte=min(row.received_at for row in wanted) - window,
        received_at__lte=max(row.received_at for row in wanted) + window,
        anonymized_at__isnull=True,
    )
    place = ("request_type_id", "location_address", "latitude", "longitude")
    groups = list(
        others.order_by()  # no default ordering in the GROUP BY
        .values(*place)
        .annotate(reports=Count("pk"), first=Min("received_at"), last=Max("received_at"))
        .values_list(*place, "reports", "first", "last", named=True)
    )
    group_of = {tuple(group[:4]): index for index, group in enumerate(groups)}
    any_row_unplaced = any(not _has_position(row) for row in wanted)
    positioned: dict[int | None, list[tuple]] = {}
    unplaced_by_street: dict[tuple[int | None, str], list[tuple]] = {}
    placed_by_street: dict[tuple[int | None, str], list[tuple]] = {}
    radius, gap = settings.DUPLICATE_RADIUS_METRES, settings.DUPLICATE_CIVIC_GAP  # read once, not per pair
    for index, group in enumerate(groups):
        placed = group.latitude is not None and group.longitude is not None
        if placed:
            positioned.setdefault(group.request_type_id, []).append((index, group.latitude, group.longitude))
        if not placed or any_row_unplaced:  # a street is compared only when one side has no position
            key = place_key(group.location_address)
            if key is not None:
                bucket = placed_by_street if placed else unplaced_by_street
                bucket.setdefault((group.request_type_id, key.street), []).append((index, key.number))

    near_places: dict[int, set[int]] = {}
    for row in wanted:
        near: set[int] = set()
        row_placed = _has_position(row)
        if row_placed:
            for index, latitude, longitude in positioned.get(row.request_type_id, ()):
                if distance_m(row.latitude, row.longitude, latitude, longitude) <= radius:
                    near.add(index)
        key = place_key(row.location_address)
        if key is not None:
            streets = [unplaced_by_street] if row_placed else [unplaced_by_street, placed_by_street]
            for bucket in streets:
                for index, number in bucket.get((row.request_type_id, key.street), ()):
                    if key.number is None or number is None or abs(key.number - number) <= gap:
                        near.add(index)
        near_places[row.pk] = near

    def straddles(index: int, row: ServiceRequest) -> bool:
        first, last = groups[index].first, groups[index].last
        return first < row.received_at - window <= last or first <= row.received_at + window < last

    partial = {index for row in wanted for index in near_places[row.pk] if straddles(index, row)}
    dates: dict[int, list[dt.datetime]] = {}
    if partial:  # rare: a place reported again and again over more than the window
        keys = Q()
        for index in partial:
            keys |= Q(**{name: groups[index][position] for position, name in enumerate(place)})
        for *key, received_at in others.filter(keys).values_list(*place, "received_at"):
            dates.setdefault(group_of[tuple(key)], []).append(received_at)
        for found in dates.values():
            found.sort()

    counts = {}
    for row in wanted:
        earliest, latest = row.received_at - window, row.received_at + window
        total = 0
        for index in near_places[row.pk]:
            group = groups[index]
            if index in dates:
                total += bisect.bisect_right(dates[index], latest) - bisect.bisect_left(dates[index], earliest)
            elif earliest <= group.last and group.first <= latest:
                total += group.reports
        if (
            group_of.get((row.request_type_id, row.location_address, row.latitude, row.longitude))
            in near_places[row.pk]
            and row.anonymized_at is None
        ):
            total -= 1  # the row itself, among its own place's reports
        counts[row.pk] = min(max(total, 0), FLAG_CAP)
    return counts


def similar_open_requests(*, request_type_id: int, latitude: float, longitude: float, limit: int = 5):
    """For a citizen about to file: open requêtes of the same nature within the duplicate radius of
    the place they chose, nearest first. Only requests with a position can be near a position."""
    window = dt.timedelta(days=settings.DUPLICATE_WINDOW_DAYS)
    nearby = []
    candidates_ = (
        ServiceRequest.objects.filter(
            kind=RequestKind.REQUEST,
            request_type_id=request_type_id,
            status__in=NOT_COMPLETED_STATUSES,
            received_at__gte=timezone.now() - window,
            latitude__isnull=False,
            longitude__isnull=False,
            anonymized_at__isnull=True,
        )
        .select_related("request_type", "address")
        .only(
            "pk",
            "number",
            "status",
            "received_at",
            "latitude",
            "longitude",
            "location_address",
            "request_type__name_fr",
            "request_type__name_en",
            "address__street",
        )
        .order_by("-received_at")[:200]
    )
    for other in candidates_:
        metres = distance_m(latitude, longitude, other.latitude, other.longitude)
        if metres <= settings.DUPLICATE_RADIUS_METRES:
            nearby.append((metres, other))
    nearby.sort(key=lambda pair: pair[0])
    return [other for _metres, other in nearby[:limit]]
