"""Print the SQL query count of every main page, uncached and cached, at two data sizes.

    .venv/bin/python bench/queries.py

Runs against a throwaway SQLite database; the figures are what the tests pin down
(tests/test_*.py use django_assert_num_queries at two sizes)."""

import io
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/queries.sqlite3"
os.environ["BACKCARE_CACHE_DIR"] = tempfile.mkdtemp()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcare.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from exercises.models import (  # noqa: E402
    Exercise,
    ExerciseCheck,
    Routine,
    RoutineItem,
    SessionLog,
)

setup_test_environment()
settings.CATALOG_VERSION_SECONDS = 0
call_command("migrate", verbosity=0)
call_command("loadcatalog", stdout=io.StringIO())
from django.contrib.auth.models import User  # noqa: E402


def make_user(name: str, routines: int, days_of_logs: int):
    user = User.objects.create_user(name, password="not-used-here-1")
    exercises = list(Exercise.objects.all())
    for r in range(routines):
        routine = Routine.objects.create(owner=user, name=f"Routine {r}", weekdays=127)
        for position, exercise in enumerate(exercises[:3]):
            RoutineItem.objects.create_with_default_dose(routine, exercise, position)
    first = Routine.objects.filter(owner=user).first()
    today = user.profile.today()
    for n in range(1, days_of_logs + 1):
        session = SessionLog.objects.create(
            owner=user,
            routine=first,
            routine_name=first.name,
            date=today - timedelta(days=n),
            finished_at=timezone.now() - timedelta(days=n),
            pain_before=5,
            pain_after=4,
        )
        ExerciseCheck.objects.create(session=session, exercise=exercises[0])
    return user


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if os.environ.get("SHOW_SQL"):
        print(
            f"-- {url}", *(q["sql"] for q in captured.captured_queries), sep="\n", file=sys.stderr
        )
    return len(captured)


def measure(user, urls):
    client = Client()
    client.force_login(user)
    client.get("/today/")  # the CSRF cookie
    rows = {}
    for url in urls:
        cache.clear()
        uncached = count(client, url)
        rows[url] = (uncached, count(client, url))
    return rows


small, large = make_user("small", 1, 1), make_user("large", 30, 365)
pages = ["/exercises/", "/exercises/bridge/", "/today/", "/plan/", "/history/"]
a, b = measure(small, pages), measure(large, pages)
print("| page | queries, 1 routine / 1 day of logs | 30 routines / 365 days | cached |")
print("|---|---:|---:|---:|")
for url in pages:
    print(f"| `{url}` (logged in) | {a[url][0]} | {b[url][0]} | {b[url][1]} |")
visitor = Client()
cache.clear()
first, again = count(visitor, "/exercises/"), count(visitor, "/exercises/")
print(f"| `/exercises/` (visitor) | {first} | – | {again} |")
