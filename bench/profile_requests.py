"""Where a request's time goes: the portal's WSGI application called in-process, no server, no network.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevost_bench REDIS_URL=redis://127.0.0.1:6379/0
    .venv/bin/python bench/profile_requests.py [--repeat 300] [--profile submission] [--top 25] [--sql]

Production settings as `bench/load.py` serves them. For each scenario (the floor's two views, /healthz,
the status page, Open311's default page, a real submission) it prints the CPU and wall milliseconds
per request, the SQL queries and the Redis commands it sent; `--profile NAME` adds cProfile's heaviest
functions for one scenario (cumulative time), which is what docs/performance.md quotes as « the
profile of the submission ». The wall clock of one process on an idle machine: compare scenarios
of one run, not runs of different days.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import LOAD_EMAIL, server_env  # noqa: E402


def environ_for(path: str, *, method="GET", body=b"", cookies="", host="127.0.0.1") -> dict:
    import io as _io

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path.split("?")[0],
        "QUERY_STRING": path.split("?")[1] if "?" in path else "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "HTTP_HOST": host,
        "HTTP_X_FORWARDED_PROTO": "https",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": _io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "CONTENT_LENGTH": str(len(body)),
    }
    if method == "POST":
        environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        environ["HTTP_REFERER"] = f"https://{host}/requete/nouvelle/"
    if cookies:
        environ["HTTP_COOKIE"] = cookies
    return environ


def call(app, environ_factory) -> int:
    status = {}

    def start_response(line, headers, exc_info=None):
        status["code"] = int(line.split()[0])

    body = app(environ_factory(), start_response)
    for _ in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return status["code"]


class RedisCounter:
    """Counts the commands the portal sends to Redis (cache, rate limits, publishing)."""

    def __init__(self):
        self.count = 0
        self.commands: list[str] = []

    def install(self):
        import redis.client

        original = redis.client.Redis.execute_command
        pipeline_original = redis.client.Pipeline.execute
        counter = self

        def counted(self_, *args, **options):
            counter.count += 1
            counter.commands.append(str(args[0]))
            return original(self_, *args, **options)

        def counted_pipeline(self_, *args, **options):
            counter.count += 1
            counter.commands.append("pipeline: " + " ".join(str(command[0][0]) for command in self_.command_stack))
            return pipeline_original(self_, *args, **options)

        redis.client.Redis.execute_command = counted
        redis.client.Pipeline.execute = counted_pipeline


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--profile", default="")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--only", default="", help="measure only this scenario (for py-spy and the like)")
    parser.add_argument("--sort", default="cumulative", help="cProfile's order: cumulative, or tottime for hot spots")
    parser.add_argument("--sql", action="store_true", help="print the profiled scenario's SQL")
    parser.add_argument("--floor", action="store_true", help="the bare-Django floor (bench/floor) instead")
    args = parser.parse_args()
    if args.floor:
        return profile_floor(args)
    os.environ["SECRET_KEY"] = "bench-" + secrets.token_hex(16)
    os.environ.update(server_env(os.environ["DATABASE_URL"], os.environ["REDIS_URL"]))
    os.environ["DJANGO_SETTINGS_MODULE"] = "prevost_service.settings.production"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest production reads
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.utils.crypto import get_random_string

    from requests_app.models import RequestType, ServiceRequest
    from requests_app.signals import requests_list_changed

    portal = get_wsgi_application()
    redis_counter = RedisCounter()
    redis_counter.install()

    from bench.load import prepare

    sessions = prepare()  # a Technicien's and a responsable's sessions, as bench/load.py makes them
    token = ServiceRequest.objects.order_by("-received_at").values_list("tracking_token", flat=True).first()
    pothole = RequestType.objects.get(code="nid-de-poule")
    csrf = get_random_string(32)
    form = urlencode(
        {
            "csrfmiddlewaretoken": csrf,
            "service": pothole.service_id,
            "request_type": pothole.pk,
            "description": "Nid-de-poule profond devant le 1234 (profil)",
            "location_address": "1234, rue Principale",
            "requester_name": "Profil Test",
            "requester_address": "1234 rue Principale",
            "requester_phone": "450 555-0101",
            "requester_email": LOAD_EMAIL,  # deleted with the load's at the next start, and at the end
            "contact_preference": "courriel",
        }
    ).encode()
    scenarios = {
        "healthz": (portal, lambda: environ_for("/healthz")),
        "status page": (portal, lambda: environ_for(f"/suivi/{token}/")),
        "open311 requests.json": (portal, lambda: environ_for("/open311/v2/requests.json")),
        # The same after any change to a request: the feed read and written out again.
        "open311, after a change": (
            portal,
            lambda: requests_list_changed() or environ_for("/open311/v2/requests.json"),
        ),
        "Technicien's admin list": (
            portal,
            lambda: environ_for("/admin/requests_app/servicerequest/", cookies=f"sessionid={sessions['tech_session']}"),
        ),
        "responsable's list": (
            portal,
            lambda: environ_for("/personnel/", cookies=f"sessionid={sessions['resp_session']}"),
        ),
        "submission": (
            portal,
            lambda: environ_for("/requete/nouvelle/", method="POST", body=form, cookies=f"csrftoken={csrf}"),
        ),
    }
    measure(args, scenarios, connection, redis_counter)
    from bench.load import forget_load_submissions

    print(f"removed the {forget_load_submissions()} submissions of this run")


def profile_floor(args):
    """The floor's two views, measured the same way (its own settings: a process holds one project)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.floor.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    from bench.floor.run import FLOOR_FORM

    call_command("migrate", run_syncdb=True, verbosity=0)
    floor = get_wsgi_application()
    body = FLOOR_FORM.encode()
    scenarios = {
        "floor: trivial view": (floor, lambda: environ_for("/")),
        "floor: write view": (floor, lambda: environ_for("/submit/", method="POST", body=body)),
    }
    measure(args, scenarios, connection, RedisCounter())


def measure(args, scenarios, connection, redis_counter):
    profiled = ""
    print(f"{'scenario':28} {'status':>6} {'CPU ms':>8} {'wall ms':>8} {'queries':>8} {'redis':>6}")
    for name, (app, factory) in scenarios.items():
        if args.only and name != args.only:
            continue
        repeat = (
            max(20, args.repeat // 10)
            if name
            in (
                "open311, after a change",
                "submission",
                "floor: write view",
                "Technicien's admin list",
                "responsable's list",
            )
            else args.repeat
        )
        status = call(app, factory)  # warm: templates, URL resolver, connections
        # Django empties connection.queries when a request starts: count at the cursor instead.
        queries: list[str] = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            before = redis_counter.count
            call(app, factory)
            redis_commands = redis_counter.count - before
        if args.sql and name == args.profile:
            print("\n".join(sql[:160] for sql in queries))
            print("Redis:", ", ".join(redis_counter.commands[before:]))
        profiler = cProfile.Profile() if name == args.profile else None
        started, wall = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        for _ in range(repeat):
            call(app, factory)
        if profiler:
            profiler.disable()
        cpu = (time.process_time() - started) * 1000 / repeat
        wall = (time.perf_counter() - wall) * 1000 / repeat
        print(f"{name:28} {status:>6} {cpu:>8.2f} {wall:>8.2f} {len(queries):>8} {redis_commands:>6}")
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
            profiled = out.getvalue()
    if args.profile:
        print(profiled)


if __name__ == "__main__":
    main()
