"""Time Open311 `GET requests.json` and the nightly standards computation on the configured database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevost_bench .venv/bin/python bench/seed_volume.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevost_bench .venv/bin/python bench/open311_standards.py

Issue 6 asks for both figures with 1,000,000 requests in the database: load them with
bench/seed_volume.py first (this script reads, it seeds nothing). Requests go through Django's
full stack (middleware, URL, view, JSON) in-process, without a network; queries are counted too.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevost_service.settings.local")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from requests_app.models import ServiceRequest, StandardResult
    from requests_app.services.standards import standards_refresh

    setup_test_environment()  # lets the test client in (ALLOWED_HOSTS), changes nothing else read here
    total = ServiceRequest.objects.count()
    print(f"database: {connection.vendor}, {total:,} requests")
    client = Client()
    scenarios = {
        "requests.json (default: last 90 days, at most 1000)": {},
        "requests.json?status=open": {"status": "open"},
        "requests.json?service_code=nid-de-poule": {"service_code": "nid-de-poule"},
    }
    for label, params in scenarios.items():
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get("/open311/v2/requests.json", params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:200]
        with CaptureQueriesContext(connection) as queries:
            rows = len(client.get("/open311/v2/requests.json", params).json())
        print(
            f"GET {label}: {rows} rows, p50 {statistics.median(timings):.0f} ms, "
            f"p95 {percentile(timings, 0.95):.0f} ms, {len(queries)} queries"
        )
    started = time.perf_counter()
    standards_refresh()
    print(
        f"standards_refresh (12 months, {StandardResult.objects.count()} types): {time.perf_counter() - started:.1f} s"
    )
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        client.get("/normes-de-service/")
        timings.append((time.perf_counter() - started) * 1000)
    print(f"GET /normes-de-service/: p50 {statistics.median(timings):.0f} ms, p95 {percentile(timings, 0.95):.0f} ms")


if __name__ == "__main__":
    main()
