import pytest

from tests.browser.conftest import DESKTOP, PHONE, axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_catalog_renders_and_is_accessible(page, live_server, catalog):
    page.goto(f"{live_server.url}/exercises/")
    assert page.get_by_role("heading", level=1).inner_text() == "Exercises for your back"
    page.screenshot(path="/tmp/shots/catalog-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path="/tmp/shots/catalog-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/exercises/bridge/")
    page.screenshot(path="/tmp/shots/detail-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path="/tmp/shots/detail-desktop.png", full_page=True)
    assert axe_violations(page) == []
    assert page.external_requests == []
