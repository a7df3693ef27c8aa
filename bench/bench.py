"""Load benchmark: BackCare's pages against a bare Django "hello" view, side by side.

    make bench                                  # SQLite in a temporary folder
    make bench-postgres                         # PostgreSQL, in a dedicated database
    .venv/bin/python bench/bench.py --duration 8 --check

One run: a fresh database (migrate, loadcatalog, a user whose routine is on every day),
two gunicorns with the project's own backcare/gunicorn.conf.py on free loopback ports
(handed over as already-bound sockets)
(one serving BackCare, one serving bench/hello.py through the same settings and
middleware), then wrk at 32 connections against each URL. It prints a markdown table with
requests/s, p50/p99 latency, errors and the ratio to hello, counts "database is locked" in
the server logs, and with --check exits 1 when a target is missed.
"""

import argparse
import contextlib
import http.client
import io
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
BENCH_DB_NAME = "backcare_bench"
USERNAME = "bench"
PASSWORD = "Bench-gentle-back-2026"
ROUTINE_SLUGS = ("cat-cow", "pelvic-tilts", "bridge", "plank", "knee-to-chest")
HISTORY_DAYS = 28

# Targets: the ratio of each page's requests/s to hello's in the same run, and for every
# row a 99th percentile latency under P99_LIMIT_MS at 32 connections.
TARGETS = {
    "catalog": 0.6,
    "exercise": 0.6,
    "catalog-user": 0.4,
    "exercise-user": 0.4,
    "today": 0.35,
    "plan": 0.35,
    "tick": 0.15,
}
P99_LIMIT_MS = 200

TICK_LUA = """\
-- Tick and untick the routine's items in turn, as the HTMX checkbox does.
local items = {%(items)s}
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "%(cookie)s"
wrk.headers["X-CSRFToken"] = "%(csrf)s"
wrk.headers["HX-Request"] = "true"
request = function()
  local index = counter %% #items + 1
  local done = (math.floor(counter / #items) %% 2 == 0) and "1" or "0"
  counter = counter + 1
  return wrk.format(nil, "/day/%(day)s/items/" .. items[index] .. "/check/", nil, "done=" .. done)
end
"""


def tick_in_process(client, info: dict, index: int):
    """The tick TICK_LUA sends, through Django's test client (bench/inprocess.py,
    bench/instructions.py): request `index` ticks, then unticks, the items in turn. The
    client is logged in and holds a CSRF cookie."""
    items = info["item_ids"]
    done = "1" if (index // len(items)) % 2 == 0 else "0"
    return client.post(
        f"/day/{info['today']}/items/{items[index % len(items)]}/check/",
        f"done={done}",
        content_type="application/x-www-form-urlencoded",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value, "HX-Request": "true"},
    )


@dataclass
class Target:
    key: str
    label: str
    server: str  # "hello" or "app"
    path: str
    expect: int = 200
    cookie: bool = False
    script: Path | None = None


@dataclass
class Result:
    target: Target
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    notes: list[str] = field(default_factory=list)
    ratio: float = 0.0
    app_cpu_us: float = 0.0  # gunicorn's CPU time per request (master and workers)
    db_cpu_us: float = 0.0  # PostgreSQL's (all its processes); 0 on SQLite, in-process


# --- Database -------------------------------------------------------------------------------


