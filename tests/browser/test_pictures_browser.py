"""The exercise pictures in Chromium: every exercise page's picture moves (and the page's
own `document.getAnimations()` finds it), reduced motion shows the labelled positions side
by side with nothing moving, the strict CSP blocks nothing, a mirrored picture is flipped,
the stills keep their dark colours when served with the real headers, and axe is happy."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from exercises import content
from tests.browser.conftest import DESKTOP, PHONE, axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

SLUGS = [item["slug"] for item in content.EXERCISES]

# Every CSP violation the page reports, collected from the first moment of the page.
LISTEN_FOR_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""

ANIMATIONS = """() => document.getAnimations().map((a) => ({
  state: a.playState,
  inPicture: a.effect.target.closest('.picture__motion') !== null,
}))"""


def open_page(browser, live_server, slug, **context_options):
    context = browser.new_context(viewport=PHONE, **context_options)
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    external = []

    def keep_on_host(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", keep_on_host)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.external_requests = external
    console = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    response = page.goto(f"{live_server.url}/exercises/{slug}/")
    assert response.status == 200
    return context, page, response, console


def path_shape_at(page, part: str, milliseconds: float) -> str:
    """The drawn shape of one body part `milliseconds` into the loop."""
    return page.evaluate(
        """([part, at]) => {
            document.getAnimations().forEach((a) => { a.pause(); a.currentTime = at; });
            const path = document.querySelector(`.picture__motion path.${part}:not(.halo)`);
            return getComputedStyle(path).d;
        }""",
        [part, milliseconds],
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_every_exercise_page_picture_moves_under_the_strict_csp(
    browser, live_server, catalog, slug
):
    context, page, response, console = open_page(browser, live_server, slug)
    csp = response.headers["content-security-policy"]
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp

    expect(page.locator(".picture__motion")).to_be_visible()
    animations = page.evaluate(ANIMATIONS)
    assert animations, "the page's document.getAnimations() finds nothing"
    assert all(a["inPicture"] for a in animations)
    assert all(a["state"] == "running" for a in animations)

    # It really moves: some body part has a different shape a third of the way in.
    moving = page.evaluate(
        """() => [...new Set(document.getAnimations()
              .map((a) => a.effect.target.getAttribute('class').split(' ').pop()))]"""
    )
    loop = page.evaluate("document.getAnimations()[0].effect.getComputedTiming().duration")
    assert 6000 <= loop <= 15000
    changed = [
        part
        for part in moving
        if part not in ("arrows",)
        and not part.startswith("arrow")
        and path_shape_at(page, part, 0) != path_shape_at(page, part, loop * 0.4)
    ]
    assert changed, moving

    assert page.evaluate("window.cspViolations") == []
    assert not [line for line in console if line.startswith("error")]
    assert page.external_requests == []
    context.close()


@pytest.mark.parametrize("slug", SLUGS)
def test_reduced_motion_shows_labelled_start_and_end_side_by_side_and_nothing_moves(
    browser, live_server, catalog, slug
):
    context, page, _, _ = open_page(browser, live_server, slug, reduced_motion="reduce")
    frames = page.locator(".picture--page .picture__frame")
    start = frames.first
    end = frames.filter(has_text=re.compile(r"^End$"))
    expect(start.get_by_text("Start", exact=True)).to_be_visible()
    expect(end.get_by_text("End", exact=True)).to_be_visible()
    expect(page.locator(".picture__motion")).to_be_hidden()
    # Side by side: the same row, Start to the left of End.
    start_box, end_box = start.bounding_box(), end.bounding_box()
    assert abs(start_box["y"] - end_box["y"]) < 2
    assert start_box["x"] + start_box["width"] <= end_box["x"] + 1
    assert page.evaluate("document.getAnimations().length") == 0
    assert page.evaluate("window.cspViolations") == []
    context.close()


def test_a_mirrored_picture_is_flipped_left_to_right(browser, live_server, catalog):
    context, page, _, _ = open_page(browser, live_server, "knee-to-chest")
    figure = page.locator(".picture--page")
    motion = page.locator(".picture__motion")
    assert motion.evaluate("(el) => getComputedStyle(el).transform") == "none"
    figure.evaluate("(el) => el.classList.add('picture--mirrored')")
    assert motion.evaluate("(el) => getComputedStyle(el).transform") == "matrix(-1, 0, 0, 1, 0, 0)"
    # The words under the picture are not mirrored.
    caption = page.locator(".picture__caption")
    assert caption.evaluate("(el) => getComputedStyle(el).transform") == "none"
    context.close()


def test_a_still_keeps_its_dark_colours_when_served_with_the_real_headers(browser, catalog):
    """WhiteNoise serves the SVG with the app's CSP header (the middleware is outermost);
    the still's own <style> (its dark colours) must survive that header in Chromium."""
    django = Client()
    page_response = django.get("/exercises/")
    url = re.search(
        r'src="(/static/img/exercises/bridge(?:\.[0-9a-f]+)?\.svg)"', page_response.text
    )
    svg = django.get(url.group(1))
    svg_body = b"".join(svg.streaming_content)
    svg.close()
    assert svg["Content-Security-Policy"]
    html = (
        '<!doctype html><html><head><meta name="color-scheme" content="light dark"></head>'
        f'<body><img src="{url.group(1)}" width="320" height="200" alt=""></body></html>'
    )

    def serve(route):
        if route.request.url.endswith(".svg"):
            headers = dict(svg.items())
            route.fulfill(status=200, body=svg_body, headers=headers)
        else:
            headers = {
                "Content-Type": "text/html",
                **{"Content-Security-Policy": page_response["Content-Security-Policy"]},
            }
            route.fulfill(status=200, body=html, headers=headers)

    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
        page = context.new_page()
        page.route("http://backcare.test/**", serve)
        page.goto("http://backcare.test/exercises/")
        page.wait_for_function("() => document.images[0].complete")
        colours[scheme] = page.evaluate(
            """() => {
                const canvas = document.createElement('canvas');
                canvas.width = 320; canvas.height = 200;
                const context = canvas.getContext('2d');
                context.drawImage(document.images[0], 0, 0, 320, 200);
                return Array.from(context.getImageData(4, 4, 1, 1).data.slice(0, 3));
            }"""
        )
        context.close()
    assert colours["light"] == [0xEE, 0xF3, 0xF2]
    assert colours["dark"] == [0x1D, 0x2C, 0x2A]


@pytest.mark.parametrize("reduced_motion", ["no-preference", "reduce"])
def test_an_exercise_page_with_its_picture_has_no_axe_violations(
    browser, live_server, catalog, reduced_motion
):
    context, page, _, _ = open_page(
        browser, live_server, "seated-spinal-twist", reduced_motion=reduced_motion
    )
    assert axe_violations(page) == []
    context.close()
