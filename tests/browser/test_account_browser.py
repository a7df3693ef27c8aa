"""Deleting an account in a real browser, from the Settings link, with and without
JavaScript: a wrong password deletes nothing, an account busy on another device says to
try again and keeps everything, and the right password deletes it all."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from exercises import accounts
from exercises.models import Routine
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def open_delete_page(page, live_server, user):
    log_in(page, live_server, user.username, PASSWORD)
    page.get_by_role("banner").get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Delete your account").click()
    expect(page.get_by_role("heading", name="Delete your account")).to_be_visible()


def delete_with(page, password):
    page.get_by_label("Your password").fill(password)
    page.get_by_role("button", name="Delete my account").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_deleting_the_account_from_settings(
    page, nojs_page, live_server, user, make_routine, javascript
):
    page = page if javascript else nojs_page
    make_routine(user, "Morning back", days=range(7), slugs=("bridge", "plank"))
    open_delete_page(page, live_server, user)
    expect(page.locator("main")).to_contain_text("1 routine and their exercises")
    if javascript:  # axe-core runs as a script
        assert axe_violations(page) == []

    delete_with(page, "not my password")
    expect(page.locator("main")).to_contain_text(
        "That password isn't right, so nothing was deleted."
    )
    assert get_user_model().objects.filter(pk=user.pk).exists()

    delete_with(page, PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_text("Your account and all of its data have been deleted.")).to_be_visible()
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not Routine.objects.filter(owner_id=user.pk).exists()
    page.goto(f"{live_server.url}/today/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert page.external_requests == []


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_account_busy_on_another_device_says_to_try_again_and_keeps_everything(
    page, nojs_page, live_server, user, make_routine, monkeypatch, javascript
):
    """The rows stay locked by another device through every attempt (as the database
    would report it: each attempt's lock fails), then free up."""
    page = page if javascript else nojs_page
    make_routine(user, "Morning back", days=range(7), slugs=("bridge", "plank"))
    monkeypatch.setattr(accounts, "PAUSE_SECONDS", 0)
    real_lock = accounts._lock_rows_of
    busy = {"attempts": 0}

    def locked_elsewhere(user_id):
        if busy["attempts"] < accounts.ATTEMPTS:
            busy["attempts"] += 1
            raise accounts.OperationalError("could not obtain lock on row")
        real_lock(user_id)

    monkeypatch.setattr(accounts, "_lock_rows_of", locked_elsewhere)
    open_delete_page(page, live_server, user)

    delete_with(page, PASSWORD)
    expect(page.locator("main")).to_contain_text(
        "Your account was busy saving something from another device, so nothing was deleted."
    )
    assert busy["attempts"] == accounts.ATTEMPTS
    assert Routine.objects.filter(owner=user).count() == 1
    if javascript:  # axe-core runs as a script
        assert axe_violations(page) == []
    page.get_by_role("link", name="Today", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")  # still logged in

    page.goto(f"{live_server.url}/accounts/delete/")
    delete_with(page, PASSWORD)  # the rows are free now
    expect(page.get_by_text("Your account and all of its data have been deleted.")).to_be_visible()
    assert not get_user_model().objects.filter(pk=user.pk).exists()
