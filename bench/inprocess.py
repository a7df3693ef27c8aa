"""Time single requests in-process (Django's test client, no gunicorn, no load tool).

    make inprocess                      # SQLite in a temporary folder
    DATABASE_URL=postgres://… make inprocess   # a dedicated PostgreSQL database
    make inprocess INPROCESS_ARGS="--profile tick"   # and where a tick's CPU goes

Seeds the same data as bench/bench.py (one user, a five-exercise routine on every day,
four weeks of history), logs in, and prints the wall-clock and CPU time per request for
the bare hello view, the logged-in floor, the catalog and an exercise page, Today, the plan
and a tick (HTMX), all logged in, each the mean of --repeat requests after a warm-up, then
a tick's parts: its plan (from the cache), its read of the day's checks, and that read
with its write (an insert, or a delete, in turn). It runs on earlier commits too (copy it
into a checkout), for before-and-after figures. Where a
page's time goes is easier to see here than under load; `make bench` is what the targets
are measured with.
"""

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench import ROUTINE_SLUGS, USERNAME, bench_database, prepare_data, tick_in_process

SERVER_PID = None  # PostgreSQL's backend for this process's connection, once known


def server_cpu() -> float:
    """CPU seconds PostgreSQL's backend has used for us so far (from /proc); 0 without."""
    if SERVER_PID is None:
        return 0.0
    try:
        fields = Path(f"/proc/{SERVER_PID}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(label: str, call, repeat: int, profile: bool = False) -> None:
    for index in range(min(200, repeat)):  # warm-up: caches, prepared statements
        call(index)
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [call(index) for index in range(repeat)])
        print(f"\n{label}, {repeat} requests: the 40 calls with the most time, inclusive")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    wall, cpu, server = time.perf_counter(), time.process_time(), server_cpu()
    for index in range(repeat):
        call(index)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    server = f"{(server_cpu() - server) / repeat * 1e6:,.0f}" if SERVER_PID else "–"
    print(
        f"| {label} | {wall / repeat * 1e6:,.0f} | {cpu / repeat * 1e6:,.0f} | {server} |",
        flush=True,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2000, help="requests per row (2000)")
    parser.add_argument(
        "--profile",
        choices=("hello", "me", "catalog", "exercise", "today", "plan", "tick"),
        help="also run that row under cProfile and print where its time goes",
    )
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="backcare-inprocess-"))
    with bench_database(workdir) as database_url:
        env = {
            "DATABASE_URL": database_url,
            "SECRET_KEY": os.environ.get("SECRET_KEY", "in-process-timing-only-" + "x" * 30),
            "ALLOWED_HOSTS": "testserver",
        }
        info = prepare_data(env)
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.test.utils import override_settings, setup_test_environment

        setup_test_environment()
        user = get_user_model().objects.get(username=USERNAME)
        client = Client()
        client.force_login(user, backend="exercises.auth.ProfileModelBackend")
        global SERVER_PID
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                (SERVER_PID,) = cursor.fetchone()
        print(f"In-process timing: {connection.vendor}, {args.repeat} requests a row")
        print()
        print("| request | wall µs | CPU µs | database CPU µs |")
        print("|---|---:|---:|---:|")

        def get(path):
            def call(_index):
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)

            return call

        with override_settings(ROOT_URLCONF="bench.hello"):
            timed("hello `/`", get("/"), args.repeat, args.profile == "hello")
            timed("hello logged in `/me/`", get("/me/"), args.repeat, args.profile == "me")
        timed(
            "catalog `/exercises/?kind=stretch`",
            get("/exercises/?kind=stretch"),
            args.repeat,
            args.profile == "catalog",
        )
        timed(
            "exercise `/exercises/bridge/`",
            get("/exercises/bridge/"),
            args.repeat,
            args.profile == "exercise",
        )
        timed("Today `/today/`", get("/today/"), args.repeat, args.profile == "today")
        timed("plan `/plan/`", get("/plan/"), args.repeat, args.profile == "plan")

        client.get("/today/")  # sets the CSRF cookie
        items, day = info["item_ids"], info["today"]
        assert len(items) == len(ROUTINE_SLUGS)

        def tick(index):
            response = tick_in_process(client, info, index)
            assert response.status_code == 200, response.status_code

        timed("tick POST (htmx)", tick, args.repeat, args.profile == "tick")
        orm = get_user_model()._default_manager.select_related("profile")
        timed("user with profile", lambda _i: orm.get(pk=user.pk), args.repeat)
        try:
            from exercises import days
            from exercises.models import ExerciseCheck, SessionLog
        except ImportError:  # a commit from before these, timed for comparison
            days = None
        if days is not None and hasattr(ExerciseCheck, "set_as_read"):  # a tick's parts
            today = date.fromisoformat(day)
            item = days.DayPlan.of(user, today).items[items[0]]
            session_id = SessionLog.for_routine_on(user, item.routine, today).pk
            timed(
                "tick's plan (from the cache)", lambda _i: days.DayPlan.of(user, today), args.repeat
            )
            timed(
                "tick's read (the day's checks)",
                lambda _i: days.DayChecks.of(user, today),
                args.repeat,
            )

            def read_and_write(index):
                checks = days.DayChecks.of(user, today)
                status = None if index % 2 else "done"  # an insert, then a delete
                ExerciseCheck.set_as_read(
                    checks.check_id(item), session_id, item.exercise, status, item
                )

            timed("tick's read and write", read_and_write, args.repeat)
        connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
