"""A new user's first week, walked the way a person does it: typing only what they must
(a username, a password, a routine name) and taking every default the pages offer.

Sign up → the safety check → the catalog → an exercise → Add to plan at the suggested
dose → the plan shows it → Today: pain before, tick it, reload, pain after, finish →
History counts it → the JSON export and the calendar feed contain it. Once with
JavaScript on a phone, and the core of it again without JavaScript.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from exercises.models import WEEKDAY_NAMES, ExerciseCheck, Profile, SessionLog
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

ROUTINE = "Morning strength"


def nav(page, name):
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def sign_up_and_answer_the_safety_check(page, live_server, username):
    page.goto(f"{live_server.url}/")
    page.get_by_role("banner").get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A quick safety check")
    for radio in page.get_by_role("radio", name="No", exact=True).all():
        radio.check()
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ready to start")


def add_bridge_as_offered(page, today_name, other_day):
    """Only a routine name and the days are typed or ticked; the dose is as suggested."""
    nav(page, "Exercises")
    page.get_by_role("link", name="Bridge", exact=True).click()
    page.get_by_role("button", name="Add to plan").click()
    expect(page.get_by_label("Routine", exact=True)).to_have_value("new")  # nothing else yet
    suggested = page.get_by_text(re.compile(r"^Suggested: ")).inner_text()
    dose = re.match(r"Suggested: (.+?)\. ", suggested).group(1)
    page.get_by_label("New routine name").fill(ROUTINE)
    page.get_by_label(today_name, exact=True).check()
    page.get_by_label(other_day, exact=True).check()
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text(f"Added to “{ROUTINE}”.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Undo"))).to_be_visible()
    expect(page.get_by_text(f"Your plan: {dose}")).to_be_visible()
    return dose


def plan_shows_bridge_on(page, today_name, dose):
    nav(page, "Plan")
    day = page.locator("ol.week > li").filter(
        has=page.get_by_role("heading", name=re.compile(rf"^{today_name}\b"))
    )
    expect(day).to_contain_text(ROUTINE)
    expect(day).to_contain_text("Bridge")
    expect(day).to_contain_text(dose)


def pick(scope, scale, number):
    scope.get_by_role("group", name=scale).get_by_label(str(number), exact=True).check()


def history_counts_one_session(page):
    nav(page, "History")
    expect(page.locator(".stat").filter(has_text="sessions this week")).to_contain_text("1 of")


def export_and_feed_contain_it(page, live_server):
    page.goto(f"{live_server.url}/accounts/export/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Everything, as JSON").click()
    with open(download.value.path(), encoding="utf-8") as exported:
        data = json.load(exported)
    assert [routine["name"] for routine in data["routines"]] == [ROUTINE]
    [session] = data["sessions"]
    assert (session["routine_name"], session["pain_before"], session["pain_after"]) == (
        ROUTINE,
        4,
        3,
    )
    assert [check["exercise"] for check in session["checks"]] == ["bridge"]
    nav(page, "Plan")
    feed = page.get_by_role("link", name="Download .ics file").get_attribute("href")
    calendar = page.request.get(f"{live_server.url}{feed}").text()
    assert "BEGIN:VEVENT" in calendar
    assert ROUTINE in calendar
    assert "Bridge" in calendar


def weekdays_for(username):
    today = Profile.objects.get(user__username=username).today()
    return today, WEEKDAY_NAMES[today.weekday()], WEEKDAY_NAMES[(today.weekday() + 2) % 7]


def test_a_new_users_first_week_with_javascript(page, live_server, catalog):
    sign_up_and_answer_the_safety_check(page, live_server, "robin")
    today, today_name, other_day = weekdays_for("robin")
    dose = add_bridge_as_offered(page, today_name, other_day)
    plan_shows_bridge_on(page, today_name, dose)

    nav(page, "Today")
    card = page.locator("section.session-card").filter(has_text=ROUTINE)
    expect(card.get_by_role("heading", name="How is your back right now?")).to_be_visible()
    pick(card, "Pain before", 4)
    card.get_by_role("button", name="Save and start").click()
    expect(card).to_contain_text("Before you started: pain 4 of 10.")
    card.get_by_role("checkbox", name="Bridge").check()
    expect(page.locator("#day-progress")).to_contain_text("1 of 1 done")
    page.reload()
    expect(page.get_by_role("checkbox", name="Bridge")).to_be_checked()
    pick(card, "Pain after", 3)
    card.get_by_role("button", name="Finish session").click()
    expect(page.get_by_role("status").first).to_contain_text("Well done")

    history_counts_one_session(page)
    export_and_feed_contain_it(page, live_server)

    session = SessionLog.objects.get(owner__username="robin")
    assert (session.date, session.finished, session.pain_before, session.pain_after) == (
        today,
        True,
        4,
        3,
    )
    check = ExerciseCheck.objects.get(session=session)
    bridge = check.exercise
    assert (bridge.slug, check.item.sets, check.item.reps) == (
        "bridge",
        bridge.default_sets,
        bridge.default_reps,
    )
    assert page.external_requests == []


def test_a_new_users_first_days_without_javascript(nojs_page, live_server, catalog):
    page = nojs_page
    sign_up_and_answer_the_safety_check(page, live_server, "sam")
    _, today_name, other_day = weekdays_for("sam")
    dose = add_bridge_as_offered(page, today_name, other_day)
    plan_shows_bridge_on(page, today_name, dose)

    nav(page, "Today")
    card = page.locator("section.session-card").filter(has_text=ROUTINE)
    pick(card, "Pain before", 4)
    card.get_by_role("button", name="Save and start").click()
    card = page.locator("section.session-card").filter(has_text=ROUTINE)
    card.get_by_role("button", name="Mark done: Bridge").click()  # one tap
    expect(page.locator("#day-progress")).to_contain_text("1 of 1 done")
    card = page.locator("section.session-card").filter(has_text=ROUTINE)
    pick(card, "Pain after", 3)
    card.get_by_role("button", name="Finish session").click()
    expect(page.get_by_role("status").first).to_contain_text("Well done")
    history_counts_one_session(page)

    session = SessionLog.objects.get(owner__username="sam")
    assert (session.finished, session.pain_before, session.pain_after) == (True, 4, 3)
    assert session.checks.get().exercise.slug == "bridge"
    assert page.external_requests == []
