"""Load test: the portal under gunicorn on 127.0.0.1, against PostgreSQL and Redis, driven by wrk.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevost_bench REDIS_URL=redis://127.0.0.1:6379/0
    .venv/bin/python bench/load.py [--seconds 15] [--clients 16] [--storm-seconds 60] [--storm-clients 64]

Needs wrk (apt-get install wrk) and a database loaded by bench/seed_volume.py (1,000,000 requests
for the issue-7 targets). Production settings (DEBUG off, manifest static files), TLS assumed from
a proxy header as behind the real one. Each scenario runs for a bounded time at a fixed number of
connections, in the same run as the bare view (/healthz, same server, same settings) and as the
floor (bench/floor: a bare Django project, trivial view and write view, same gunicorn and database);
the script prints requests/s, p50/p95/p99, the ratio to /healthz and to the floor, counts 5xx, checks that every
submission answered with success is a row, runs the submission and the status page again with Redis
hung (a port that accepts and never answers), and measures a worker's memory after 1,000 and 10,000
requests.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.floor.run import run_floor  # noqa: E402  (needs ROOT on the path)

PORT = 8099
HOST = f"127.0.0.1:{PORT}"

LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) s2 = 0; s3 = 0; s4 = 0; s5 = 0 end
function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1 elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1 else s2 = s2 + 1 end
end
function done(summary, latency, requests)
  local t = {0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    t[1] = t[1] + thread:get("s2"); t[2] = t[2] + thread:get("s3")
    t[3] = t[3] + thread:get("s4"); t[4] = t[4] + thread:get("s5")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"s2": %d, "s3": %d, "s4": %d, "s5": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    t[1], t[2], t[3], t[4], e.connect + e.read + e.write + e.timeout))
end
"""


def server_env(database_url: str, redis_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prevost_service.settings.production",
        "SECRET_KEY": os.environ["SECRET_KEY"],
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECURE_SSL_REDIRECT": "False",
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
        # The submission storm comes from one address and posts at machine speed: the public forms'
        # limits (core.public_forms) would refuse it, which is not what is measured.
        "PUBLIC_FORM_RATE": "",
        "PUBLIC_FORM_MIN_SECONDS": "0",
        "TRUSTED_PROXIES": "0",
        # The staff sessions are made in the database (prepare) and have passed no second factor; a
        # verified one costs one more query (the device), which the figures leave out.
        "SECOND_FACTOR_REQUIRED": "False",
    }


