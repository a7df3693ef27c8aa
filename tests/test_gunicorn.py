"""Real gunicorn, several workers, real databases: integrity under load, a worker
killed mid-load and /healthz with the database down, and the backup/restore
recipe of docs/deploying.md.

Each server gets its own database (a temporary SQLite file, or a dedicated PostgreSQL
database when one answers) and binds a free port on 127.0.0.1. Nothing here touches the
test database pytest-django manages: state is read back with plain SQL.
"""

import contextlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.postgres import require_postgres

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
PASSWORD = "Gentle-back-2026"
USERS = ("load", "fault", "backup", "devices")

# The recipe in docs/deploying.md, run here exactly as written there (paths filled in).
SQLITE_BACKUP = (
    "import sqlite3; src = sqlite3.connect('{live}'); dst = sqlite3.connect('{backup}'); "
    "src.backup(dst); dst.close(); src.close()"
)
SQLITE_RESTORE = "rm -f db.sqlite3-wal db.sqlite3-shm && cp backup.sqlite3 db.sqlite3"
DUMPDATA = [
    "dumpdata",
    "--natural-foreign",
    "--natural-primary",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    "--exclude=admin.logentry",
    "--exclude=sessions",
    "--exclude=axes",
]

# Migrate, load the catalog, and give each user a routine of all ten exercises, every day.
PREPARE = """
import io, json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from exercises.models import ALL_WEEKDAYS, Exercise, Routine, RoutineItem
call_command("migrate", interactive=False, verbosity=0)
call_command("loadcatalog", stdout=io.StringIO())
info = {}
for username in sys.argv[2:]:
    user = get_user_model().objects.create_user(username, password=sys.argv[1])
    routine = Routine.objects.create(owner=user, name="Every day", weekdays=ALL_WEEKDAYS)
    items = [
        RoutineItem.objects.create_with_default_dose(routine, e, i)
        for i, e in enumerate(Exercise.objects.order_by("position"))
    ]
    info[username] = {"items": [item.pk for item in items], "today": str(user.profile.today())}
print(json.dumps(info))
"""


# --- Servers and databases ------------------------------------------------------------------


