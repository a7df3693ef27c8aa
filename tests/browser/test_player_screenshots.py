"""Screenshots of the guided session player in every phase: phone portrait (390×844) and
landscape (844×390) and desktop (1280×800), light and dark, and the step-through without
JavaScript. In the suite they go to a temporary folder; BACKCARE_PLAYER_SHOTS names a
folder to keep them in (to look at them)."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {
    "phone": PHONE,
    "landscape": {"width": PHONE["height"], "height": PHONE["width"]},
    "desktop": DESKTOP,
}
# (phase shown, seconds of the session to let pass before it, from the Start tap)
PHASES = [
    ("get-ready", "Get ready", 1),
    ("hold", "Hold", 5 + 6),
    ("rest", "Rest", 5 + 20 + 4),
    ("next-up", "Next up", 5 + 20 + 30 + 20 + 3),
    ("switch-sides", "Switch sides", 5 + 20 + 30 + 20 + 30 + 5 + 15 + 30 + 15 + 2),
]


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("BACKCARE_PLAYER_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def routine(user, make_routine):
    return make_routine(
        user, "Morning back", days=range(7), slugs=("childs-pose", "knee-to-chest", "bridge")
    )


def new_page(browser, viewport, scheme, javascript=True):
    context = browser.new_context(
        viewport=viewport, color_scheme=scheme, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_player_screenshots(browser, live_server, user, routine, shots, size, scheme):
    context, page = new_page(browser, VIEWPORTS[size], scheme)
    log_in(page, live_server, user.username, PASSWORD)
    page.clock.install()
    page.goto(f"{live_server.url}/today/")
    page.get_by_role("link", name="Start session: Morning back").click()
    page.screenshot(path=shots / f"player-{size}-{scheme}-start.png")
    page.get_by_role("button", name="Start", exact=True).click()
    elapsed = 0
    for name, label, at in PHASES:
        page.clock.run_for((at - elapsed) * 1000)
        elapsed = at
        expect(page.locator("#player-phase")).to_have_text(label)
        page.screenshot(path=shots / f"player-{size}-{scheme}-{name}.png")
    page.get_by_role("button", name="End session").click()
    expect(page.locator("#player-phase").first).to_be_hidden()
    page.screenshot(path=shots / f"player-{size}-{scheme}-done.png", full_page=True)
    context.close()

    context, page = new_page(browser, VIEWPORTS[size], scheme, javascript=False)
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/today/")
    page.get_by_role("link", name="Start session: Morning back").click()
    page.get_by_role("button", name=re.compile("^Done: ")).click()  # one step done
    expect(page).to_have_url(re.compile(r"\?step=\d$"))
    page.screenshot(path=shots / f"player-{size}-{scheme}-nojs-step.png", full_page=True)
    context.close()
    assert len(list(shots.glob(f"player-{size}-{scheme}-*.png"))) == 8
