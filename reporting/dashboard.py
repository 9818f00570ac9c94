"""The directors' dashboard: each table is computed once, in a fixed number of queries whatever the
volume, and rendered both as HTML (with a chart where one helps) and as CSV with the same filters.

Complaint details never appear here: complaints are counted, nothing more.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from complaints import selectors as complaint_selectors
from requests_app import business_days
from requests_app.enums import NOT_COMPLETED_STATUSES, Channel, RequestKind, Status
from requests_app.models import SatisfactionResponse, Service, ServiceRequest, StandardResult

AGE_BUCKETS = ((0, 5), (6, 10), (11, 20), (21, 60), (61, None))


@dataclass
class Table:
    key: str
    caption: str
    headers: list[Any]  # translated text, lazy or not
    rows: list[list]
    note: str = ""  # how a figure is counted, said under the table


def services_for(user):
    """The services a reader sees: all for the DSAC, the DG and superusers; his own for a director."""
    services = Service.objects.filter(is_active=True).order_by("name_fr")
    if user.is_superuser or user.has_role(Role.DIRECTEUR_SAC, Role.DIRECTEUR_GENERAL):
        return services
    if user.has_role(Role.DIRECTEUR_SERVICE):
        return services.filter(director=user)
    return services.none()


def months_back(today: dt.date, count: int = 12) -> list[dt.date]:
    first = today.replace(day=1)
    return [first - relativedelta(months=offset) for offset in range(count - 1, -1, -1)]


def _local(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), business_days.local_tz())


def volume(services, months) -> tuple[Table, Table]:
    start = _local(months[0])
    rows = (
        ServiceRequest.objects.filter(service__in=services, received_at__gte=start)
        .annotate(month=TruncMonth("received_at"))
        .values_list("month", "kind", "channel", "status")
        .annotate(count=Count("id"))
    )
    by_kind: defaultdict[dt.date, Counter[str]] = defaultdict(Counter)
    by_channel: defaultdict[dt.date, Counter[str]] = defaultdict(Counter)
    joined: Counter[dt.date] = Counter()
    for month, kind, channel, status, count in rows:
        key = timezone.localtime(month).date()
        if status == Status.MERGED:  # one problem reported twice is one demand
            joined[key] += count
            continue
        by_kind[key][kind] += count
        by_channel[key][channel] += count
    kinds = Table(
        "volume",
        _("Demandes reçues par mois et par catégorie"),
        [_("Mois"), *[label for _value, label in RequestKind.choices], _("Total"), _("Doublons joints (non comptés)")],
        [
            [
                f"{m:%Y-%m}",
                *[by_kind[m][value] for value in RequestKind.values],
                sum(by_kind[m].values()),
                joined[m],
            ]
            for m in months
        ],
    )
    channels = Table(
        "provenance",
        _("Demandes reçues par mois et par provenance"),
        [_("Mois"), *[label for _value, label in Channel.choices]],
        [[f"{m:%Y-%m}", *[by_channel[m][value] for value in Channel.values]] for m in months],
    )
    return kinds, channels


def backlog(services, today: dt.date) -> Table:
    """Open requests by age in business days, and how many of them are past their standard."""
    counts: Counter[tuple[int, int | None]] = Counter()
    late: Counter[tuple[int, int | None]] = Counter()
    rows = ServiceRequest.objects.filter(service__in=services, status__in=NOT_COMPLETED_STATUSES).values_list(
        "received_at", "request_type__target_business_days"
    )
    tz = business_days.local_tz()
    for received_at, target in rows.iterator(chunk_size=5000):
        age = business_days.business_days_between(received_at.astimezone(tz).date(), today)
        bucket = next(b for b in AGE_BUCKETS if b[1] is None or age <= b[1])
        counts[bucket] += 1
        late[bucket] += target is not None and age > target
    return Table(
        "arrerages",
        _("Demandes non complétées, par âge (jours ouvrables)"),
        [_("Âge"), _("Demandes"), _("Hors norme")],
        [[f"{low}–{high}" if high else f"{low}+", counts[(low, high)], late[(low, high)]] for low, high in AGE_BUCKETS],
    )


def standards(services) -> Table:
    rows = (
        StandardResult.objects.filter(request_type__service__in=services)
        .select_related("request_type")
        .order_by("request_type__service__name_fr", "request_type__name_fr")
    )
    return Table(
        "normes",
        _("Part complétée dans la norme, 12 derniers mois (calcul de la nuit)"),
        [
            _("Nature"),
            _("Norme (jours ouvrables)"),
            _("Reçues"),
            _("Délai médian (jours ouvrables)"),
            _("Dans la norme (%)"),
        ],
        [
            [
                r.request_type.name if r.request_type else _("Réponse à vos courriels"),
                r.target_business_days,
                r.received,
                r.median_days if r.median_days is not None else "",
                r.percent_within if r.percent_within is not None else "",
            ]
            for r in rows
        ],
        note=_(
            "Délai médian : la moitié des requêtes sont complétées plus vite, l'autre moitié plus lentement. "
            "Dans la norme : part des requêtes complétées à temps, parmi celles dont le résultat est connu "
            "(complétées, ou encore ouvertes après l'échéance); une requête ouverte encore dans son délai "
            "n'est pas comptée."
        ),
    )


def rnc_trend(services, months) -> Table:
    """Requests not completed at the end of each month, counted from the requests' own dates in one query."""
    ends = [_local(m + relativedelta(months=1)) for m in months]
    still_open = {
        f"m{index}": Count(
            "id",
            filter=Q(received_at__lt=end)
            & (Q(completed_on__isnull=True) | Q(completed_on__gte=end.date()))
            & (Q(closed_at__isnull=True) | Q(closed_at__gte=end)),
        )
        for index, end in enumerate(ends)
    }
    counts = (
        ServiceRequest.objects.without_duplicates()
        .filter(service__in=services, kind=RequestKind.REQUEST)
        .aggregate(**still_open)
    )
    return Table(
        "rnc",
        _("Requêtes non complétées à la fin de chaque mois"),
        [_("Mois"), _("Non complétées")],
        [[f"{m:%Y-%m}", counts[f"m{index}"]] for index, m in enumerate(months)],
    )


