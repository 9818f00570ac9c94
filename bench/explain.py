"""Query plans of the hot pages, read off the queries those pages really run.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevost_bench
    .venv/bin/python bench/explain.py

Needs a PostgreSQL database loaded by bench/seed_volume.py. Each scenario runs the page (test
client, production settings) or the selector it calls, captures its SQL, and prints
EXPLAIN ANALYZE of every query that touches one of the big tables (requests, their events and
interventions). It ends with the list of sequential scans on those tables: there should be none.
"""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "prevost_service.settings.production"
os.environ.setdefault("SECRET_KEY", "bench-explain-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("EMAIL_URL", "dummymail://")
os.environ.setdefault("LOG_LEVEL", "ERROR")

BIG_TABLES = ("requests_app_request", "requests_app_requestevent", "requests_app_intervention")


def main():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("needs DATABASE_URL pointing at PostgreSQL loaded by bench/seed_volume.py")
    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.enums import Role
    from accounts.models import User
    from open311 import georeport as open311
    from requests_app import selectors
    from requests_app.enums import Status
    from requests_app.models import Service, ServiceRequest

    def staff(username, role, **extra):
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@bench.test", **extra})
        user.groups.add(Group.objects.get(name=role))
        return user

    technicien = staff("bench-load-technicien", Role.TECHNICIEN, is_staff=True)
    responsable = staff("bench-load-responsable", Role.RESPONSABLE)
    Service.objects.filter(code="travaux-publics").update(responsable=responsable)
    total = ServiceRequest.objects.count()
    sample = ServiceRequest.objects.filter(status=Status.CLOSED).order_by("-received_at").first()
    deep_page = max(1, min(200, total // 50))

    def page(user, path):
        """The page as a user who already browses: session, permissions and catalogue warm."""
        client = Client()
        if user is not None:
            client.force_login(user)

        def get():
            response = client.get(path, secure=True)
            assert response.status_code == 200, (path, response.status_code)

        get()
        return get

    scenarios = [
        (
            "citizen status page: the request by its token",
            lambda: selectors.request_for_tracking(sample.tracking_token),
        ),
        ("citizen status page: the city's messages", lambda: selectors.public_messages(sample)),
        (
            "lookup by number and e-mail",
            lambda: selectors.request_for_lookup(number=sample.number, email=sample.requester_email or "x@y.ca"),
        ),
        ("Technicien's admin list, default", page(technicien, "/admin/requests_app/servicerequest/")),
        (
            "Technicien's admin list, « reçue » filter",
            page(technicien, f"/admin/requests_app/servicerequest/?status__exact={Status.RECEIVED}"),
        ),
        (
            f"Technicien's admin list, page {deep_page}",
            page(technicien, f"/admin/requests_app/servicerequest/?p={deep_page}"),
        ),
        (
            "Technicien's admin list, search by number",
            page(technicien, f"/admin/requests_app/servicerequest/?q={sample.number}"),
        ),
        (
            "Technicien's admin list, search by name",
            page(technicien, "/admin/requests_app/servicerequest/?q=Tremblay"),
        ),
        ("responsable's list (to handle)", page(responsable, "/personnel/")),
        ("Open311 GET requests.json (default)", lambda: list(open311.search({}))),
        ("Open311 GET requests.json?status=open", lambda: list(open311.search({"status": "open"}))),
    ]

    print(f"database: {connection.vendor}, {total:,} requests")
    seq_scans = []
    for label, run in scenarios:
        with CaptureQueriesContext(connection) as captured:
            run()
        big = [q["sql"] for q in captured.captured_queries if any(t in q["sql"] for t in BIG_TABLES)]
        print(f"\n## {label}: {len(captured.captured_queries)} queries, {len(big)} on the big tables")
        for sql in big:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) " + sql)
                plan = [row[0] for row in cursor.fetchall()]
            print("  " + _abridge(sql))
            for line in plan:
                print("    " + line)
            for line in plan:
                match = re.search(r"Seq Scan on (\w+)", line)
                if match and match.group(1) in BIG_TABLES:
                    seq_scans.append((label, match.group(1)))
    print("\nsequential scans on the big tables:", ", ".join(f"{t} ({label})" for label, t in seq_scans) or "none")


def _abridge(sql: str) -> str:
    """The query's shape without its long column list."""
    sql = re.sub(r"SELECT .*? FROM", "SELECT … FROM", sql, count=1, flags=re.S)
    return sql if len(sql) < 400 else sql[:400] + " …"


if __name__ == "__main__":
    main()
