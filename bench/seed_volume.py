"""Load N requests (default 1,000,000) with their history into the configured database, fast.

    .venv/bin/python bench/seed_volume.py [--requests 1000000] [--years 15] [--at-least]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevost_bench .venv/bin/python bench/seed_volume.py

Into the database the settings point at (migrate it first: `manage.py migrate`), beside what is
there. Distributions: services and types as in the catalogue (public works heavier), received
dates over the last N years with a seasonal swell (spring thaw, first snow), statuses by age (old
ones closed, recent ones open), a submitted event for each, assignment and completion events and
an Annexe A intervention (code 238) for completed ones. PostgreSQL is fed by COPY; SQLite by
bulk inserts. Request numbers start at 500000 within each year, and the yearly counters are moved
past them, so the portal keeps numbering without collision. Prints rows and rows per second.
"""

import argparse
import datetime as dt
import os
import random
import secrets
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevost_service.settings.local")

FIRST_NUMBER = 500_000
STREETS = [
    "rue Principale",
    "boulevard du Curé-Labelle",
    "chemin du Lac-Écho",
    "rue des Pins",
    "rue de la Station",
    "montée Sainte-Thérèse",
    "rue des Érables",
    "chemin du Lac-René",
    "rue Shaw",
    "rue Forget",
]
MONTH_WEIGHT = [0.7, 0.7, 0.9, 1.4, 1.4, 1.2, 1.0, 0.9, 1.0, 1.1, 1.2, 0.9]  # thaw in April–May, snow in Nov


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--batch", type=int, default=20_000)
    parser.add_argument(
        "--at-least",
        action="store_true",
        help="create and migrate the database if needed, then load only what is missing to reach --requests",
    )
    args = parser.parse_args()
    count = args.requests
    if args.at_least:
        _ensure_database(os.environ.get("DATABASE_URL", ""))

    import django

    django.setup()
    if args.at_least:
        from django.core.management import call_command

        from requests_app.models import ServiceRequest

        call_command("migrate", verbosity=0)
        existing = ServiceRequest.objects.count()
        count = max(0, args.requests - existing)
        if not count:
            print(f"{existing:,} requests already loaded (at least {args.requests:,} asked): nothing to add")
            return
        print(f"{existing:,} requests loaded, adding {count:,}")
    started = time.perf_counter()
    counts = seed(count, args.years, args.batch)
    elapsed = time.perf_counter() - started
    total = sum(counts.values())
    print(
        f"seeded {counts['requests']:,} requests, {counts['events']:,} events, "
        f"{counts['interventions']:,} interventions in {elapsed:.1f} s ({total / elapsed:,.0f} rows/s)"
    )


