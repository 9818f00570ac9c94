"""Benchmark: build every monthly digest (lists, PDFs, CSVs) over N open requests.

    .venv/bin/python bench/digests.py [--requests 50000]

Runs in a throwaway database created next to the configured one (test_<name>, dropped at the
end): SQLite by default, PostgreSQL when DATABASE_URL is set. Prints the time to seed, the time
to build all digests, and the SQL queries each digest ran (it must not grow with the volume).
Target (issue 3): all digests under 60 s on the 2-core machine.
"""

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevost_service.settings.local")
os.environ["EMAIL_URL"] = "memorymail://"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    settings.CELERY_TASK_ALWAYS_EAGER = True
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run(args.requests, CaptureQueriesContext, connection)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(count, CaptureQueriesContext, connection):
    import random

    from django.contrib.auth.models import Group
    from django.utils import timezone

    from accounts.enums import Role
    from accounts.models import User
    from digests import services as digests
    from digests.enums import DigestKind
    from digests.models import DigestDelivery
    from requests_app import business_days
    from requests_app.enums import Status
    from requests_app.models import RequestType, Service, ServiceRequest

    rng = random.Random(1)
    responsable_group = Group.objects.get(name=Role.RESPONSABLE)
    for service in Service.objects.all():
        user = User.objects.create(username=f"bench-{service.code}", email=f"{service.code}@bench.test")
        user.groups.add(responsable_group)
        service.responsable = user
        service.save()
    elu = User.objects.create(username="bench-elu", email="elu@bench.test")
    elu.groups.add(Group.objects.get(name=Role.ELU))

    types = list(RequestType.objects.select_related("service__responsable"))
    today = business_days.responsables_date(2026, 11)
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(7)))
    statuses = [Status.RECEIVED, Status.ASSIGNED, Status.ASSIGNED, Status.ON_HOLD, Status.SCHEDULED]
    started = time.perf_counter()
    batch = []
    for index in range(count):
        request_type = rng.choice(types)
        status = rng.choice(statuses)
        batch.append(
            ServiceRequest(
                number=f"2025-{index:06d}",
                kind="requete",
                channel="web",
                received_at=now - dt.timedelta(days=rng.randint(0, 5 * 365), minutes=rng.randint(0, 600)),
                service=request_type.service,
                request_type=request_type,
                description="Bench",
                location_address=f"{rng.randint(1, 3999)}, rue Principale",
                requester_name="Bench",
                requester_email="bench@example.ca",
                status=status,
                status_reason="Attente de pièces" if status == Status.ON_HOLD else "",
                responsable=request_type.service.responsable if status != Status.RECEIVED else None,
            )
        )
        if len(batch) == 5000:
            ServiceRequest.objects.bulk_create(batch)
            batch = []
    ServiceRequest.objects.bulk_create(batch)
    seeded = time.perf_counter() - started
    print(
        f"seeded {count} open requests over {Service.objects.count()} services in {seeded:.1f} s ({connection.vendor})"
    )

    digests.digests_dispatch(today=today, enqueue=False)
    digests.digests_dispatch(today=business_days.elus_date(2026, 12), enqueue=False)
    deliveries = list(DigestDelivery.objects.select_related("recipient").order_by("kind", "recipient__username"))
    started = time.perf_counter()
    for delivery in deliveries:
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            assert digests.digest_build(delivery_id=delivery.pk, today=today)
        delivery.refresh_from_db()
        items = delivery.items.count() if delivery.kind == DigestKind.RESPONSABLE else "-"
        print(
            f"  {delivery.kind:12} {delivery.recipient.username:32} rows={items!s:>6} "
            f"queries={len(queries):3} {time.perf_counter() - t0:5.1f} s"
        )
    total = time.perf_counter() - started
    print(
        f"built {len(deliveries)} digests (lists, PDFs, CSVs) in {total:.1f} s, one after the other "
        f"(target: under 60 s)"
    )


if __name__ == "__main__":
    main()