def satisfaction(services, months) -> Table:
    rows = (
        SatisfactionResponse.objects.filter(request__service__in=services, answered_at__gte=_local(months[0]))
        .annotate(month=TruncMonth("answered_at"))
        .values_list("month", "rating")
    )
    ratings = defaultdict(list)
    for month, rating in rows:
        ratings[timezone.localtime(month).date().replace(day=1)].append(rating)
    return Table(
        "satisfaction",
        _("Satisfaction des citoyens (note sur 5)"),
        [_("Mois"), _("Réponses"), _("Moyenne")],
        [
            [f"{m:%Y-%m}", len(ratings[m]), round(sum(ratings[m]) / len(ratings[m]), 2) if ratings[m] else ""]
            for m in months
        ],
    )


def complaints(services, months) -> Table:
    counts = complaint_selectors.complaint_counts_by_month(services=services, since=_local(months[0]))
    return Table(
        "plaintes",
        _("Plaintes reçues (nombre seulement)"),
        [_("Mois"), _("Plaintes")],
        [[f"{m:%Y-%m}", counts.get(m, 0)] for m in months],
    )


def build(services, today: dt.date | None = None, only: str | None = None) -> list[Table]:
    """Every table, or with `only` the one a CSV export asks for (the others are not computed)."""
    today = today or timezone.localdate()
    months = months_back(today)
    builders = [
        (("volume", "provenance"), lambda: volume(services, months)),
        (("arrerages",), lambda: [backlog(services, today)]),
        (("normes",), lambda: [standards(services)]),
        (("rnc",), lambda: [rnc_trend(services, months)]),
        (("satisfaction",), lambda: [satisfaction(services, months)]),
        (("plaintes",), lambda: [complaints(services, months)]),
    ]
    tables: list[Table] = []
    for keys, builder in builders:
        if only is None or only in keys:
            tables.extend(builder())
    return [table for table in tables if only is None or table.key == only]
