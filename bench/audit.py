"""Outside checkers on every page: Lighthouse (accessibility, best practices, SEO) and the
W3C Nu HTML checker, against the real server (gunicorn, WhiteNoise, the strict CSP).

    make audit                      # installs the two checkers under .audit/ first (npm)
    .venv/bin/python bench/audit.py --only /today/,/plan/

One run: a fresh SQLite database with the catalog and a user whose routine is on every
day (the bench's seed), one gunicorn with backcare/gunicorn.conf.py on a free loopback
port, a login through the real form; then each page, visitor pages without a cookie and
the user's pages with it, through Lighthouse in the system Chromium (phone emulation,
Lighthouse's default) and its HTML through the Nu checker. It prints one table and exits 1
when a score is below 100 or the checker reports an error. Not part of CI: both checkers
come from the npm registry.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench import (
    bench_database,
    cookie_header,
    log_in,
    prepare_data,
    request,
    start_server,
    stop_server,
)

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".audit" / "node_modules"
LIGHTHOUSE = TOOLS / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ("accessibility", "best-practices", "seo")

VISITOR_PAGES = [
    "/",
    "/exercises/",
    "/exercises/?kind=stretch",
    "/exercises/bridge/",
    "/learn/",
    "/exercises/plank/",
    "/accounts/signup/",
    "/accounts/login/",
    "/accounts/password_reset/",
]
USER_PAGES = [
    "/",
    "/today/",
    "/day/{yesterday}/",
    "/today/quick/",
    "/plan/",
    "/plan/starters/",
    "/plan/routines/new/",
    "/plan/routines/{routine}/",
    "/exercises/bridge/",
    "/exercises/bridge/add/",
    "/history/",
    "/history/summary/",
    "/flare-up/",
    "/exercises/plank/",
    "/accounts/settings/",
    "/accounts/safety-check/",
    "/accounts/export/",
    "/accounts/delete/",
]


def lighthouse(url: str, cookie: str | None) -> dict[str, int]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
        "--disable-background-networking --disable-component-update --no-first-run",
    ]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    if done.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = [
        f"{audit['id']}: {audit['title']}"
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
        and any(
            ref["id"] == audit["id"]
            for name in CATEGORIES
            for ref in report["categories"][name]["auditRefs"]
            if ref.get("weight")
        )
    ]
    return scores | {"failing": failing}


def nu_errors(pages: dict[str, str], workdir: Path) -> dict[str, list[str]]:
    """Run the Nu checker once over every page's HTML; its errors per page."""
    files = {}
    for index, (path, html) in enumerate(pages.items()):
        file = workdir / f"page-{index}.html"
        file.write_text(html)
        files[str(file)] = path
    jar = next(TOOLS.glob("vnu-jar/build/dist/vnu.jar"))
    done = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = {path: [] for path in pages}
    for message in json.loads(done.stderr or '{"messages": []}')["messages"]:
        path = files.get(message.get("url", "").removeprefix("file:"), "?")
        errors.setdefault(path, []).append(message["message"][:140])
    return errors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated paths to check")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit("The checkers are not installed: run `make audit`.")
    workdir = Path(tempfile.mkdtemp(prefix="backcare-audit-"))
    server = None
    try:
        with bench_database(workdir) as database_url:
            env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "BACKCARE_HTTPS"}}
            env |= {
                "DATABASE_URL": database_url,
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "WEB_CONCURRENCY": "2",
            }
            info = prepare_data(env)
            from exercises.models import Routine

            routine = Routine.objects.get(owner__username="bench").pk
            server = start_server("app", env, workdir, "backcare.settings")
            jar = log_in(server.port)
            cookie = cookie_header(jar)
            yesterday = date.fromisoformat(info["today"]) - timedelta(days=1)
            only = set(filter(None, args.only.split(",")))
            checks = [(path, None) for path in VISITOR_PAGES] + [
                (path.format(yesterday=yesterday, routine=routine), cookie) for path in USER_PAGES
            ]
            checks = [(path, c) for path, c in checks if not only or path in only]
            rows, html = [], {}
            for path, with_cookie in checks:
                base = f"http://127.0.0.1:{server.port}"
                headers = {"Cookie": with_cookie} if with_cookie else {}
                status, _, body = request(server.port, "GET", path, headers=headers)
                who = "user" if with_cookie else "visitor"
                html[f"{who} {path}"] = body
                scores = lighthouse(base + path, with_cookie)
                rows.append((who, path, status, scores))
                print(f"  {who} {path}: {scores}", flush=True)
            errors = nu_errors(html, workdir)
    finally:
        if server:
            stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print("| page | status | accessibility | best practices | SEO | Nu errors |")
    print("|---|---:|---:|---:|---:|---:|")
    problems = []
    for who, path, status, scores in rows:
        key = f"{who} {path}"
        print(
            f"| {key} | {status} | {scores['accessibility']} | {scores['best-practices']} "
            f"| {scores['seo']} | {len(errors.get(key, []))} |"
        )
        if any(scores[name] < 100 for name in CATEGORIES):
            problems.append(f"{key}: {', '.join(scores['failing']) or 'score below 100'}")
        problems += [f"{key}: Nu: {message}" for message in errors.get(key, [])]
    print()
    print("\n".join(problems) if problems else "Every page: 100, 100, 100 and no Nu errors.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
