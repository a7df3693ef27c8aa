"""The login pause, in a browser: the page says when it ends in the browser's own time
zone (the login form sends it), and the right password works again after that."""

import re
import zoneinfo
from datetime import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

ZONE = "Pacific/Auckland"  # far from UTC, so a time in UTC can't pass for it


def test_the_lock_page_names_the_end_in_the_browsers_time_zone(browser, live_server):
    get_user_model().objects.create_user("robin", password=PASSWORD)
    context = browser.new_context(timezone_id=ZONE)
    page = context.new_page()
    try:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            page.goto(f"{live_server.url}/accounts/login/")
            page.get_by_label("Username").fill("robin")
            page.get_by_label("Password").fill("not-it")
            page.get_by_role("button", name="Log in").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts")
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("You can try again at")
        expect(alert).not_to_contain_text("UTC")
        moment = page.locator("time")
        ends = datetime.fromisoformat(moment.get_attribute("datetime"))
        assert ends.utcoffset() == ends.astimezone(zoneinfo.ZoneInfo(ZONE)).utcoffset()
        assert moment.inner_text() == ends.strftime("%H:%M")
        assert re.search(r"in 1[56] minutes", alert.inner_text())
    finally:
        context.close()
