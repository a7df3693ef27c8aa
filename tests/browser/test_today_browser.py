"""Today in a real browser: tick in place, reload keeps it, untick, finish with
pains, "This hurt", the no-JavaScript tick, a keyboard-only run, and axe-core."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from exercises.models import ExerciseCheck, SessionLog
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

EVERY_DAY = tuple(range(7))
SLUGS = ("cat-cow", "bridge", "plank")


@pytest.fixture
def routine(user, make_routine):
    return make_routine(user, "Morning back", days=EVERY_DAY, slugs=SLUGS, at="08:00")


def item_for(routine, slug):
    return routine.items.select_related("exercise").get(exercise__slug=slug)


def row(page, item):
    return page.locator(f"#item-{item.routine_id}-{item.pk}")


def progress(page):
    return page.locator("#day-progress .progress__label")


def checks(user):
    return set(
        ExerciseCheck.objects.filter(session__owner=user).values_list("exercise__slug", "status")
    )


def session_card(page, routine_name):
    return page.locator("section.session-card").filter(
        has=page.get_by_role("heading", name=re.compile(rf"{re.escape(routine_name)}$"))
    )


def pick(scope, scale, number):
    """Tap a number on a pain or effort scale."""
    scope.get_by_role("group", name=scale).get_by_label(str(number), exact=True).check()


def open_today(page, live_server, user):
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/today/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")


def test_ticking_swaps_the_row_in_place_and_reload_keeps_it(page, live_server, user, routine):
    cat_cow = item_for(routine, "cat-cow")
    open_today(page, live_server, user)
    expect(progress(page)).to_have_text("0 of 3 done")
    page.evaluate("window.backcareNoReload = true")

    page.get_by_role("checkbox", name="Cat-cow stretch").check()

    expect(row(page, cat_cow)).to_have_class(re.compile(r"\bcheck-row--done\b"))
    expect(progress(page)).to_have_text("1 of 3 done")
    expect(page.locator("#day-progress progress")).to_have_attribute("value", "1")
    expect(page.locator("#announcer")).to_have_text("Cat-cow stretch done.")
    assert page.evaluate("window.backcareNoReload") is True
    assert checks(user) == {("cat-cow", "done")}

    page.reload()
    expect(page.get_by_role("checkbox", name="Cat-cow stretch")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Bridge")).not_to_be_checked()
    expect(progress(page)).to_have_text("1 of 3 done")

    page.evaluate("window.backcareNoReload = true")
    page.get_by_role("checkbox", name="Cat-cow stretch").uncheck()
    expect(row(page, cat_cow)).not_to_have_class(re.compile(r"\bcheck-row--done\b"))
    expect(progress(page)).to_have_text("0 of 3 done")
    assert page.evaluate("window.backcareNoReload") is True
    assert checks(user) == set()
    assert page.external_requests == []


def test_finishing_a_session_records_pain_effort_and_notes(page, live_server, user, routine):
    open_today(page, live_server, user)
    page.get_by_role("checkbox", name="Bridge").check()
    expect(progress(page)).to_have_text("1 of 3 done")

    card = session_card(page, "Morning back")
    expect(card.get_by_role("heading", name="How is your back right now?")).to_be_visible()
    pick(card, "Pain before", 5)
    card.get_by_role("button", name="Save and start").click()
    expect(card).to_contain_text("Before you started: pain 5 of 10.")
    pick(card, "Pain after", 3)
    pick(card, "Effort", 2)
    card.get_by_label("Notes", exact=True).fill("Felt looser afterwards.")
    card.get_by_role("button", name="Finish session").click()

    expect(page).to_have_url(f"{live_server.url}/today/#routine-{routine.pk}")
    expect(page.get_by_role("status").first).to_contain_text("Well done")
    expect(page.get_by_text("Finished: pain 5 before, 3 after; effort 2 of 5.")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Bridge")).to_be_checked()
    session = SessionLog.objects.get(owner=user, routine=routine)
    assert session.finished
    assert (session.pain_before, session.pain_after, session.effort) == (5, 3, 2)
    assert session.notes == "Felt looser afterwards."
    assert page.external_requests == []


def test_an_error_shows_beside_its_field_and_the_page_goes_there(page, live_server, user, routine):
    """A value the scale can't offer (sent by an old form, say) comes back beside its
    field, focused, and nothing is stored."""
    open_today(page, live_server, user)
    card = session_card(page, "Morning back")
    radio = card.get_by_role("group", name="Effort").get_by_label("5", exact=True)
    radio.evaluate("input => { input.value = '9'; input.checked = true; }")
    card.get_by_role("button", name="Finish session").click()
    error = page.locator(".field--error").filter(has_text="Effort is a number from 1 to 5.")
    expect(error).to_be_visible()
    expect(error).to_be_in_viewport()
    expect(error.get_by_role("radio").first).to_be_focused()
    assert not SessionLog.objects.filter(owner=user, finished_at__isnull=False).exists()
    assert axe_violations(page) == []


def test_this_hurt_stops_the_exercise_and_shows_guidance(page, live_server, user, routine):
    bridge = item_for(routine, "bridge")
    open_today(page, live_server, user)
    page.evaluate("window.backcareNoReload = true")

    page.get_by_role("button", name="This hurt: Bridge").click()

    expect(row(page, bridge)).to_have_class(re.compile(r"\bcheck-row--hurt\b"))
    expect(row(page, bridge)).to_contain_text("Thanks for telling us")
    expect(row(page, bridge)).to_contain_text("Leave this exercise out for the rest of today")
    expect(row(page, bridge)).to_contain_text("Stopped because it hurt")
    expect(page.locator("#announcer")).to_have_text("Stopped Bridge.")
    expect(progress(page)).to_have_text("0 of 3 done")
    assert page.evaluate("window.backcareNoReload") is True
    assert checks(user) == {("bridge", "hurt")}
    assert axe_violations(page) == []
    assert page.external_requests == []


def test_ticking_without_javascript_posts_and_comes_back_ticked(
    nojs_page, live_server, user, routine
):
    page = nojs_page
    plank = item_for(routine, "plank")
    open_today(page, live_server, user)

    expect(page.locator("ul.items").get_by_role("checkbox")).to_have_count(0)  # needs a Save
    row(page, plank).get_by_role("button", name="Mark done: Plank").click()  # one tap

    expect(page).to_have_url(re.compile(rf"/today/#item-{routine.pk}-{plank.pk}$"))
    expect(row(page, plank).get_by_role("button", name=re.compile("^✓ Done"))).to_be_visible()
    expect(progress(page)).to_have_text("1 of 3 done")
    expect(page.get_by_role("status").first).to_contain_text("Plank done.")
    assert checks(user) == {("plank", "done")}

    row(page, plank).get_by_role("button", name=re.compile("^✓ Done")).click()  # undo
    expect(row(page, plank).get_by_role("button", name="Mark done: Plank")).to_be_visible()
    expect(progress(page)).to_have_text("0 of 3 done")
    assert checks(user) == set()

    page.get_by_role("button", name="This hurt: Plank").click()
    expect(row(page, plank)).to_contain_text("Thanks for telling us")
    assert checks(user) == {("plank", "hurt")}
    assert page.external_requests == []


LINES_OF_NAME = """e => {
    const text = [...e.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).pop();
    const range = document.createRange();
    range.selectNodeContents(text);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_on_a_phone_an_exercise_name_is_not_squeezed_beside_the_buttons(
    page, nojs_page, live_server, user, make_routine, javascript
):
    """The row's buttons ("This hurt", and "Mark done" without JavaScript) must not squeeze
    the exercise's name into a narrow column of a word or two a line."""
    page = page if javascript else nojs_page
    routine = make_routine(
        user,
        "Evening",
        days=EVERY_DAY,
        slugs=("knee-to-chest", "cat-cow", "plank", "back-extension-forearms"),
        at="19:00",
    )
    open_today(page, live_server, user)

    for item in routine.items.select_related("exercise"):
        name = item.exercise.name
        the_row = row(page, item)
        label = the_row.locator(".tick" if javascript else ".tick-nojs__name")
        lines = label.evaluate(LINES_OF_NAME)
        assert lines <= (2 if name == "Back extension on your forearms" else 1), (name, lines)
        hurt = the_row.get_by_role("button", name=f"This hurt: {name}")
        row_box, hurt_box = the_row.bounding_box(), hurt.bounding_box()
        assert hurt_box["x"] + hurt_box["width"] <= row_box["x"] + row_box["width"], name

    knee = item_for(routine, "knee-to-chest")
    if javascript:
        row(page, knee).get_by_role("checkbox", name="Knee-to-chest stretch").check()
        expect(row(page, knee)).to_have_class(re.compile("check-row--done"))
    else:
        row(page, knee).get_by_role("button", name="Mark done: Knee-to-chest stretch").click()
        expect(row(page, knee).get_by_role("button", name=re.compile("^✓ Done"))).to_be_visible()
    assert checks(user) == {("knee-to-chest", "done")}


def focused(page):
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return {id: e.id, tag: e.tagName, text: e.textContent.trim()}; })()"
    )


