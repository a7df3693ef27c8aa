"""The screenshots in docs/screenshots/, taken from a realistic account (`make screenshots`).

It runs in the normal suite too (about twenty seconds), writing to a temporary folder so a
test run leaves the committed pictures alone; `make screenshots` sets BACKCARE_SCREENSHOTS
to docs/screenshots to refresh them. The story: a user with two routines, three weeks of logs with
falling pain, and today partly done; phone (390×844) and desktop (1280×800), light and
dark, and Today without JavaScript.
"""

import os
import struct
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from exercises.models import ExerciseCheck, SessionLog
from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.browser.test_history_browser import log_past_sessions
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
MIN_BYTES = 8_000


@pytest.fixture
def story(make_user, make_routine):
    """Maria: two routines, three weeks of logs with pain falling, today partly done,
    a weekly goal of eight sessions and one note shared with her physiotherapist."""
    maria = make_user("maria", weekly_goal=8)
    today = maria.profile.today()
    morning = make_routine(
        maria,
        "Morning mobility",
        days=range(7),
        slugs=("cat-cow", "pelvic-tilts", "childs-pose", "knee-to-chest"),
        at="07:30",
    )
    evening = make_routine(
        maria,
        "Evening core",
        days=sorted({0, 2, 4, today.weekday()}),
        slugs=("bridge", "plank", "wall-angels"),
        at="19:00",
    )
    log_past_sessions(maria, morning, missed=(4, 9, 16), partly=(12,), pain=((6, 5), (3, 2)))
    log_past_sessions(maria, evening, missed=(11,), pain=((5, 5), (3, 2)))
    latest_evening = SessionLog.objects.filter(routine=evening, finished_at__isnull=False).first()
    latest_evening.notes = "Plank felt easier; no ache the next morning."
    latest_evening.share_notes = True
    latest_evening.save()
    session = SessionLog.objects.create(
        owner=maria,
        routine=morning,
        routine_name=morning.name,
        date=today,
        started_at=datetime.combine(today, time(7, 30), tzinfo=UTC),
        pain_before=3,
    )
    for item in list(morning.items.select_related("exercise"))[:2]:
        ExerciseCheck.objects.create(session=session, exercise=item.exercise, item=item)
    return {"user": maria, "morning": morning, "evening": evening}


def _context(browser, live_server, viewport, *, dark=False, javascript=True, user=None):
    context = browser.new_context(
        viewport=viewport,
        color_scheme="dark" if dark else "light",
        java_script_enabled=javascript,
        reduced_motion="reduce",
    )
    external = []

    def keep_on_host(route):
        if route.request.url.startswith((live_server.url, "data:")):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", keep_on_host)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if user is not None:
        log_in(page, live_server, user.username, PASSWORD)
    return context, page, external


def _shoot(page, live_server, path, name, folder):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200, path
    # Lazy images below the fold would be blank in a full-page shot: load them all first.
    page.evaluate(
        "() => document.querySelectorAll('img').forEach(img => { img.loading = 'eager'; })"
    )
    page.wait_for_function("() => [...document.images].every(img => img.complete)")
    # A full-page capture keeps fixed elements (the phone's bottom navigation) at the first
    # screen's bottom, over the content; a viewport as tall as the page puts them at the end.
    viewport = page.viewport_size
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), animations="disabled")
    page.set_viewport_size(viewport)
    return target


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_docs_screenshots_are_written(browser, live_server, story, tmp_path):
    folder = (
        Path(os.environ["BACKCARE_SCREENSHOTS"])
        if os.environ.get("BACKCARE_SCREENSHOTS")
        else tmp_path
    )
    folder.mkdir(parents=True, exist_ok=True)
    maria = story["user"]
    routine_url = story["morning"].get_absolute_url()
    public = {
        "home": "/",
        "catalog": "/exercises/",
        "exercise": "/exercises/bridge/",
        "learn": "/learn/",
        "signup": "/accounts/signup/",
    }
    private = {
        "plan": "/plan/",
        "routine": routine_url,
        "today": "/today/",
        "history": "/history/",
        "summary": "/history/summary/",
    }
    runs = []  # (pages, name suffix, viewport, context options)
    for size, viewport in VIEWPORTS.items():
        runs += [
            (public, size, viewport, {}),
            (private, size, viewport, {"user": maria}),
            ({"catalog": "/exercises/"}, f"{size}-dark", viewport, {"dark": True}),
            ({"today": "/today/"}, f"{size}-dark", viewport, {"dark": True, "user": maria}),
        ]
    runs.append(({"today": "/today/"}, "phone-nojs", PHONE, {"javascript": False, "user": maria}))

    written = {}
    for pages, suffix, viewport, options in runs:
        context, page, external = _context(browser, live_server, viewport, **options)
        try:
            for name, path in pages.items():
                written[f"{name}-{suffix}"] = (
                    _shoot(page, live_server, path, f"{name}-{suffix}", folder),
                    viewport,
                )
        finally:
            context.close()
        assert external == [], f"requests left the host: {external}"

    assert len(written) == 2 * (5 + 5 + 2) + 1
    for name, (path, viewport) in written.items():
        assert path.exists(), name
        assert path.stat().st_size > MIN_BYTES, f"{name} is suspiciously small"
        width, height = _png_size(path)
        assert width == viewport["width"], name
        assert height >= viewport["height"], name