def closed_port() -> int:
    """A loopback port nothing listens on (for a database that is down)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "BACKCARE_HTTPS", "BIND"}}
    env |= {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "backcare.settings",
        "SECRET_KEY": "gunicorn-tests-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("REDIS_URL", None)
    return env


def manage(database_url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=base_env(database_url),
        capture_output=True,
        text=True,
        check=check,
        timeout=120,
    )


def prepare_database(database_url: str) -> dict:
    done = subprocess.run(
        [PYTHON, "-c", PREPARE, PASSWORD, *USERS],
        cwd=ROOT,
        env=base_env(database_url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


class Gunicorn:
    """gunicorn with backcare/gunicorn.conf.py on a free loopback port."""

    def __init__(self, database_url: str, log: Path, workers: int = 4):
        self.database_url = database_url
        self.log = log
        self.workers = workers
        self.port = None
        self.process = None

    def start(self) -> "Gunicorn":
        # A socket already bound to a free port, handed over as fd://: no port race.
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        self.port = listener.getsockname()[1]
        env = base_env(self.database_url) | {
            "BIND": f"fd://{listener.fileno()}",
            "WEB_CONCURRENCY": str(self.workers),
        }
        with listener, self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [GUNICORN, "--config", str(ROOT / "backcare" / "gunicorn.conf.py")],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                pass_fds=(listener.fileno(),),
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn exited:\n{self.log_text()[-3000:]}"
            with contextlib.suppress(OSError):
                Client(self.port).get("/healthz")
                if len(self.worker_pids()) == self.workers:
                    return self
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"gunicorn did not start:\n{self.log_text()[-3000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def worker_pids(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid and fields[0] != "Z":
                    pids.append(int(stat.parent.name))
        return pids

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def assert_clean_log(self) -> None:
        log = self.log_text()
        assert "database is locked" not in log
        assert "Traceback" not in log, log[log.index("Traceback") :][:3000]
        assert not re.search(r"status=5\d\d", log), "a 5xx response is in the access log"


@dataclass
class Backend:
    vendor: str
    database_url: str
    server: Gunicorn
    users: dict

    def query(self, sql: str, params=()) -> list[tuple]:
        return query(self.database_url, sql, params)


def query(database_url: str, sql: str, params=()) -> list[tuple]:
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(path)) as connection:
            return connection.execute(sql.replace("%s", "?"), params).fetchall()
    import psycopg

    with psycopg.connect(database_url) as connection:
        return connection.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def sqlite_backend(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gunicorn-sqlite")
    url = f"sqlite:///{folder / 'db.sqlite3'}"
    users = prepare_database(url)
    server = Gunicorn(url, folder / "gunicorn.log").start()
    yield Backend("sqlite", url, server, users)
    server.stop()


@pytest.fixture(scope="module")
def postgres_backend(tmp_path_factory):
    base = require_postgres()
    import psycopg

    name = f"backcare_gunicorn_{os.getpid()}"
    url = urllib.parse.urlunsplit(urllib.parse.urlsplit(base)._replace(path=f"/{name}"))
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    server = None
    try:
        users = prepare_database(url)
        folder = tmp_path_factory.mktemp("gunicorn-postgres")
        server = Gunicorn(url, folder / "gunicorn.log").start()
        yield Backend("postgresql", url, server, users)
    finally:
        if server:
            server.stop()
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request) -> Backend:
    return request.getfixturevalue(f"{request.param}_backend")


# --- A small HTTP client ----------------------------------------------------------------------


class Client:
    """One logged-in browser: a cookie jar and the CSRF token, over http.client."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None, keep_cookies=True):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            connection.request(
                method, path, body=body, headers={"Cookie": cookie, **(headers or {})}
            )
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
        finally:
            connection.close()
        if keep_cookies:
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, text

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def log_in(self, username: str) -> "Client":
        status, page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self.post(
            "/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        )
        assert status == 302, f"login failed ({status})"
        assert "sessionid" in self.cookies
        return self

    def post(self, path, data, htmx=False, keep_cookies=True):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
        }
        if htmx:
            headers["HX-Request"] = "true"
        return self.request(
            "POST", path, urllib.parse.urlencode(data), headers, keep_cookies=keep_cookies
        )

    def tick(self, day: str, item: int, done: bool, htmx: bool) -> int:
        """Tick or untick; the cookie jar stays as it is, so threads can share a client."""
        status, _ = self.post(
            f"/day/{day}/items/{item}/check/",
            {"done": "1" if done else "0"},
            htmx=htmx,
            keep_cookies=False,
        )
        return status


def ok(status: int) -> bool:
    return 200 <= status < 400


def stored_checks(backend: Backend, username: str) -> dict[tuple[int, str], str]:
    rows = backend.query(
        "SELECT c.item_id, s.date, c.status FROM exercises_exercisecheck c "
        "JOIN exercises_sessionlog s ON s.id = c.session_id "
        "JOIN auth_user u ON u.id = s.owner_id WHERE u.username = %s",
        (username,),
    )
    return {(item, str(day)): status for item, day, status in rows}


# --- Integrity under load ---------------------------------------------------------


def test_concurrent_ticks_never_fail_and_keep_the_last_action_per_item(backend):
    client = Client(backend.server.port).log_in("load")
    user = backend.users["load"]
    today, items = user["today"], user["items"][:5]
    locks = {item: threading.Lock() for item in items}
    last: dict[int, bool] = {}
    statuses: list[int] = []

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        for number in range(40):
            item = rng.choice(items)
            done = rng.random() < 0.5
            # One request per item at a time, so "the last action" has a meaning; the
            # items (and their one session row) are still hit by eight threads at once.
            with locks[item]:
                status = client.tick(today, item, done, htmx=number % 2 == 0)
                statuses.append(status)
                if ok(status):
                    last[item] = done

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(worker, range(8)))

    assert len(statuses) == 320
    assert all(ok(status) for status in statuses), sorted(set(statuses))
    checks = stored_checks(backend, "load")
    stored_done = {item for (item, day), status in checks.items() if day == today}
    assert stored_done == {item for item, done in last.items() if done}
    backend.server.assert_clean_log()