def _ensure_database(url: str) -> None:
    """The benchmark database is created on first use, so one command runs a benchmark on a new machine."""
    if not url.startswith("postgres"):
        return
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def seed(count: int, years: int, batch: int) -> dict:
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone

    from accounts.enums import Role
    from accounts.models import User
    from core.numbering import last_yearly_value, move_yearly_value_past
    from requests_app import business_days
    from requests_app.enums import Channel, EventKind, RequestKind, Status
    from requests_app.models import (
        Intervention,
        InterventionCode,
        RequestEvent,
        RequestNumberSequence,
        RequestType,
        ServiceRequest,
    )

    rng = random.Random(2026)
    tz = business_days.local_tz()
    today = timezone.localdate()
    types = list(RequestType.objects.filter(is_active=True).select_related("service"))
    weights = [3 if t.service.code == "travaux-publics" else 1 for t in types]
    code_238 = InterventionCode.objects.get(code=238)
    technicien, _ = User.objects.get_or_create(username="bench-technicien", defaults={"email": "t@bench.test"})
    technicien.groups.add(Group.objects.get(name=Role.TECHNICIEN))
    responsables = {}
    for service in {t.service for t in types}:
        user, _ = User.objects.get_or_create(
            username=f"bench-{service.code}", defaults={"email": f"{service.code}@bench.test"}
        )
        responsables[service.pk] = user.pk

    next_request = (ServiceRequest.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    next_event = (RequestEvent.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    next_intervention = (Intervention.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    # Past whatever the portal or an earlier run numbered: numbers stay unique when seeding twice.
    per_year = {
        year: max(last_yearly_value(RequestNumberSequence, year), FIRST_NUMBER)
        for year in RequestNumberSequence.objects.values_list("year", flat=True)
    }
    counts = {"requests": 0, "events": 0, "interventions": 0}
    span_days = years * 365

    def received_moment() -> dt.datetime:
        while True:
            days_ago = int(rng.random() ** 0.8 * span_days)  # a little more recent volume: the city grows
            day = today - dt.timedelta(days=days_ago)
            if rng.random() < MONTH_WEIGHT[day.month - 1] / 1.4:
                break
        return dt.datetime.combine(day, dt.time(rng.randint(7, 21), rng.randint(0, 59)), tz)

    def status_for(age_days: int) -> str:
        roll = rng.random()
        if age_days > 120:
            return Status.CLOSED if roll < 0.93 else (Status.REJECTED if roll < 0.98 else Status.COMPLETED)
        if age_days > 20:
            return [Status.CLOSED, Status.COMPLETED, Status.ASSIGNED, Status.ON_HOLD, Status.REJECTED][
                min(int(roll * 5), 4)
            ]
        return [Status.RECEIVED, Status.ASSIGNED, Status.SCHEDULED, Status.COMPLETED, Status.CLOSED][
            min(int(roll * 5), 4)
        ]

    remaining = count
    while remaining:
        size = min(batch, remaining)
        requests, events, interventions = [], [], []
        for _ in range(size):
            request_type = rng.choices(types, weights)[0]
            received_at = received_moment()
            year = received_at.year
            per_year[year] = per_year.get(year, FIRST_NUMBER) + 1
            age = (today - received_at.date()).days
            status = status_for(age)
            done = status in (Status.COMPLETED, Status.CLOSED)
            completed_on = None
            if done:
                delay = max(0, int(rng.expovariate(1 / max(request_type.target_business_days, 1)) * 1.4))
                completed_on = min(business_days.add_business_days(received_at.date(), delay), today)
            closed_at = None
            if status == Status.CLOSED:
                closed_at = dt.datetime.combine(completed_on + dt.timedelta(days=1), dt.time(10), tz)
            elif status == Status.REJECTED:
                closed_at = received_at + dt.timedelta(days=1)
            pk = next_request
            next_request += 1
            street = rng.choice(STREETS)
            requests.append(
                ServiceRequest(
                    pk=pk,
                    number=f"{year}-{per_year[year]:06d}",
                    tracking_token=secrets.token_urlsafe(32),
                    kind=RequestKind.REQUEST if rng.random() < 0.9 else RequestKind.INFORMATION,
                    channel=rng.choices([Channel.WEB, Channel.PHONE, Channel.EMAIL, Channel.COUNTER], [6, 3, 1, 1])[0],
                    received_at=received_at,
                    service_id=request_type.service_id,
                    request_type_id=request_type.pk,
                    description=f"{request_type.name_fr} signalé au {rng.randint(1, 3999)}, {street}.",
                    location_address=f"{rng.randint(1, 3999)}, {street}",
                    requester_name=f"Citoyen {pk}",
                    requester_address=f"{rng.randint(1, 3999)}, {rng.choice(STREETS)}, Prévost",
                    requester_phone="450 555-0000",
                    requester_email=f"citoyen{pk}@exemple.ca",
                    status=status,
                    responsable_id=responsables[request_type.service_id],
                    completed_on=completed_on,
                    closed_at=closed_at,
                    created_at=received_at,
                    updated_at=closed_at or received_at,
                )
            )
            history = [(EventKind.SUBMITTED, "", Status.RECEIVED, received_at)]
            if status != Status.RECEIVED and status != Status.REJECTED:
                history.append(
                    (EventKind.ASSIGNED, Status.RECEIVED, Status.ASSIGNED, received_at + dt.timedelta(hours=3))
                )
            if status == Status.REJECTED:
                history.append((EventKind.REJECTED, Status.RECEIVED, Status.REJECTED, closed_at))
            if done:
                done_at = dt.datetime.combine(completed_on, dt.time(15), tz)
                history.append((EventKind.COMPLETED, Status.ASSIGNED, Status.COMPLETED, done_at))
                interventions.append(
                    Intervention(
                        pk=next_intervention,
                        request_id=pk,
                        code_id=code_238.pk,
                        done_date=completed_on,
                        extension="227",
                        public_note="Travaux effectués.",
                        author_id=responsables[request_type.service_id],
                        created_at=done_at,
                    )
                )
                next_intervention += 1
            if status == Status.CLOSED:
                history.append((EventKind.CLOSED, Status.COMPLETED, Status.CLOSED, closed_at))
            for kind, before, after, at in history:
                events.append(
                    RequestEvent(
                        pk=next_event, request_id=pk, kind=kind, from_status=before, to_status=after, created_at=at
                    )
                )
                next_event += 1
        with transaction.atomic():
            _insert(connection, ServiceRequest, requests)
            _insert(connection, RequestEvent, events)
            _insert(connection, Intervention, interventions)
        counts["requests"] += len(requests)
        counts["events"] += len(events)
        counts["interventions"] += len(interventions)
        remaining -= size
        print(f"  {counts['requests']:,} / {count:,}", flush=True)

    with transaction.atomic():
        for year, last in per_year.items():
            move_yearly_value_past(RequestNumberSequence, year, last)
        _reset_sequences(connection, [ServiceRequest, RequestEvent, Intervention])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE requests_app_request, requests_app_requestevent, requests_app_intervention")
    return counts


def _insert(connection, model, objects):
    """COPY on PostgreSQL (the fastest way in), bulk inserts elsewhere. auto_now fields are set by hand."""
    if not objects:
        return
    fields = model._meta.concrete_fields
    if connection.vendor != "postgresql":
        # bulk_create stamps auto_now fields with today: fine for a local try, COPY keeps history.
        model.objects.bulk_create(objects, batch_size=2000)
        return
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    raw = connection.connection  # psycopg 3
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objects:
            copy.write_row([f.get_db_prep_value(getattr(obj, f.attname), connection) for f in fields])


def _reset_sequences(connection, models):
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


if __name__ == "__main__":
    main()