def tab_until(page, wanted, limit=80):
    """Press Tab until `wanted(focused element)` is true: the keyboard is the only input."""
    for _ in range(limit):
        if wanted(focused(page)):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached the element; last was {focused(page)}")


def test_keyboard_only_run_ticks_logs_and_finishes(page, live_server, user, routine):
    cat_cow = item_for(routine, "cat-cow")
    prefix = f"id_r{routine.pk}-"
    open_today(page, live_server, user)

    tab_until(page, lambda e: e["id"] == f"check-{cat_cow.pk}")
    page.keyboard.press("Space")
    expect(progress(page)).to_have_text("1 of 3 done")
    expect(page.get_by_role("checkbox", name="Cat-cow stretch")).to_be_checked()
    # htmx swapped the row; focus is back on the same checkbox, not lost to <body>.
    page.wait_for_function("id => document.activeElement.id === id", arg=f"check-{cat_cow.pk}")

    # A scale is one stop for Tab; the arrow keys move along it, as in any radio group.
    tab_until(page, lambda e: e["id"] == prefix + "pain_before_0")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    tab_until(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Save and start")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Before you started: pain 4 of 10.")).to_be_visible()
    for field, moves in (("pain_after", 2), ("effort", 2)):
        tab_until(page, lambda e, field=field: e["id"] == f"{prefix}{field}_0")
        for _ in range(moves):
            page.keyboard.press("ArrowRight")
    tab_until(page, lambda e: e["id"] == prefix + "notes")
    page.keyboard.type("Slow and steady.")
    tab_until(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Finish session")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Finished: pain 4 before, 2 after; effort 3 of 5.")).to_be_visible()
    session = SessionLog.objects.get(owner=user, routine=routine)
    assert (session.pain_before, session.pain_after, session.effort) == (4, 2, 3)
    assert session.notes == "Slow and steady."
    assert checks(user) == {("cat-cow", "done")}
    assert page.external_requests == []


