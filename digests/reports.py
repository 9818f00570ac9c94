"""What the monthly digests contain, built with a fixed number of queries whatever the volume."""

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import cast

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from core.downloads import SafeCsvWriter
from requests_app import business_days
from requests_app.addresses import street_namer
from requests_app.enums import NOT_COMPLETED_STATUSES, Status
from requests_app.models import Intervention, InterventionCode, RequestEvent, Service, ServiceRequest

# On paper a reader needs the oldest and the overdue, not 6,000 rows (WeasyPrint lays out about
# 70 table rows a second): the PDF stops here, the CSV and the portal carry the full list.
PDF_MAX_ROWS = 150
EMAIL_MAX_ROWS = 40


@dataclass(frozen=True)
class RncRow:
    pk: int
    number: str
    service_id: int
    received: dt.date
    age: int
    target: int | None
    overdue: bool
    type_name: str
    address: str
    address_street: str | None
    status: str
    status_label: str
    reason: str
    planned_date: dt.date | None
    last_intervention: str


def _last_intervention_annotations():
    latest = Intervention.objects.filter(request=OuterRef("pk")).order_by("-created_at", "-pk")
    return {
        "last_code": Subquery(latest.values("code__code")[:1]),
        "last_done": Subquery(latest.values("done_date")[:1]),
    }


def _not_completed_on(day: dt.date):
    """The requests that were not completed at the end of `day`, with the status they had then (from
    their history): received by then, and neither completed nor closed before the day ended."""
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    status_then = (
        RequestEvent.objects.filter(request=OuterRef("pk"), created_at__lt=end)
        .exclude(to_status="")
        .order_by("-created_at", "-pk")
        .values("to_status")[:1]
    )
    return (
        ServiceRequest.objects.filter(received_at__lt=end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=end))
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=day))
        .annotate(status_then=Subquery(status_then))
        .filter(status_then__in=NOT_COMPLETED_STATUSES)
    )


def rnc_rows(services, today: dt.date, *, as_of: dt.date | None = None) -> list[RncRow]:
    """Every request of these services neither complétée, fermée nor non recevable, oldest first: now,
    or as it stood at the end of `as_of` (its age and status then), for a report about a past month."""
    codes = {code.code: str(code) for code in InterventionCode.objects.all()}
    statuses = dict(Status.choices)
    rows = []
    base = ServiceRequest.objects.not_completed() if as_of is None else _not_completed_on(as_of)
    # The plugin cannot follow annotations passed as **kwargs (last_code, last_date…).
    queryset = (
        base.filter(service__in=services)
        .annotate(**_last_intervention_annotations())
        .order_by("received_at", "pk")
        .values_list(
            "pk",
            "number",
            "service_id",
            "received_at",
            "request_type__name_fr",
            "request_type__target_business_days",
            "location_address",
            "address__street",
            "status" if as_of is None else "status_then",
            "status_reason",
            "planned_date",
            "last_code",
            "last_done",
        )
    )
    for (
        pk,
        number,
        service_id,
        received_at,
        type_name,
        target,
        address,
        address_street,
        status,
        reason,
        planned,
        last_code,
        last_done,
    ) in queryset.iterator(chunk_size=5000):
        received = received_at.astimezone(business_days.local_tz()).date()
        age = business_days.business_days_between(received, today)
        last = ""
        if last_code is not None:
            last = codes.get(last_code, str(last_code)) + (f" ({last_done:%Y-%m-%d})" if last_done else "")
        rows.append(
            RncRow(
                pk=pk,
                number=number,
                service_id=service_id,
                received=received,
                age=age,
                target=target,
                overdue=target is not None and age > target,
                type_name=type_name or "—",
                address=address,
                address_street=address_street,
                status=status,
                status_label=str(statuses[status]),
                reason=reason,
                planned_date=planned,
                last_intervention=last,
            )
        )
    return rows


def rnc_csv(rows: list[RncRow]) -> bytes:
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer)
    writer.writerow(
        [
            _("Numéro"),
            _("Reçue le"),
            _("Jours ouvrables"),
            _("Norme"),
            _("Hors norme"),
            _("Nature"),
            _("Lieu"),
            _("Statut"),
            _("Raison"),
            _("Dernière intervention"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.number,
                row.received.isoformat(),
                row.age,
                row.target or "",
                "X" if row.overdue else "",
                row.type_name,
                row.address,
                row.status_label,
                row.reason,
                row.last_intervention,
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode()  # BOM: Excel opens the accents right


# --- the élus' monthly report ---------------------------------------------------------------------


@dataclass
class ServiceReport:
    service: Service
    rnc_count: int = 0
    rnc_overdue: int = 0
    rnc_rows: list = field(default_factory=list)
    completed_count: int = 0
    completed_within: int = 0
    completed_rows: list = field(default_factory=list)

    @property
    def share_within(self) -> int | None:
        return round(100 * self.completed_within / self.completed_count) if self.completed_count else None


@dataclass(frozen=True)
class CompletedRow:
    number: str
    type_name: str
    street: str
    received: dt.date
    completed_on: dt.date
    age: int
    target: int | None
    within: bool


def previous_month(month_start: dt.date) -> tuple[dt.date, dt.date]:
    last = month_start - dt.timedelta(days=1)
    return last.replace(day=1), last


def elus_report(month_start: dt.date, today: dt.date) -> tuple[list[ServiceReport], dt.date]:
    """Per service: the RNC at the end of the month before `month_start` and the requests completed in it.
    Carries no name, phone, e-mail or civic number."""
    services = list(Service.objects.filter(is_active=True).order_by("name_fr"))
    reports = {service.pk: ServiceReport(service=service) for service in services}
    street_of = street_namer()
    period_start, period_end = previous_month(month_start)
    # One period per report: the RNC as they stood at the end of the month the report is about.
    for row in rnc_rows(services, period_end, as_of=period_end):
        report = reports[row.service_id]
        report.rnc_count += 1
        report.rnc_overdue += row.overdue
        report.rnc_rows.append((row, street_of(row.address_street, row.address)))
    completed = (
        ServiceRequest.objects.filter(
            status__in=(Status.COMPLETED, Status.CLOSED),
            completed_on__range=(period_start, period_end),
            service__in=services,
        )
        .order_by("completed_on", "pk")
        .values_list(
            "number",
            "service_id",
            "request_type__name_fr",
            "request_type__target_business_days",
            "location_address",
            "address__street",
            "received_at",
            "completed_on",
        )
    )
    for number, service_id, type_name, target, address, address_street, received_at, completed_on in completed.iterator(
        chunk_size=5000
    ):
        received = received_at.astimezone(business_days.local_tz()).date()
        completed_on = cast(dt.date, completed_on)  # the query keeps completed requests only
        age = business_days.business_days_between(received, completed_on)
        within = target is None or age <= target
        report = reports[service_id]
        report.completed_count += 1
        report.completed_within += within
        report.completed_rows.append(
            CompletedRow(
                number,
                type_name or "—",
                street_of(address_street, address),
                received,
                completed_on,
                age,
                target,
                within,
            )
        )
    return list(reports.values()), period_start
