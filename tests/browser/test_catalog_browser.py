"""The catalog in a real browser: in-place filtering with htmx, history, the
no-JavaScript fallback, the empty state, accessibility, and no request leaving the host."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise
from tests.browser.conftest import PHONE, axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

MARKER = "window.backcareNoReload"


def set_reload_marker(page):
    """A value on `window` that a full page load would wipe out."""
    page.evaluate(f"{MARKER} = 'still the same page'")


def reload_marker(page):
    return page.evaluate(f"{MARKER} ?? null")


def cards(page):
    return page.locator("#results .exercise-card")


def count_text(n: int) -> re.Pattern:
    return re.compile(rf"^{n} exercises? match(es)? your choices\.$")


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_typing_in_search_swaps_results_in_place_and_pushes_the_url(page, live_server, catalog):
    expected = Exercise.objects.search(q="plank").count()
    assert 0 < expected < len(catalog)
    page.goto(f"{live_server.url}/exercises/")
    expect(cards(page)).to_have_count(len(catalog))
    expect(page.locator("#result-count")).to_have_text(f"Showing all {len(catalog)} exercises.")
    set_reload_marker(page)

    page.get_by_role("searchbox", name="Search").press_sequentially("plank", delay=40)

    expect(page).to_have_url(re.compile(r"/exercises/\?q=plank$"))
    expect(cards(page)).to_have_count(expected)
    expect(page.locator("#result-count")).to_have_text(count_text(expected))
    expect(page.locator("#result-count")).to_have_attribute("aria-live", "polite")
    assert reload_marker(page) == "still the same page"
    assert page.external_requests == []


def open_filters(page):
    """On a phone the four filters are folded under one tap."""
    if page.locator("details.filter-panel").get_attribute("open") is None:
        page.get_by_text("Filter by focus, kind, level or equipment").click()


def test_filters_fold_away_on_a_phone_and_show_on_a_desktop(
    page, desktop_page, live_server, catalog
):
    page.goto(f"{live_server.url}/exercises/")
    expect(page.get_by_role("combobox", name="Kind")).to_be_hidden()
    open_filters(page)
    expect(page.get_by_role("combobox", name="Kind")).to_be_visible()
    desktop_page.goto(f"{live_server.url}/exercises/")
    expect(desktop_page.get_by_role("combobox", name="Kind")).to_be_visible()
    expect(desktop_page.get_by_text("Filter by focus, kind, level or equipment")).to_be_hidden()
    page.goto(f"{live_server.url}/exercises/?kind=stretch")  # chosen filters stay in view
    expect(page.get_by_role("combobox", name="Kind")).to_be_visible()


def test_typing_then_leaving_search_sends_one_request_and_logs_no_error(page, live_server, catalog):
    errors, requests = [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/exercises/")
    page.on("request", lambda request: "/exercises/?" in request.url and requests.append(request))
    page.get_by_role("searchbox", name="Search").press_sequentially("plank", delay=30)
    expect(cards(page)).to_have_count(1)
    page.get_by_role("button", name="Show exercises").focus()  # the search box loses focus
    page.wait_for_timeout(600)
    assert len(requests) == 1
    assert errors == []


def test_kind_and_focus_filters_swap_in_place_and_combine(page, live_server, catalog):
    stretches = Exercise.objects.search(kind="stretch").count()
    combined = Exercise.objects.search(kind="stretch", focus="hips").count()
    assert 0 < combined < stretches < len(catalog)
    page.goto(f"{live_server.url}/exercises/")
    set_reload_marker(page)

    open_filters(page)
    page.get_by_role("combobox", name="Kind").select_option("stretch")
    expect(page).to_have_url(re.compile(r"\?kind=stretch$"))
    expect(cards(page)).to_have_count(stretches)
    expect(page.locator("#result-count")).to_have_text(count_text(stretches))

    page.get_by_role("combobox", name="Focus").select_option(label="Hips")
    expect(cards(page)).to_have_count(combined)
    expect(page.locator("#result-count")).to_have_text(count_text(combined))
    expect(page).to_have_url(re.compile(r"focus=hips"))
    assert query_of(page.url) == {"focus": ["hips"], "kind": ["stretch"]}
    for name in Exercise.objects.search(kind="stretch", focus="hips").values_list(
        "name", flat=True
    ):
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    assert reload_marker(page) == "still the same page"
    assert page.external_requests == []


def test_back_button_restores_previous_results_and_form_values(page, live_server, catalog):
    strength = Exercise.objects.search(kind="strength").count()
    strength_core = Exercise.objects.search(kind="strength", q="core").count()
    assert strength_core < strength < len(catalog)
    page.goto(f"{live_server.url}/exercises/")
    kind = page.get_by_role("combobox", name="Kind")
    search = page.get_by_role("searchbox", name="Search")

    open_filters(page)
    kind.select_option("strength")
    expect(page).to_have_url(re.compile(r"\?kind=strength$"))
    expect(cards(page)).to_have_count(strength)
    search.press_sequentially("core", delay=40)
    expect(cards(page)).to_have_count(strength_core)
    expect(page).to_have_url(re.compile(r"q=core"))

    page.go_back()
    expect(page).to_have_url(re.compile(r"/exercises/\?kind=strength$"))
    expect(cards(page)).to_have_count(strength)
    expect(page.get_by_role("combobox", name="Kind")).to_have_value("strength")
    expect(page.get_by_role("searchbox", name="Search")).to_have_value("")
    expect(page.locator("#result-count")).to_have_text(count_text(strength))

    page.go_back()
    expect(page).to_have_url(re.compile(r"/exercises/$"))
    expect(cards(page)).to_have_count(len(catalog))
    expect(page.locator("#id_kind")).to_have_value("")  # folded away again, unchosen

    page.go_forward()
    expect(page).to_have_url(re.compile(r"\?kind=strength$"))
    expect(cards(page)).to_have_count(strength)
    expect(page.get_by_role("combobox", name="Kind")).to_have_value("strength")
    assert page.external_requests == []


def test_without_javascript_the_form_submits_as_a_plain_get(nojs_page, live_server, catalog):
    page = nojs_page
    expected = Exercise.objects.search(q="back", kind="stretch").count()
    assert 0 < expected < len(catalog)
    page.goto(f"{live_server.url}/exercises/")
    page.get_by_role("searchbox", name="Search").fill("back")
    open_filters(page)
    page.get_by_role("combobox", name="Kind").select_option("stretch")
    page.get_by_role("button", name="Show exercises").click()

    expect(page).to_have_url(re.compile(r"/exercises/\?"))
    assert query_of(page.url)["q"] == ["back"]
    assert query_of(page.url)["kind"] == ["stretch"]
    expect(cards(page)).to_have_count(expected)
    expect(page.locator("#result-count")).to_have_text(count_text(expected))
    expect(page.get_by_role("searchbox", name="Search")).to_have_value("back")
    expect(page.get_by_role("combobox", name="Kind")).to_have_value("stretch")

    page.get_by_role("link", name="Clear").click()
    expect(cards(page)).to_have_count(len(catalog))
    assert page.external_requests == []


def test_empty_state_offers_a_way_back_to_all_exercises(page, live_server, catalog):
    page.goto(f"{live_server.url}/exercises/")
    set_reload_marker(page)
    page.get_by_role("searchbox", name="Search").press_sequentially("xylophone", delay=20)

    expect(
        page.get_by_role("heading", name="No exercises match all of those choices")
    ).to_be_visible()
    expect(cards(page)).to_have_count(0)
    expect(page.locator("#result-count")).to_have_text(count_text(0))
    assert reload_marker(page) == "still the same page"

    page.get_by_role("link", name="Show all exercises").click()
    expect(cards(page)).to_have_count(len(catalog))
    expect(page).to_have_url(re.compile(r"/exercises/$"))
    assert page.external_requests == []


def test_empty_state_without_javascript_links_back(nojs_page, live_server, catalog):
    nojs_page.goto(f"{live_server.url}/exercises/?q=xylophone")
    expect(cards(nojs_page)).to_have_count(0)
    nojs_page.get_by_role("link", name="Show all exercises").click()
    expect(cards(nojs_page)).to_have_count(len(catalog))
    assert nojs_page.external_requests == []


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/exercises/", 200),
        ("/exercises/?kind=stretch&focus=hips", 200),
        ("/exercises/?q=xylophone", 200),
        ("/exercises/bridge/", 200),
        ("/exercises/childs-pose-side-stretch/", 200),
        ("/learn/", 200),
        ("/exercises/no-such-exercise/", 404),
    ],
)
def test_public_pages_have_no_axe_violations(page, live_server, catalog, path, status):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == status
    assert axe_violations(page) == []
    assert page.external_requests == []


@pytest.mark.parametrize("path", ["/exercises/", "/exercises/bridge/", "/learn/"])
def test_pages_in_dark_mode_have_no_axe_violations(browser, live_server, catalog, path):
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        assert axe_violations(page) == []
    finally:
        context.close()


def test_not_found_page_uses_the_site_layout(page, live_server, catalog):
    response = page.goto(f"{live_server.url}/exercises/no-such-exercise/")
    assert response.status == 404
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("link", name="Exercises", exact=True)).to_be_visible()
    expect(page.locator("footer")).to_contain_text("Please note")
    assert page.external_requests == []
