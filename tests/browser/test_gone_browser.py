"""An item removed on another device while this page still shows it: acting on it says
so in the status region (htmx swaps nothing on a 404, so the server's announcement is all
there is), and the item doesn't come back."""

import pytest
from playwright.sync_api import expect

from exercises.models import ExerciseCheck, RoutineItem
from exercises.views.gone import ITEM_GONE
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def routine(user, make_routine):
    return make_routine(user, "Morning back", days=range(7), slugs=("cat-cow", "bridge"))


def test_a_dose_changed_after_the_item_was_removed_elsewhere_says_so(
    page, live_server, user, routine
):
    bridge = routine.items.get(exercise__slug="bridge")
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}{routine.get_absolute_url()}")
    RoutineItem.objects.filter(pk=bridge.pk).delete()  # "Remove" on the phone
    page.locator(f"#item-{bridge.pk}-reps").fill("7")
    page.locator(f"#item-{bridge.pk}-sets").focus()  # moving on sends the change
    expect(page.locator("#announcer")).to_have_text(ITEM_GONE)
    assert not routine.items.filter(exercise__slug="bridge").exists()
    assert page.external_requests == []


def test_a_tick_on_an_item_removed_elsewhere_says_so_and_records_nothing(
    page, live_server, user, routine
):
    bridge = routine.items.get(exercise__slug="bridge")
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/today/")
    RoutineItem.objects.filter(pk=bridge.pk).delete()
    page.get_by_role("checkbox", name="Bridge").check()
    expect(page.locator("#announcer")).to_have_text(ITEM_GONE)
    assert not ExerciseCheck.objects.filter(exercise=bridge.exercise).exists()
    assert page.external_requests == []
