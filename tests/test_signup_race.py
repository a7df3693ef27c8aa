"""Simultaneous sign-ups for one username against real gunicorn workers, on SQLite and
PostgreSQL: one account, no 500s, and a clear message for everyone who lost the race."""

import os
import re
import subprocess
import sys
import threading
import urllib.parse

import pytest

from tests.postgres import require_postgres
from tests.test_gunicorn import ROOT, Client, Gunicorn, base_env, query

pytestmark = pytest.mark.slow

RACERS = 8
PASSWORD = "Slow-and-steady-42"

MIGRATE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
"""


def migrate(database_url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", MIGRATE],
        cwd=ROOT,
        env=base_env(database_url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"signup-race-{request.param}")
    name = None
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'db.sqlite3'}"
    else:
        import psycopg

        base = require_postgres()
        name = f"backcare_signup_race_{os.getpid()}"
        url = urllib.parse.urlunsplit(urllib.parse.urlsplit(base)._replace(path=f"/{name}"))
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {name}")
    migrate(url)
    # Many sign-ups from one address in a few seconds: lift the per-address limit here.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BACKCARE_SIGNUP_LIMIT", "1000")
        gunicorn = Gunicorn(url, folder / "gunicorn.log").start()
    yield gunicorn
    gunicorn.stop()
    if name:
        import psycopg

        with psycopg.connect(require_postgres(), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def race(server: Gunicorn, usernames: list[str]) -> list[tuple[int, str]]:
    """Each name signed up from its own browser, all let go at the same moment."""
    browsers = []
    for _ in usernames:
        browser = Client(server.port)
        _, page = browser.get("/accounts/signup/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        browsers.append((browser, token))
    start = threading.Barrier(len(usernames))
    results: list[tuple[int, str]] = [(0, "")] * len(usernames)

    def sign_up(number: int) -> None:
        browser, token = browsers[number]
        data = {
            "csrfmiddlewaretoken": token,
            "username": usernames[number],
            "email": "",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "time_zone": "UTC",
        }
        start.wait()
        results[number] = browser.post("/accounts/signup/", data)

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(len(usernames))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def accounts_named(server: Gunicorn, folded: str) -> list[str]:
    rows = query(
        server.database_url,
        "SELECT username FROM auth_user WHERE LOWER(username) = %s",
        (folded,),
    )
    return [row[0] for row in rows]


def assert_one_winner(results, server, folded):
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] * (RACERS - 1) + [302], statuses
    for status, page in results:
        if status == 200:
            assert "That username is taken. Please choose another one." in page
    assert len(accounts_named(server, folded)) == 1
    assert "status=500" not in server.log_text()
    assert "Traceback" not in server.log_text()


def test_simultaneous_signups_with_one_username_make_one_account(server):
    results = race(server, ["robin"] * RACERS)
    assert_one_winner(results, server, "robin")


def test_simultaneous_signups_that_differ_only_by_case_make_one_account(server):
    names = ["Kim", "kim", "KIM", "kIm", "kiM", "KIm", "kIM", "KiM"][:RACERS]
    results = race(server, names)
    assert_one_winner(results, server, "kim")