@contextlib.contextmanager
def bench_database(workdir: Path):
    """A fresh database URL: SQLite in workdir, or a dedicated PostgreSQL database."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    import psycopg

    parts = urllib.parse.urlsplit(base)
    url = urllib.parse.urlunsplit(parts._replace(path=f"/{BENCH_DB_NAME}"))
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB_NAME} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {BENCH_DB_NAME}")
    try:
        yield url
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB_NAME} WITH (FORCE)")


def prepare_data(env: dict) -> dict:
    """Migrate, load the catalog and create the bench user, in this process."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "backcare.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    from exercises.models import (
        ALL_WEEKDAYS,
        Exercise,
        ExerciseCheck,
        Routine,
        RoutineItem,
        SessionLog,
    )

    call_command("migrate", interactive=False, verbosity=0)
    call_command("loadcatalog", stdout=io.StringIO())
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    user = get_user_model().objects.create_user(USERNAME, password=PASSWORD)
    routine = Routine.objects.create(owner=user, name="Every day", weekdays=ALL_WEEKDAYS)
    exercises = {e.slug: e for e in Exercise.objects.filter(slug__in=ROUTINE_SLUGS)}
    items = [
        RoutineItem.objects.create_with_default_dose(routine, exercises[slug], position)
        for position, slug in enumerate(ROUTINE_SLUGS)
    ]
    today = user.profile.today()
    # Four weeks of finished sessions, so Today, the plan and its suggestions have history.
    for back in range(1, HISTORY_DAYS + 1):
        session = SessionLog.objects.create(
            owner=user,
            routine=routine,
            routine_name=routine.name,
            date=today - timedelta(days=back),
            finished_at=timezone.now() - timedelta(days=back),
            pain_before=4,
            pain_after=3,
            effort=2,
        )
        ExerciseCheck.objects.bulk_create(
            ExerciseCheck(session=session, exercise=item.exercise, item=item) for item in items
        )
    # A database in service has planner statistics (autovacuum's ANALYZE); a just-seeded
    # one has none yet, and PostgreSQL then plans the tick's joins worse.
    with connections["default"].cursor() as cursor:
        cursor.execute("ANALYZE")
    info = {
        "vendor": connections["default"].vendor,
        "cache": " + ".join(
            f"{alias} {config['BACKEND'].rsplit('.', 1)[-1]}"
            for alias, config in settings.CACHES.items()
        ),
        "sessions": settings.SESSION_ENGINE.rsplit(".", 1)[-1],
        "today": today.isoformat(),
        "item_ids": [item.pk for item in items],
        "play": f"/day/{today.isoformat()}/routines/{routine.pk}/play/",
    }
    connections.close_all()
    return info


# --- Servers --------------------------------------------------------------------------------


def loopback_socket() -> socket.socket:
    """A socket bound to a free loopback port, handed to gunicorn as fd:// (no race)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def start_server(name: str, env: dict, workdir: Path, settings_module: str) -> Server:
    listener = loopback_socket()
    port = listener.getsockname()[1]
    log = workdir / f"gunicorn-{name}.log"
    server_env = {
        **env,
        "BIND": f"fd://{listener.fileno()}",
        "DJANGO_SETTINGS_MODULE": settings_module,
    }
    with listener, log.open("wb") as out:
        process = subprocess.Popen(
            [str(GUNICORN), "--config", str(ROOT / "backcare" / "gunicorn.conf.py")],
            cwd=ROOT,
            env=server_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            pass_fds=(listener.fileno(),),
        )
    server = Server(name, port, process, log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn ({name}) exited:\n{server.log_text()[-3000:]}")
        with contextlib.suppress(OSError):
            status, _, _ = request(port, "GET", "/")
            if status < 500:
                return server
        time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"gunicorn ({name}) did not answer within 30 s:\n{server.log_text()[-3000:]}")


def stop_server(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


def cpu_seconds(server: Server) -> tuple[float, float]:
    """CPU time used so far by the server's processes (its session: gunicorn's master and
    workers) and by PostgreSQL's, read from /proc: per request, it shows whether the cost
    is in the worker or in the database. (0, 0) where there is no /proc."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    app = database = 0
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone, or not ours to read
            continue
        name, fields = stat[stat.index("(") + 1 : stat.rindex(")")], stat.rsplit(")", 1)[1].split()
        # utime + stime, and cutime + cstime: the workers that exited (max_requests)
        used = sum(int(value) for value in fields[11:15])
        if int(fields[3]) == server.process.pid:  # session id: start_new_session=True
            app += used
        elif name.startswith("postgres"):
            database += used
    return app / tick, database / tick


