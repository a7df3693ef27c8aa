"""Accounts and the weekly plan in a real browser: sign up, the safety check,
"Add to plan" into a new three-day routine, the week grid, keyboard-only reordering in the
routine editor, the same flow without JavaScript, and axe-core on every plan page."""

import re
import time

import pytest
from playwright.sync_api import expect

from exercises.models import Routine, weekday_mask
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

PLAN_DAYS = ("Monday", "Wednesday", "Friday")
REST_DAYS = ("Tuesday", "Thursday", "Saturday", "Sunday")
ONE_MINUTE = 60.0


def sign_up(page, live_server, username):
    page.goto(f"{live_server.url}/")
    page.get_by_role("banner").get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()


def answer_safety_check_all_no(page):
    expect(page.get_by_role("heading", level=1)).to_have_text("A quick safety check")
    radios = page.get_by_role("radio", name="No", exact=True)
    assert radios.count() >= 6
    for radio in radios.all():
        radio.check()
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thanks, you're ready to start")


def add_bridge_to_a_new_three_day_routine(page, routine_name):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Exercises").click()
    page.get_by_role("link", name="Bridge", exact=True).click()
    page.get_by_role("button", name="Add to plan").click()
    page.get_by_label("Routine", exact=True).select_option(label="A new routine")
    page.get_by_label("New routine name").fill(routine_name)
    for day in PLAN_DAYS:
        page.get_by_label(day, exact=True).check()
    page.get_by_label("Sets", exact=True).fill("2")
    page.get_by_label("Reps", exact=True).fill("8")
    page.get_by_role("button", name="Add", exact=True).click()
    # The exercise page stays, and says where it went, with Undo.
    expect(page.get_by_role("status").filter(has_text="Added to")).to_contain_text(
        f"Added to “{routine_name}”."
    )
    expect(page.get_by_text("Your plan: 2 × 8 reps")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Plan").click()


def day_column(page, day):
    return page.locator("ol.week > li").filter(
        has=page.get_by_role("heading", name=re.compile(rf"^{day}\b"))
    )


def assert_plan_shows_routine_on_its_days(page, live_server, routine_name):
    expect(page).to_have_url(f"{live_server.url}/plan/")
    for day in PLAN_DAYS:
        expect(day_column(page, day)).to_contain_text(routine_name)
        expect(day_column(page, day)).to_contain_text("Bridge")
        expect(day_column(page, day)).to_contain_text("2 × 8 reps")
    for day in REST_DAYS:
        expect(day_column(page, day)).to_contain_text("Nothing planned")
        expect(day_column(page, day)).not_to_contain_text(routine_name)


def assert_stored_plan(username, routine_name):
    routine = Routine.objects.get(owner__username=username)
    assert routine.name == routine_name
    assert routine.weekdays == weekday_mask([0, 2, 4])
    [item] = routine.items.all()
    assert (item.exercise.slug, item.sets, item.reps, item.hold_seconds) == ("bridge", 2, 8, None)
    return routine


def item_names(page):
    return page.locator("#items ol.items > li h3")


def add_from_picker(page, name):
    page.get_by_role("button", name=f"Add {name}", exact=True).click()
    expect(item_names(page).filter(has_text=name)).to_have_count(1)


def tab_to(page, element_id, limit=80):
    """Press Tab until the element with this id has focus (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def focus_is_on_item(page, item_pk):
    page.wait_for_function(
        "prefix => (document.activeElement?.id || '').startsWith(prefix)", arg=f"item-{item_pk}-"
    )
    return page.evaluate("document.activeElement.id")


def test_new_user_gets_a_three_day_plan_on_a_phone_in_under_a_minute(page, live_server, catalog):
    started = time.monotonic()
    sign_up(page, live_server, "robin")
    answer_safety_check_all_no(page)
    add_bridge_to_a_new_three_day_routine(page, "Morning back")
    assert_plan_shows_routine_on_its_days(page, live_server, "Morning back")
    elapsed = time.monotonic() - started

    assert elapsed < ONE_MINUTE, f"sign-up to a three-day plan took {elapsed:.1f} s"
    assert_stored_plan("robin", "Morning back")
    assert page.external_requests == []


def test_new_user_gets_a_three_day_plan_without_javascript(nojs_page, live_server, catalog):
    page = nojs_page
    started = time.monotonic()
    sign_up(page, live_server, "robin")
    answer_safety_check_all_no(page)
    add_bridge_to_a_new_three_day_routine(page, "Morning back")
    assert_plan_shows_routine_on_its_days(page, live_server, "Morning back")
    elapsed = time.monotonic() - started

    assert elapsed < ONE_MINUTE, f"sign-up to a three-day plan took {elapsed:.1f} s"
    assert_stored_plan("robin", "Morning back")
    assert page.external_requests == []


def test_routine_items_reorder_with_the_keyboard_in_place_keeping_focus(
    page, live_server, user, make_routine
):
    routine = make_routine(user, "Morning back", slugs=("bridge", "cat-cow", "plank"))
    bridge = routine.items.get(exercise__slug="bridge")
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}{routine.get_absolute_url()}")
    expect(item_names(page)).to_have_text(["Bridge", "Cat-cow stretch", "Plank"])
    page.evaluate("window.backcareNoReload = true")

    tab_to(page, f"item-{bridge.pk}-down")
    page.keyboard.press("Enter")
    expect(item_names(page)).to_have_text(["Cat-cow stretch", "Bridge", "Plank"])
    assert focus_is_on_item(page, bridge.pk) == f"item-{bridge.pk}-down"
    expect(page.locator("#announcer")).to_have_text("Bridge is now number 2 of 3.")

    page.keyboard.press("Enter")  # focus stayed on "Move down", so this moves it again
    expect(item_names(page)).to_have_text(["Cat-cow stretch", "Plank", "Bridge"])
    expect(page.locator("#announcer")).to_have_text("Bridge is now number 3 of 3.")
    # At the bottom "Move down" is disabled, so focus moves to this item's "Move up".
    assert focus_is_on_item(page, bridge.pk) == f"item-{bridge.pk}-up"

    page.keyboard.press("Enter")
    expect(item_names(page)).to_have_text(["Cat-cow stretch", "Bridge", "Plank"])
    assert focus_is_on_item(page, bridge.pk) == f"item-{bridge.pk}-up"

    assert page.evaluate("window.backcareNoReload") is True
    stored = list(routine.items.order_by("position").values_list("exercise__slug", flat=True))
    assert stored == ["cat-cow", "bridge", "plank"]
    assert page.external_requests == []


def test_signup_add_to_plan_then_reorder_in_the_editor_with_javascript(page, live_server, catalog):
    sign_up(page, live_server, "robin")
    answer_safety_check_all_no(page)
    add_bridge_to_a_new_three_day_routine(page, "Morning back")
    assert_plan_shows_routine_on_its_days(page, live_server, "Morning back")

    page.get_by_role("link", name="Edit Morning back").click()
    page.evaluate("window.backcareNoReload = true")
    add_from_picker(page, "Cat-cow stretch")
    add_from_picker(page, "Plank")
    expect(item_names(page)).to_have_text(["Bridge", "Cat-cow stretch", "Plank"])
    plank = Routine.objects.get(name="Morning back").items.get(exercise__slug="plank")
    # After an add, focus lands on the new item's Sets field (once the swap settles).
    expect(page.locator(f"#item-{plank.pk}-sets")).to_be_focused()

    page.get_by_role("button", name="Move up: Plank").focus()
    page.keyboard.press("Enter")
    expect(item_names(page)).to_have_text(["Bridge", "Plank", "Cat-cow stretch"])
    # The move has settled (its announcement is out) before the next key press.
    expect(page.locator("#announcer")).to_have_text("Plank is now number 2 of 3.")
    assert focus_is_on_item(page, plank.pk) == f"item-{plank.pk}-up"
    page.keyboard.press("Enter")
    expect(item_names(page)).to_have_text(["Plank", "Bridge", "Cat-cow stretch"])
    expect(page.locator("#announcer")).to_have_text("Plank is now number 1 of 3.")
    assert focus_is_on_item(page, plank.pk) == f"item-{plank.pk}-down"
    assert page.evaluate("window.backcareNoReload") is True

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Plan").click()
    expect(day_column(page, "Monday").locator("li.day-routine li")).to_have_text(
        [re.compile(r"\bPlank\b"), re.compile(r"\bBridge\b"), re.compile(r"\bCat-cow stretch\b")]
    )
    assert page.external_requests == []


def test_a_changed_dose_is_saved_as_it_changes_and_save_routine_keeps_it(
    page, live_server, user, make_routine
):
    routine = make_routine(user, "Morning back", slugs=("bridge", "plank"))
    bridge = routine.items.get(exercise__slug="bridge")
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}{routine.get_absolute_url()}")
    page.locator(f"#item-{bridge.pk}-reps").fill("7")
    page.locator(f"#item-{bridge.pk}-sets").focus()  # moving on sends the change
    expect(page.locator(f"#item-{bridge.pk}-dose")).to_contain_text("✓ Saved")
    bridge.refresh_from_db()
    assert bridge.reps == 7
    page.get_by_label("Routine name").fill("Morning back, gently")
    page.get_by_role("button", name="Save routine").click()
    expect(page.get_by_role("status").first).to_contain_text("Routine saved.")
    bridge.refresh_from_db()
    routine.refresh_from_db()
    assert (routine.name, bridge.reps) == ("Morning back, gently", 7)
    expect(page.locator(f"#item-{bridge.pk}-reps")).to_have_value("7")
    assert page.external_requests == []


def test_a_refused_dose_says_why_beside_it_and_leaving_asks_first(
    page, live_server, user, make_routine
):
    routine = make_routine(user, "Morning back", slugs=("bridge",))
    bridge = routine.items.get()
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}{routine.get_absolute_url()}")
    page.locator(f"#item-{bridge.pk}-reps").fill("99")
    page.locator(f"#item-{bridge.pk}-sets").focus()
    dose = page.locator(f"#item-{bridge.pk}-dose")
    expect(dose).to_contain_text("Reps must be between 1 and 50.")
    bridge.refresh_from_db()
    assert bridge.reps != 99
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Plan").click()
    expect(page).to_have_url(f"{live_server.url}{routine.get_absolute_url()}")
    assert dialogs == ["beforeunload"]


def test_remove_offers_undo_and_focus_goes_to_the_list(page, live_server, user, make_routine):
    routine = make_routine(user, "Morning back", slugs=("bridge", "cat-cow", "plank"))
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}{routine.get_absolute_url()}")
    page.get_by_role("button", name="Remove Cat-cow stretch").click()
    expect(item_names(page)).to_have_text(["Bridge", "Plank"])
    expect(page.locator("#items-list")).to_be_focused()
    expect(page.locator("#announcer")).to_contain_text("Removed Cat-cow stretch.")
    page.get_by_role("button", name="Undo").click()
    expect(item_names(page)).to_have_text(["Bridge", "Cat-cow stretch", "Plank"])
    expect(page.get_by_role("button", name="Undo")).to_have_count(0)
    assert axe_violations(page) == []


def test_editor_works_without_javascript(nojs_page, live_server, user, make_routine):
    page = nojs_page
    routine = make_routine(user, "Morning back", slugs=("bridge",))
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}{routine.get_absolute_url()}")

    page.get_by_role("button", name="Add Cat-cow stretch").click()
    expect(page).to_have_url(f"{live_server.url}{routine.get_absolute_url()}")
    expect(page.get_by_role("status").first).to_contain_text("Added Cat-cow stretch.")
    expect(item_names(page)).to_have_text(["Bridge", "Cat-cow stretch"])

    page.get_by_role("button", name="Move down: Bridge").click()
    expect(item_names(page)).to_have_text(["Cat-cow stretch", "Bridge"])
    expect(page.get_by_role("status").first).to_contain_text("Bridge is now number 2 of 2.")

    page.get_by_role("button", name="Move up: Bridge").focus()
    page.keyboard.press("Enter")
    expect(item_names(page)).to_have_text(["Bridge", "Cat-cow stretch"])
    stored = list(routine.items.order_by("position").values_list("exercise__slug", flat=True))
    assert stored == ["bridge", "cat-cow"]

    # One "Save routine" saves a changed dose along with the name.
    bridge = routine.items.get(exercise__slug="bridge")
    page.locator(f"#item-{bridge.pk}-reps").fill("6")
    page.get_by_label("Routine name").fill("Morning back, renamed")
    page.get_by_role("button", name="Save routine").click()
    expect(page.get_by_role("status").first).to_contain_text("Routine saved.")
    bridge.refresh_from_db()
    assert bridge.reps == 6

    page.get_by_role("button", name="Remove Bridge").click()
    expect(item_names(page)).to_have_text(["Cat-cow stretch"])
    page.get_by_role("button", name="Undo").click()
    expect(item_names(page)).to_have_text(["Bridge", "Cat-cow stretch"])
    assert page.external_requests == []


def test_account_and_plan_pages_have_no_axe_violations(page, live_server, user, make_routine):
    violations = {}

    def check(path):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        found = axe_violations(page)
        if found:
            violations[path] = found

    check("/accounts/signup/")
    check("/accounts/login/")
    log_in(page, live_server, user.username, PASSWORD)
    check("/plan/")  # empty: invites a starter plan
    expect(page.get_by_role("heading", name="Your plan is empty")).to_be_visible()
    check("/accounts/settings/")
    check("/accounts/safety-check/")
    check("/plan/starters/")
    check("/plan/routines/new/")
    check("/exercises/bridge/add/")
    routine = make_routine(user, "Morning back", slugs=("bridge", "cat-cow", "plank"))
    make_routine(user, "Evening", days=(1, 3), slugs=("childs-pose",), at="19:00")
    check("/plan/")
    expect(day_column(page, "Monday")).to_contain_text("Morning back")
    check(routine.get_absolute_url())
    check(f"{routine.get_absolute_url()}?q=stretch")
    check(f"/plan/routines/{routine.pk}/delete/")
    assert violations == {}
    assert page.external_requests == []


def test_form_errors_are_accessible(page, live_server, user, catalog):
    """A failed sign-up and a bad "Add to plan" come back with messages axe accepts."""
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill("something-else-entirely")
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator(".field--error")).not_to_have_count(0)
    assert axe_violations(page) == []

    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/exercises/bridge/add/")
    page.get_by_label("Sets", exact=True).fill("99")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Please check the highlighted answers")
    assert not Routine.objects.filter(owner=user).exists()
    assert axe_violations(page) == []
    assert page.external_requests == []