def test_logging_out_or_a_new_password_ends_a_session_in_every_worker(backend):
    """Sessions and user records are cached, in a cache every worker shares: a session
    ended through one worker, or by a new password, must be over in all of them."""
    port = backend.server.port
    laptop, phone, tablet = (Client(port).log_in("devices") for _ in range(3))
    rounds = 3 * backend.server.workers  # enough requests to reach every worker
    for device in (laptop, phone, tablet):
        assert {device.get("/today/")[0] for _ in range(rounds)} == {200}

    copied = Client(port)
    copied.cookies = dict(laptop.cookies)  # the laptop's cookie, kept somewhere else
    assert laptop.post("/accounts/logout/", {})[0] == 302
    assert {copied.get("/today/")[0] for _ in range(rounds)} == {302}

    status, _ = phone.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "A-new-gentle-back-2027",
            "new_password2": "A-new-gentle-back-2027",
        },
    )
    assert status == 302
    assert {phone.get("/today/")[0] for _ in range(rounds)} == {200}  # the one who changed it
    assert {tablet.get("/today/")[0] for _ in range(rounds)} == {302}
    backend.server.assert_clean_log()


def test_a_burst_of_identical_first_ticks_leaves_one_session_and_one_check(backend):
    """Sixteen double-clicks at once on a day with no session yet: both get_or_create
    races (the session, then the check) end with exactly one row each."""
    client = Client(backend.server.port).log_in("load")
    user = backend.users["load"]
    yesterday = str(date.fromisoformat(user["today"]) - timedelta(days=1))
    item = user["items"][0]
    barrier = threading.Barrier(16)

    def click(number: int) -> int:
        barrier.wait()
        return client.tick(yesterday, item, True, htmx=number % 2 == 0)

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(click, range(16)))

    assert all(ok(status) for status in statuses), statuses
    sessions = backend.query(
        "SELECT COUNT(*) FROM exercises_sessionlog s JOIN auth_user u ON u.id = s.owner_id "
        "WHERE u.username = %s AND s.date = %s",
        ("load", yesterday),
    )
    assert sessions == [(1,)]
    assert stored_checks(backend, "load").get((item, yesterday)) == "done"
    backend.server.assert_clean_log()


# --- Faults -----------------------------------------------------------------------


def test_killing_a_worker_mid_load_loses_no_acknowledged_tick(backend):
    server = backend.server
    client = Client(server.port).log_in("fault")
    user = backend.users["fault"]
    today = date.fromisoformat(user["today"])
    # Every (item, day) once, ticked only: each acknowledged tick must be stored.
    slots = [
        (item, str(today - timedelta(days=back))) for item in user["items"] for back in range(7)
    ]
    random.Random(6).shuffle(slots)
    pending = list(slots)
    acknowledged, failed = [], []
    guard = threading.Lock()

    def worker(number: int) -> None:
        while True:
            with guard:
                if not pending:
                    return
                item, day = pending.pop()
            try:
                status = client.tick(day, item, True, htmx=number % 2 == 0)
            except (OSError, http.client.HTTPException):
                status = None
            with guard:
                (acknowledged if status and ok(status) else failed).append((item, day))

    before = server.worker_pids()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < 15 and time.monotonic() < deadline:
        time.sleep(0.005)
    victim = random.Random(9).choice(before)
    os.kill(victim, signal.SIGKILL)
    acknowledged_at_kill = len(acknowledged)
    for thread in threads:
        thread.join(timeout=60)

    assert acknowledged_at_kill < len(slots), "the load ended before the kill"
    assert len(acknowledged) > acknowledged_at_kill, "nothing was served after the kill"
    # A sync worker serves one request at a time: only the one it was serving can be lost.
    assert len(failed) <= 1, failed
    stored = stored_checks(backend, "fault")
    assert all(stored.get(slot) == "done" for slot in acknowledged)

    # The master replaces the worker and the site keeps answering; a retry succeeds.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        workers = server.worker_pids()
        if victim not in workers and len(workers) == server.workers:
            break
        time.sleep(0.1)
    assert victim not in workers
    assert len(workers) == server.workers
    assert Client(server.port).get("/healthz") == (200, "ok")
    for item, day in failed:
        assert ok(client.tick(day, item, True, htmx=True))
    assert set(stored_checks(backend, "fault")) == set(slots)
    log = server.log_text()
    assert "database is locked" not in log
    assert not re.search(r"status=5\d\d", log)


