"""CPU instructions per request, counted by Valgrind: a cost that doesn't drift.

    make instructions                                  # SQLite in a temporary folder
    DATABASE_URL=postgres://… make instructions        # a dedicated PostgreSQL database
    make instructions INSTRUCTIONS_ARGS="--rows hello,tick"

`make bench` measures what the targets are about, but on a shared VM its figures move by a
quarter within minutes. The number of instructions a request executes in the Django
process does not, so a change that makes a page cheaper or dearer shows here as a steady
figure: run it before and after. It seeds the data of bench/bench.py, then for each row
runs the request in-process (Django's test client, logged in) under Valgrind's callgrind
twice at once, --few and --many times after a warm-up, and divides the difference of the
two totals: start-up and warm-up cancel out. PostgreSQL's own work is not counted
(SQLite's is: it runs inside the process). Needs valgrind (apt-get install valgrind); a
row takes about a minute.
"""

import argparse
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench import ROOT, USERNAME, bench_database, prepare_data, tick_in_process

ROWS = ("hello", "me", "today", "tick")
WARM_UP = 40


def requests_for(row: str, info: dict):
    """The request of `row`, as a function of a running index, and the URLconf it needs."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    user = get_user_model().objects.get(username=USERNAME)
    client.force_login(user, backend="exercises.auth.ProfileModelBackend")
    if row in ("hello", "me"):
        path = "/" if row == "hello" else "/me/"
        return (lambda _index: client.get(path)), "bench.hello"
    if row == "today":
        return (lambda _index: client.get("/today/")), None
    client.get("/today/")  # sets the CSRF cookie
    return (lambda index: tick_in_process(client, info, index)), None


def run_row(row: str, count: int, info: dict) -> None:
    """In the child under Valgrind: warm up, then `count` requests of `row`."""
    import django

    django.setup()
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    call, urlconf = requests_for(row, info)
    with override_settings(**({"ROOT_URLCONF": urlconf} if urlconf else {})):
        for index in range(WARM_UP + count):
            if index == WARM_UP:
                # As the gunicorn master does before forking (backcare/gunicorn.conf.py):
                # without it, whether a full collection of everything loaded falls in a
                # run moved the tick's figure by 5%.
                gc.freeze()
            response = call(index)
            assert response.status_code == 200, (row, response.status_code)


def instructions(row: str, counts: tuple[int, ...], env: dict, workdir: Path) -> list[int]:
    """Instructions callgrind counted in children that made `counts` requests of `row`,
    side by side (each is one process on one CPU)."""
    children = [
        subprocess.Popen(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={workdir / f'callgrind.{count}.out'}",
                sys.executable,
                __file__,
                "--child",
                row,
                str(count),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for count in counts
    ]
    totals = []
    for child in children:
        _, stderr = child.communicate()
        found = re.search(r"Collected\s*:\s*(\d+)", stderr)
        if child.returncode != 0 or not found:
            raise SystemExit(f"{row}: valgrind failed\n{stderr[-2000:]}")
        totals.append(int(found.group(1)))
    return totals


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default=",".join(ROWS), help=f"of {', '.join(ROWS)}")
    parser.add_argument("--few", type=int, default=20, help="requests in the short run (20)")
    parser.add_argument("--many", type=int, default=120, help="requests in the long run (120)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        row, count = args.child
        run_row(row, int(count), json.loads(os.environ["BENCH_INFO"]))
        return 0
    rows = [row for row in args.rows.split(",") if row]
    if unknown := set(rows) - set(ROWS):
        parser.error(f"unknown rows: {', '.join(sorted(unknown))}")
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed: apt-get install valgrind")
    workdir = Path(tempfile.mkdtemp(prefix="backcare-instructions-"))
    try:
        with bench_database(workdir) as database_url:
            env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "BACKCARE_HTTPS"}}
            env |= {
                "DATABASE_URL": database_url,
                "SECRET_KEY": env.get("SECRET_KEY") or "instructions-only-" + "x" * 40,
                "ALLOWED_HOSTS": "testserver",
                "BACKCARE_CACHE_DIR": str(workdir / "cache"),
                "DJANGO_SETTINGS_MODULE": "backcare.settings",
            }
            info = prepare_data(env)
            env["BENCH_INFO"] = json.dumps(info)
            print(f"Instructions per request: {info['vendor']}, {args.many - args.few} requests")
            print()
            print("| request | instructions (millions) | times hello |")
            print("|---|---:|---:|")
            hello = None
            for row in rows:
                few, many = instructions(row, (args.few, args.many), env, workdir)
                per_request = (many - few) / (args.many - args.few)
                hello = per_request if row == "hello" else hello
                times = f"{per_request / hello:.2f}" if hello else "–"
                print(f"| {row} | {per_request / 1e6:.2f} | {times} |", flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