def worker_count(server: Server) -> int:
    out = subprocess.run(
        ["ps", "--ppid", str(server.process.pid), "-o", "pid="],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return len(out.split())


# --- HTTP -----------------------------------------------------------------------------------


def request(port: int, method: str, path: str, body: str = "", headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode(errors="replace")
    finally:
        connection.close()


def cookies_from(headers) -> dict:
    jar = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            jar[key.strip()] = rest.split(";", 1)[0]
    return jar


def log_in(port: int) -> dict:
    """Log in through the real login form; return the session and CSRF cookies."""
    status, headers, body = request(port, "GET", "/accounts/login/")
    jar = cookies_from(headers)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not token or "csrftoken" not in jar:
        raise SystemExit(f"Login page did not offer a CSRF token (status {status}).")
    form = urllib.parse.urlencode(
        {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    )
    status, headers, _ = request(
        port,
        "POST",
        "/accounts/login/",
        form,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={jar['csrftoken']}",
        },
    )
    jar.update(cookies_from(headers))
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"Logging in failed (status {status}).")
    return jar


# --- wrk ------------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def to_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * UNITS_MS[unit]


def parse_wrk(output: str) -> dict:
    def find(pattern, default=None):
        match = re.search(pattern, output)
        return match.groups() if match else default

    rps = float(find(r"Requests/sec:\s+([\d.]+)")[0])
    requests = int(find(r"(\d+) requests in")[0])
    p50 = to_ms(find(r"\n\s+50%\s+(\S+)")[0])
    p99 = to_ms(find(r"\n\s+99%\s+(\S+)")[0])
    socket_errors = sum(
        int(n)
        for n in find(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", ("0",) * 4
        )
    )
    bad_status = int(find(r"Non-2xx or 3xx responses: (\d+)", ("0",))[0])
    return {
        "rps": rps,
        "requests": requests,
        "p50": p50,
        "p99": p99,
        "socket_errors": socket_errors,
        "bad_status": bad_status,
    }


def run_wrk(port: int, target: Target, duration: int, args, jar: dict) -> str:
    command = [
        "wrk",
        "--latency",
        "-c",
        str(args.connections),
        "-t",
        str(args.threads),
        "-d",
        f"{duration}s",
    ]
    if target.script:
        command += ["-s", str(target.script)]
    elif target.cookie:
        command += ["-H", f"Cookie: {cookie_header(jar)}"]
    command.append(f"http://127.0.0.1:{port}{target.path}")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"wrk failed: {done.stderr or done.stdout}")
    return done.stdout


def cookie_header(jar: dict) -> str:
    return f"sessionid={jar['sessionid']}; csrftoken={jar['csrftoken']}"


ACCESS_LINE = re.compile(r'path="([^"]*)" status=(\d{3})')


def unexpected_statuses(log_slice: str, target: Target) -> int:
    """Responses the server logged for this run with a status other than the expected one:
    wrk counts a redirect to the login page as a success, this does not."""
    count = 0
    prefix = target.path.split("?")[0] if not target.script else "/day/"
    for path, status in ACCESS_LINE.findall(log_slice):
        if path.startswith(prefix) and int(status) != target.expect:
            count += 1
    return count