@pytest.mark.parametrize(
    "database_url",
    [
        pytest.param(lambda tmp: f"postgres://postgres@127.0.0.1:{closed_port()}/gone", id="pg"),
        pytest.param(lambda tmp: f"sqlite:///{tmp / 'missing' / 'db.sqlite3'}", id="sqlite"),
    ],
)
def test_healthz_reports_the_database_down_with_503(tmp_path, database_url):
    server = Gunicorn(database_url(tmp_path), tmp_path / "gunicorn.log", workers=1).start()
    try:
        status, body = Client(server.port).get("/healthz")
    finally:
        server.stop()
    assert (status, body) == (503, "database unavailable")


def test_healthz_says_ok_when_the_database_answers(sqlite_backend):
    assert Client(sqlite_backend.server.port).get("/healthz") == (200, "ok")


# --- Backup and restore --------------------------------------


def table_counts(database_url: str, tables: list[str]) -> dict[str, int]:
    return {table: query(database_url, f'SELECT COUNT(*) FROM "{table}"')[0][0] for table in tables}


def sqlite_tables(database_url: str) -> list[str]:
    rows = query(
        database_url,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    return sorted(name for (name,) in rows)


def test_sqlite_online_backup_restores_a_working_database(sqlite_backend, tmp_path):
    server = sqlite_backend.server
    client = Client(server.port).log_in("backup")
    user = sqlite_backend.users["backup"]
    for item in user["items"][:3]:
        assert ok(client.tick(user["today"], item, True, htmx=True))
    backed_up = {key for key in stored_checks(sqlite_backend, "backup") if key[1] == user["today"]}
    live = Path(sqlite_backend.database_url.removeprefix("sqlite:///"))
    tables = sqlite_tables(sqlite_backend.database_url)
    counts = table_counts(sqlite_backend.database_url, tables)

    # Back up while gunicorn keeps serving: the recipe's one-liner.
    backup = tmp_path / "backup.sqlite3"
    subprocess.run(
        [PYTHON, "-c", SQLITE_BACKUP.format(live=live, backup=backup)], check=True, timeout=60
    )
    assert Client(server.port).get("/healthz") == (200, "ok")
    # Life goes on after the backup: this tick is not in it.
    assert ok(client.tick(user["today"], user["items"][3], True, htmx=True))

    # Restore on a stopped server's folder, whose database and WAL files are newer than the
    # backup: the recipe removes the WAL files and copies the backup into place.
    folder = tmp_path / "restore"
    folder.mkdir()
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{live}{suffix}").exists():
            shutil.copy(f"{live}{suffix}", folder / f"db.sqlite3{suffix}")
    shutil.copy(backup, folder / "backup.sqlite3")
    subprocess.run(SQLITE_RESTORE, shell=True, cwd=folder, check=True, timeout=60)
    restored_url = f"sqlite:///{folder / 'db.sqlite3'}"

    assert table_counts(restored_url, tables) == counts
    assert manage(restored_url, "migrate", "--check").returncode == 0
    copy = Gunicorn(restored_url, tmp_path / "restored.log", workers=1).start()
    try:
        browser = Client(copy.port).log_in("backup")
        status, page = browser.get("/today/")
    finally:
        copy.stop()
    assert status == 200
    checked = re.findall(r'name="done" value="1" id="check-(\d+)" checked', page)
    assert sorted(int(pk) for pk in checked) == sorted(item for item, _ in backed_up)


def test_dumpdata_loaddata_round_trip_keeps_every_row(sqlite_backend, tmp_path):
    client = Client(sqlite_backend.server.port).log_in("backup")
    user = sqlite_backend.users["backup"]
    assert ok(client.tick(user["today"], user["items"][4], True, htmx=False))
    source = sqlite_backend.database_url
    dump = tmp_path / "backcare.json"
    manage(source, *DUMPDATA, f"--output={dump}")

    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    manage(fresh, "migrate", "--noinput")
    manage(fresh, "loaddata", str(dump))

    tables = [
        t for t in sqlite_tables(source) if t.startswith("exercises_") or t.startswith("auth_u")
    ]
    assert "exercises_exercisecheck" in tables
    assert table_counts(fresh, tables) == table_counts(source, tables)
    # Login sessions stay behind on purpose: people log in again.
    assert table_counts(fresh, ["django_session"]) == {"django_session": 0}
    assert query(fresh, "SELECT username FROM auth_user ORDER BY username") == [
        (name,) for name in sorted(USERS)
    ]
    passwords = "SELECT username, password FROM auth_user ORDER BY username"
    assert query(fresh, passwords) == query(source, passwords)
