"""What outside checkers measure and a person feels: nothing hidden under the phone's
bottom navigation, no layout shift on Today, no CSP violation after an htmx swap, the
catalog's first picture loaded first, and a logo that stays visible in dark mode."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def planned(user, make_routine):
    return make_routine(
        user, "Morning back", days=range(7), slugs=("cat-cow", "bridge", "plank", "superman")
    )


def hidden_under_the_nav(page) -> list[str]:
    """Tab through the whole page; list each focused control that ends up behind the
    fixed bottom navigation."""
    page.keyboard.press("Tab")
    seen, hidden = set(), []
    for _ in range(250):
        found = page.evaluate(
            """() => {
                const e = document.activeElement;
                if (!e || e === document.body) return null;
                const nav = document.querySelector('.main-nav').getBoundingClientRect();
                const box = e.getBoundingClientRect();
                const inNav = e.closest('.main-nav') !== null;
                return {key: e.outerHTML.slice(0, 120), covered: !inNav && box.bottom > nav.top};
            }"""
        )
        if found is None or found["key"] in seen:
            break
        seen.add(found["key"])
        if found["covered"]:
            hidden.append(found["key"])
        page.keyboard.press("Tab")
    return hidden


def test_no_focused_control_hides_under_the_bottom_navigation(page, live_server, user, planned):
    log_in(page, live_server, user.username, PASSWORD)
    for path in ("/today/", "/exercises/", f"/plan/routines/{planned.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert hidden_under_the_nav(page) == [], path


def test_today_does_not_shift_as_it_loads(page, live_server, user, planned):
    log_in(page, live_server, user.username, PASSWORD)
    page.add_init_script(
        """window.__shift = 0;
        new PerformanceObserver(list => {
            for (const entry of list.getEntries())
                if (!entry.hadRecentInput) window.__shift += entry.value;
        }).observe({type: 'layout-shift', buffered: true});"""
    )
    page.goto(f"{live_server.url}/today/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__shift") < 0.01


def test_a_tick_swaps_without_a_csp_violation(page, live_server, user, planned):
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/today/")
    page.evaluate(
        "document.addEventListener('securitypolicyviolation', e =>"
        " (window.__csp = (window.__csp || []).concat(e.violatedDirective)))"
    )
    page.get_by_role("checkbox", name="Bridge").check()
    expect(page.locator("#day-progress")).to_contain_text("1 of 4 done")
    page.wait_for_timeout(300)  # htmx's settle step runs after the swap
    assert page.evaluate("window.__csp || []") == []
    assert violations == []


def test_the_catalogs_first_picture_loads_first_and_the_rest_lazily(page, live_server, catalog):
    page.goto(f"{live_server.url}/exercises/")
    pictures = page.locator("#results img")
    expect(pictures.first).to_have_attribute("fetchpriority", "high")
    assert pictures.first.get_attribute("loading") is None
    assert pictures.nth(1).get_attribute("loading") == "lazy"


def test_the_logo_stays_visible_in_dark_mode(browser, live_server, catalog):
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    disc = page.evaluate("getComputedStyle(document.querySelector('.brand__disc')).fill")
    header = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )

    def luminance(css):
        r, g, b = (int(part) / 255 for part in css[css.index("(") + 1 : -1].split(",")[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    assert abs(luminance(disc) - luminance(header)) > 0.3
    context.close()


def test_the_week_on_a_phone_is_seven_short_lines(page, live_server, user, planned):
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/plan/")
    days = page.locator("ol.week > li")
    expect(days).to_have_count(7)
    assert max(box["height"] for box in (d.bounding_box() for d in days.all())) < 80
    # Each routine's exercises are listed once, on its card.
    bridge = planned.items.get(exercise__slug="bridge")
    expect(page.locator(".routine-card").first).to_contain_text(f"Bridge ({bridge.dose_label})")