def preflight(port: int, target: Target, jar: dict, info: dict) -> None:
    """One request by hand: the URL answers as expected before wrk hammers it."""
    headers = {"Cookie": cookie_header(jar)} if target.cookie or target.script else {}
    if target.script:
        path = f"/day/{info['today']}/items/{info['item_ids'][0]}/check/"
        headers |= {
            "X-CSRFToken": jar["csrftoken"],
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        status, _, body = request(port, "POST", path, "done=1", headers)
    else:
        status, _, body = request(port, "GET", target.path, headers=headers)
    if status != target.expect:
        raise SystemExit(f"{target.label}: expected {target.expect}, got {status}\n{body[:500]}")
    if target.cookie and not target.script and not re.search(r">Log out<|^hello ", body):
        raise SystemExit(f"{target.label}: the page does not look logged in.")


def measure(server: Server, target: Target, duration: int, args, jar, info) -> Result:
    preflight(server.port, target, jar, info)
    if args.warmup:
        run_wrk(server.port, target, args.warmup, args, jar)
    offset = server.log.stat().st_size
    app_before, database_before = cpu_seconds(server)
    output = run_wrk(server.port, target, duration, args, jar)
    app_after, database_after = cpu_seconds(server)
    with server.log.open("rb") as handle:
        handle.seek(offset)
        log_slice = handle.read().decode(errors="replace")
    parsed = parse_wrk(output)
    unexpected = unexpected_statuses(log_slice, target)
    errors = parsed["socket_errors"] + parsed["bad_status"]
    # Non-2xx/3xx are already in wrk's count; add only the unexpected 2xx/3xx ones.
    errors += max(0, unexpected - parsed["bad_status"])
    notes = []
    if parsed["socket_errors"]:
        notes.append(f"{parsed['socket_errors']} socket errors")
    if unexpected:
        notes.append(f"{unexpected} responses other than {target.expect}")
    per_request = 1e6 / max(1, parsed["requests"])
    return Result(
        target,
        parsed["rps"],
        parsed["p50"],
        parsed["p99"],
        parsed["requests"],
        errors,
        notes,
        app_cpu_us=(app_after - app_before) * per_request,
        db_cpu_us=(database_after - database_before) * per_request,
    )


def combine(runs: list[Result]) -> Result:
    """hello's row: all its runs together (latencies: mean p50, worst p99)."""
    requests = sum(r.requests for r in runs)
    return Result(
        runs[0].target,
        sum(r.rps for r in runs) / len(runs),
        sum(r.p50_ms for r in runs) / len(runs),
        max(r.p99_ms for r in runs),
        requests,
        sum(r.errors for r in runs),
        ratio=1.0,
        app_cpu_us=sum(r.app_cpu_us * r.requests for r in runs) / max(1, requests),
        db_cpu_us=sum(r.db_cpu_us * r.requests for r in runs) / max(1, requests),
    )


# --- Report ---------------------------------------------------------------------------------


def table(results: list[Result]) -> str:
    lines = [
        "| URL | requests/s | p50 ms | p99 ms | errors | ratio to hello | target |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        target = TARGETS.get(result.target.key)
        lines.append(
            f"| {result.target.label} | {result.rps:,.0f} | {result.p50_ms:.1f} "
            f"| {result.p99_ms:.1f} | {result.errors} | {result.ratio:.2f} "
            f"| {f'≥ {target:.2f}' if target else ''} |"
        )
    return "\n".join(lines)


def cpu_table(results: list[Result], separate_database: bool) -> str:
    """CPU time per request under the load: where each page's cost goes."""
    lines = [
        "| URL | app CPU µs/request | database CPU µs/request |",
        "|---|---:|---:|",
    ]
    for result in results:
        database = f"{result.db_cpu_us:,.0f}" if separate_database else "(in the app)"
        lines.append(f"| {result.target.label} | {result.app_cpu_us:,.0f} | {database} |")
    return "\n".join(lines)


def misses(results: list[Result], locked: int) -> list[str]:
    problems = []
    for result in results:
        target = TARGETS.get(result.target.key)
        if target and result.ratio < target:
            problems.append(f"{result.target.key}: ratio {result.ratio:.2f} < {target}")
        if result.errors:
            problems.append(f"{result.target.key}: {result.errors} errors")
        if result.p99_ms >= P99_LIMIT_MS:
            problems.append(f"{result.target.key}: p99 {result.p99_ms:.0f} ms ≥ {P99_LIMIT_MS}")
    if locked:
        problems.append(f'{locked} "database is locked" in the server logs')
    return problems


def targets_for(script: Path, info: dict) -> list[Target]:
    return [
        Target(
            "hello-user",
            "hello logged in `/me/` (no target: a floor)",
            "hello",
            "/me/",
            cookie=True,
        ),
        Target("catalog", "catalog `/exercises/` (visitor)", "app", "/exercises/"),
        Target(
            "catalog-user",
            "catalog `/exercises/?kind=stretch` (logged in)",
            "app",
            "/exercises/?kind=stretch",
            cookie=True,
        ),
        Target("exercise", "exercise `/exercises/bridge/` (visitor)", "app", "/exercises/bridge/"),
        Target(
            "exercise-user",
            "exercise `/exercises/bridge/` (logged in)",
            "app",
            "/exercises/bridge/",
            cookie=True,
        ),
        Target("today", "Today `/today/` (logged in)", "app", "/today/", cookie=True),
        Target("plan", "plan `/plan/` (logged in)", "app", "/plan/", cookie=True),
        Target("player", "player `/day/…/routines/…/play/`", "app", info["play"], cookie=True),
        Target(
            "tick",
            "tick POST `/day/…/items/…/check/` (htmx)",
            "app",
            "/day/",
            cookie=True,
            script=script,
        ),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=8, help="whole seconds per URL (8)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured whole seconds first (2)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated rows to measure (e.g. tick,today); hello always runs",
    )
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="backcare-bench-"))
    servers: list[Server] = []
    try:
        with bench_database(workdir) as database_url:
            env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "BACKCARE_HTTPS"}}
            env |= {
                "DATABASE_URL": database_url,
                "SECRET_KEY": env.get("SECRET_KEY") or secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "AXES_FAILURE_LIMIT": "1000",
                "BACKCARE_CACHE_DIR": str(workdir / "cache"),
            }
            info = prepare_data(env)
            hello = start_server("hello", env, workdir, "bench.hello_settings")
            servers.append(hello)
            app = start_server("app", env, workdir, "backcare.settings")
            servers.append(app)
            jar = log_in(app.port)
            script = workdir / "tick.lua"
            script.write_text(
                TICK_LUA
                % {
                    "items": ", ".join(str(pk) for pk in info["item_ids"]),
                    "cookie": cookie_header(jar),
                    "csrf": jar["csrftoken"],
                    "day": info["today"],
                }
            )
            print(
                f"BackCare bench: {info['vendor']}, caches {info['cache']}, "
                f"sessions {info['sessions']}, gunicorn {worker_count(app)} workers "
                f"(backcare/gunicorn.conf.py), wrk -c {args.connections} -t {args.threads} "
                f"-d {args.duration}s, {os.cpu_count()} CPUs",
                flush=True,
            )
            # hello runs between the pages, and each page is compared with the hello runs
            # just before and after it, so a machine whose speed drifts stays fair.
            hello_target = Target("hello", "hello (bare Django view) `/`", "hello", "/")
            hello_duration = max(2, args.duration // 2)  # wrk takes whole seconds only
            hello_runs = [measure(hello, hello_target, hello_duration, args, jar, info)]
            results = []
            only = set(filter(None, args.only.split(",")))
            for target in targets_for(script, info):
                if only and target.key not in only:
                    continue
                server = hello if target.server == "hello" else app
                result = measure(server, target, args.duration, args, jar, info)
                hello_runs.append(measure(hello, hello_target, hello_duration, args, jar, info))
                around = (hello_runs[-2].rps + hello_runs[-1].rps) / 2
                result.ratio = result.rps / around
                print(
                    f"  {target.key}: {result.rps:,.0f} requests/s, hello around it {around:,.0f}",
                    flush=True,
                )
                results.append(result)
            rows = [combine(hello_runs), *results]
            for server in servers:
                stop_server(server)
            logs = [server.log_text() for server in servers]
            locked = sum(log.count("database is locked") for log in logs)
            tracebacks = sum(log.count("Traceback") for log in logs)
            print()
            print(table(rows))
            print()
            print(cpu_table(rows, separate_database=info["vendor"] == "postgresql"))
            print()
            print(f'"database is locked" in the server logs: {locked}; tracebacks: {tracebacks}')
            for result in results:
                if result.notes:
                    print(f"  {result.target.label}: {', '.join(result.notes)}")
            problems = misses(rows, locked)
            print(("Missed: " + "; ".join(problems)) if problems else "All targets met.")
            if args.keep:
                print(f"Logs and database kept in {workdir}")
            return 1 if (args.check and problems) else 0
    finally:
        for server in servers:
            stop_server(server)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