def test_today_and_day_pages_have_no_axe_violations(
    page, live_server, user, other_user, routine, make_routine
):
    make_routine(user, "Evening", days=EVERY_DAY, slugs=("childs-pose",), at="19:00")
    violations = {}

    def check(label):
        found = axe_violations(page)
        if found:
            violations[label] = found

    log_in(page, live_server, other_user.username, PASSWORD)
    page.goto(f"{live_server.url}/today/")
    expect(page.get_by_role("heading", name="Nothing planned today")).to_be_visible()
    check("today, empty")
    page.get_by_role("button", name="Log out").click()

    open_today(page, live_server, user)
    check("today, with routines")
    page.get_by_role("checkbox", name="Plank").check()
    expect(progress(page)).to_have_text("1 of 4 done")
    check("today, after a tick")
    pick(session_card(page, "Morning back"), "Pain after", 9)
    session_card(page, "Morning back").get_by_role("button", name="Finish session").click()
    expect(page.get_by_text("Finished: pain – before, 9 after.")).to_be_visible()
    check("today, finished with high pain")

    yesterday = user.profile.today() - timedelta(days=1)
    page.goto(f"{live_server.url}/day/{yesterday.isoformat()}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{yesterday:%A} {yesterday.day} {yesterday:%B}"
    )
    check("yesterday")
    assert violations == {}
    assert page.external_requests == []