def start_gunicorn(env: dict, workers: int, *, app: str = "prevost_service.wsgi", port: int = PORT) -> subprocess.Popen:
    health = "/healthz" if app == "prevost_service.wsgi" else "/"
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            app,
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--worker-class",
            "sync",
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open("/tmp/bench-gunicorn.log", "w"),  # noqa: SIM115 - held open for the server's life
    )
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", health)
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start: see /tmp/bench-gunicorn.log")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def wrk(path: str, *, seconds: int, clients: int, method="GET", body="", headers=None, host: str = HOST) -> dict:
    headers = {"X-Forwarded-Proto": "https", **(headers or {})}
    script = LUA + f"\nwrk.method = {json.dumps(method)}\nwrk.body = {json.dumps(body)}\n"
    script += "".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}\n" for k, v in headers.items())
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    output = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(clients),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            handle.name,
            f"http://{host}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(handle.name)
    result = json.loads(re.search(r"RESULT (\{.*\})", output).group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def prepare():
    """Sessions for a Technicien and a responsable, a citizen's link, a CSRF token: made in the database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevost_service.settings.local")
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.enums import Role
    from accounts.models import User
    from requests_app.enums import Status
    from requests_app.models import RequestType, Service, ServiceRequest

    def session_for(username, role, **extra):
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@bench.test", **extra})
        user.groups.add(Group.objects.get(name=role))
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "accounts.backends.UsernameOrEmailBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return user, store.session_key

    _tech, tech_session = session_for("bench-load-technicien", Role.TECHNICIEN, is_staff=True)
    responsable, resp_session = session_for("bench-load-responsable", Role.RESPONSABLE)
    Service.objects.filter(code="travaux-publics").update(responsable=responsable)
    recent = (
        ServiceRequest.objects.filter(status=Status.ASSIGNED).order_by("-received_at").first()
        or ServiceRequest.objects.first()
    )
    pothole = RequestType.objects.select_related("service").get(code="nid-de-poule")
    print(f"removed {forget_load_submissions()} submissions an earlier run left", flush=True)
    return {
        "tech_session": tech_session,
        "resp_session": resp_session,
        "token": recent.tracking_token,
        "service_id": pothole.service_id,
        "type_id": pothole.pk,
        "count": lambda: ServiceRequest.objects.count(),
    }


LOAD_EMAIL = "charge@exemple.ca"  # the address every submission of the load carries (the seed never uses it)


def forget_load_submissions() -> int:
    """Delete what the load's submissions wrote (requests, their history, their e-mails), so that every
    run measures the seeded database: thousands of identical storm reports left by earlier runs made
    the triage list slower run after run (issue 20). Without the delete signals' receivers (the page
    caches' version bumps, nothing a deleted load request needs), Django deletes in bulk instead of
    row by row: seconds instead of minutes; the Open311 feed's version is bumped once at the end."""
    from django.db.models.signals import post_delete, pre_delete

    from outbox.models import OutboundEmail
    from requests_app.models import ServiceRequest
    from requests_app.signals import requests_list_changed

    saved = {signal: signal.receivers for signal in (pre_delete, post_delete)}
    try:
        for signal in saved:
            signal.receivers = []
            signal.sender_receivers_cache.clear()
        OutboundEmail.objects.filter(to=LOAD_EMAIL).delete()
        _count, per_model = ServiceRequest.objects.filter(requester_email=LOAD_EMAIL).delete()
    finally:
        for signal, receivers in saved.items():
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()
    requests_list_changed()
    return per_model.get(ServiceRequest._meta.label, 0)


def describe_run() -> str:
    """What the figures depend on: the day, the commit, the machine."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        "?",
    )
    return (
        f"{time.strftime('%Y-%m-%d %H:%M')}, commit {commit.stdout.strip()}{' (with local changes)' if dirty else ''}, "
        f"{os.cpu_count()} cores ({cpu}), {int(memory) / 1024 / 1024:.0f} GiB"
    )


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def hammer(paths: list[str], total: int, threads: int = 4) -> None:
    done = iter(range(total))
    lock = threading.Lock()

    def run():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        while True:
            with lock:
                index = next(done, None)
            if index is None:
                return
            connection.request("GET", paths[index % len(paths)], headers={"X-Forwarded-Proto": "https"})
            connection.getresponse().read()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


class HungRedis:
    """A port that accepts connections and never answers: Redis frozen, or a proxy cut mid-way."""

    def __enter__(self):
        import socket

        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(1024)
        return f"redis://127.0.0.1:{self.server.getsockname()[1]}/0"

    def __exit__(self, *exc):
        self.server.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--storm-seconds", type=int, default=60)
    parser.add_argument("--storm-clients", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2 * os.cpu_count() + 1)
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated words: only the scenarios whose name holds one (with the floor; no storm, "
        "Redis-hung or memory runs), to try a change quickly",
    )
    args = parser.parse_args()
    database_url, redis_url = os.environ.get("DATABASE_URL"), os.environ.get("REDIS_URL")
    if not database_url or not redis_url or not shutil.which("wrk"):
        raise SystemExit("needs DATABASE_URL (PostgreSQL), REDIS_URL and wrk (apt-get install wrk)")

    # One key for the server and for the sessions made here: the session's auth hash depends on it.
    os.environ["SECRET_KEY"] = "bench-" + secrets.token_hex(16)
    data = prepare()
    from django.utils.crypto import get_random_string

    env = server_env(database_url, redis_url)
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    csrf = get_random_string(32)  # Django's CSRF secret: 32 letters and digits, cookie and form alike
    form = (
        f"csrfmiddlewaretoken={csrf}&service={data['service_id']}&request_type={data['type_id']}"
        "&description=Nid-de-poule+profond+devant+le+1234+(test+de+charge)&location_address=1234%2C+rue+Principale"
        "&requester_name=Charge+Test&requester_address=1234+rue+Principale&requester_phone=450+555-0101"
        f"&requester_email={LOAD_EMAIL.replace('@', '%40')}&contact_preference=courriel"
    )
    post_headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf}",
        "Referer": f"https://{HOST}/requete/nouvelle/",
    }
    scenarios = [
        ("bare view (/healthz)", "/healthz", {}),
        ("home page", "/", {}),
        ("request form GET", "/requete/nouvelle/", {}),
        ("citizen status page", f"/suivi/{data['token']}/", {}),
        (
            "Technicien admin list",
            "/admin/requests_app/servicerequest/",
            {"headers": {"Cookie": f"sessionid={data['tech_session']}"}},
        ),
        (
            "admin list, 4 staff at once",  # the realistic desk: the Technicien and a few colleagues
            "/admin/requests_app/servicerequest/",
            {"headers": {"Cookie": f"sessionid={data['tech_session']}"}, "clients": 4},
        ),
        ("responsable's list", "/personnel/", {"headers": {"Cookie": f"sessionid={data['resp_session']}"}}),
        ("Open311 GET requests.json", "/open311/v2/requests.json", {}),
        (
            "request POST (real submission)",
            "/requete/nouvelle/",
            {"method": "POST", "body": form, "headers": post_headers},
        ),
    ]

    quick = [word.strip() for word in args.only.split(",") if word.strip()]
    if quick:
        scenarios = [s for s in scenarios if s[0] == "bare view (/healthz)" or any(w in s[0] for w in quick)]

    # The floor first (issue 20): a bare Django project on the same database, same gunicorn.
    floor = run_floor(
        database_url=database_url,
        workers=args.workers,
        seconds=args.seconds,
        clients=args.clients,
        start_gunicorn=start_gunicorn,
        stop=stop,
        wrk=wrk,
    )
    server = start_gunicorn(env, args.workers)
    results = {}
    try:
        for label, path, options in scenarios:
            before = data["count"]() if options.get("method") == "POST" else None
            options = {"clients": args.clients, **options}
            result = wrk(path, seconds=args.seconds, **options)
            if before is not None:
                result["rows_added"] = data["count"]() - before
            results[label] = result
        if quick:
            report(args, floor, results, storm=None, redis_down=None, redis_down_page=None)
            print(f"removed the {forget_load_submissions()} submissions of this run")
            return
        before = data["count"]()
        storm = wrk(
            "/requete/nouvelle/",
            seconds=args.storm_seconds,
            clients=args.storm_clients,
            method="POST",
            body=form,
            headers=post_headers,
        )
        storm["rows_added"] = data["count"]() - before
    finally:
        stop(server)

    # Redis hung (broker and cache): submissions must still answer fast and be recorded, e-mails waiting.
    with HungRedis() as hung_url:
        server = start_gunicorn(server_env(database_url, hung_url), args.workers)
        try:
            before = data["count"]()
            redis_down = wrk(
                "/requete/nouvelle/",
                seconds=args.seconds,
                clients=args.clients,
                method="POST",
                body=form,
                headers=post_headers,
            )
            redis_down["rows_added"] = data["count"]() - before
            redis_down_page = wrk(f"/suivi/{data['token']}/", seconds=args.seconds, clients=args.clients)
        finally:
            stop(server)

    report(args, floor, results, storm=storm, redis_down=redis_down, redis_down_page=redis_down_page)

    # Memory: one worker, the status page and the home page, 1,000 then 10,000 requests.
    server = start_gunicorn(env, 1)
    try:
        worker = int(subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()[0])
        # Pages whose cost does not grow with the submissions the scenarios above added.
        paths = [f"/suivi/{data['token']}/", "/", "/requete/nouvelle/", "/open311/v2/services.json"]
        hammer(paths, 1000)
        after_1k = rss_kb(worker)
        hammer(paths, 9000)
        after_10k = rss_kb(worker)
    finally:
        stop(server)
    print(
        f"worker RSS after 1,000 requests: {after_1k / 1024:.1f} MiB; after 10,000: {after_10k / 1024:.1f} MiB "
        f"({(after_10k - after_1k) / after_1k:+.1%})"
    )
    print(f"removed the {forget_load_submissions()} submissions of this run")


def report(args, floor, results, *, storm, redis_down, redis_down_page):
    bare = results["bare view (/healthz)"]["rps"]
    floor_trivial = floor["bare Django, trivial view"]["rps"]
    floor_write = floor["bare Django, write view"]["rps"]
    print(describe_run())
    print(f"gunicorn {args.workers} sync workers, wrk 2 threads, {args.clients} connections, {args.seconds} s each")
    print(
        f"{'scenario':36} {'req/s':>8} {'ratio':>6} {'floor':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'2xx':>6} {'3xx':>6} {'4xx':>5} {'5xx':>5} {'sock':>5}"
    )

    def row(label, r):
        # « floor »: the ratio to the bare-Django view it should be compared with (write view for a POST).
        reference = floor_write if r is floor["bare Django, write view"] or "POST" in label else floor_trivial
        print(
            f"{label:36} {r['rps']:8.1f} {r['rps'] / bare:6.1%} {r['rps'] / reference:6.1%} {r['p50'] / 1000:7.1f} "
            f"{r['p95'] / 1000:7.1f} {r['p99'] / 1000:7.1f} {r['s2']:6d} {r['s3']:6d} {r['s4']:5d} {r['s5']:5d} "
            f"{r['socket_errors']:5d}"
        )

    for label, r in floor.items():
        row(label, r)
    for label, r in results.items():
        row(label, r)
        if "rows_added" in r:
            print(f"{'':36} submissions answered 302: {r['s3']}, rows added: {r['rows_added']}")
    if storm is None:
        return
    print(
        f"storm: POST, {args.storm_clients} connections for {args.storm_seconds} s: {storm['requests']} requests, "
        f"{storm['rps']:.1f} req/s, p99 {storm['p99'] / 1000:.0f} ms, 5xx {storm['s5']}, socket errors "
        f"{storm['socket_errors']}, answered 302 {storm['s3']}, rows added {storm['rows_added']}"
    )
    row("Redis hung: request POST", redis_down)
    row("Redis hung: citizen status page", redis_down_page)
    print(
        f"{'':36} submissions answered 302 with Redis hung: {redis_down['s3']}, rows added: {redis_down['rows_added']}"
    )


if __name__ == "__main__":
    main()
