"""Starter plans, other activities, the clinician summary and the calendar note in a real
browser, the way a person uses them with what the pages offer: a starter picked on a day
it doesn't include and started today anyway (with and without JavaScript), an activity
back-filled, changed and removed, the summary's dates, Print button and printed pages,
and "Set a time" for an all-day calendar event. axe-core on each page.

Starter tests freeze "now" at Saturday 28 November 2026, 10:00 UTC: the live server runs
in this process, so it sees the same clock."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exercises import starters
from exercises.models import ActivityLog, Routine, SessionLog
from tests.browser.conftest import axe_violations, log_in
from tests.browser.test_history_browser import log_past_sessions
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


@pytest.fixture
def saturday(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: SATURDAY)


# --- Starter plans ------------------------------------------------------------------------------


def pick_desk_break_and_start_today(page, live_server, user):
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/plan/starters/")
    card = page.locator("li.card").filter(has=page.get_by_role("heading", name="Desk-break relief"))
    desk_break = next(s for s in starters.all_starters() if s.name == "Desk-break relief")
    expect(card).to_contain_text(f"about {desk_break.minutes} min")
    expect(card).to_contain_text("Gentle to moderate")
    button = page.get_by_role("button", name="Add to my plan: Desk-break relief", exact=True)
    expect(button).to_have_text("Add to my plan")
    button.click()
    notice = page.locator("section.starter-added")
    expect(notice.get_by_role("heading")).to_have_text("“Desk-break relief” is in your plan")
    expect(notice).to_contain_text("isn't on today's list (Saturday)")
    return notice


def test_a_starter_picked_on_a_saturday_starts_today_anyway(
    page, live_server, user, catalog, saturday
):
    notice = pick_desk_break_and_start_today(page, live_server, user)
    assert axe_violations(page) == []
    notice.get_by_role("button", name="Start today anyway").click()

    expect(page).to_have_url(f"{live_server.url}/today/")
    expect(page.get_by_role("status").first).to_contain_text("just for today")
    twist = page.get_by_role("checkbox", name="Seated spinal twist")
    twist.check()
    expect(page.locator("#day-progress .progress__label")).to_have_text("1 of 2 done")
    page.reload()
    expect(page.get_by_role("checkbox", name="Seated spinal twist")).to_be_checked()
    routine = Routine.objects.get(owner=user)
    assert routine.weekday_list == [0, 1, 2, 3, 4]
    assert axe_violations(page) == []
    assert page.external_requests == []


def test_a_starter_starts_today_anyway_without_javascript(
    nojs_page, live_server, user, catalog, saturday
):
    notice = pick_desk_break_and_start_today(nojs_page, live_server, user)
    notice.get_by_role("button", name="Start today anyway").click()
    expect(nojs_page).to_have_url(f"{live_server.url}/today/")
    expect(nojs_page.get_by_role("button", name="Mark done: Wall angels")).to_be_visible()
    assert SessionLog.objects.filter(owner=user).count() == 1


def test_starters_page_has_no_axe_violations_on_a_desktop(desktop_page, live_server, user, catalog):
    log_in(desktop_page, live_server, user.username, PASSWORD)
    desktop_page.goto(f"{live_server.url}/plan/starters/")
    assert desktop_page.get_by_role("button", name=re.compile(r"^Add to my plan: ")).count() == 4
    assert axe_violations(desktop_page) == []


# --- Other activities ---------------------------------------------------------------------------


def test_an_activity_is_back_filled_changed_and_removed(page, live_server, user):
    yesterday = user.profile.today() - timedelta(days=1)
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/day/{yesterday.isoformat()}/")
    expect(page.get_by_role("heading", name="Something else that day?")).to_be_visible()
    page.get_by_text("Log another activity").click()
    page.get_by_label("Activity").select_option(label="Walking")
    page.get_by_label("Minutes").fill("30")
    page.get_by_role("button", name="Log activity").click()

    expect(page).to_have_url(f"{live_server.url}/day/{yesterday.isoformat()}/")
    expect(page.get_by_role("status").first).to_contain_text("Logged 30 minutes of walking.")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Edit: Walking, 30 min").click()
    expect(page.get_by_label("Minutes")).to_have_value("30")
    assert axe_violations(page) == []
    page.get_by_label("Minutes").fill("45")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#activities")).to_contain_text("Walking: 45 min")
    assert ActivityLog.objects.get(owner=user).date == yesterday

    page.goto(f"{live_server.url}/history/")
    history = page.locator("section").filter(
        has=page.get_by_role("heading", name="Other activities")
    )
    expect(history).to_contain_text("Walking, 45 min")
    assert axe_violations(page) == []
    history.get_by_role("link", name=re.compile("^Edit: Walking on ")).click()
    page.get_by_role("button", name="Remove this activity").click()
    expect(page.get_by_role("status").first).to_contain_text("Removed walking (45 minutes).")
    expect(page.locator("#activities")).not_to_contain_text("Walking: 45 min")
    assert not ActivityLog.objects.exists()
    assert page.external_requests == []


# --- The clinician summary ----------------------------------------------------------------------


@pytest.fixture
def logs(user, make_routine):
    routine = make_routine(user, "Morning back", days=range(7), slugs=("cat-cow", "bridge"))
    log_past_sessions(user, routine, days=40, missed=(3, 10), partly=(6,))
    SessionLog.objects.filter(owner=user).update(notes="Stiff first thing.", share_notes=True)
    today = user.profile.today()
    for back, kind, minutes in ((2, "walking", 30), (5, "yoga", 45), (9, "walking", 20)):
        ActivityLog.objects.create(
            owner=user, date=today - timedelta(days=back), kind=kind, minutes=minutes
        )
    return routine


def test_summary_print_button_prints_and_the_dates_can_be_chosen(page, live_server, user, logs):
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/history/summary/")
    expect(page.get_by_role("heading", name="Other activities")).to_be_visible()
    expect(page.get_by_text("Walking: 50 min in total (2 times)")).to_be_visible()
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printed") == 1
    assert axe_violations(page) == []

    today = user.profile.today()
    start = today - timedelta(days=3)
    page.get_by_label("From", exact=True).fill(start.isoformat())
    page.get_by_label("Name on the summary").fill("Alex Morgan")
    page.get_by_role("button", name="Update summary").click()
    expect(page).to_have_url(re.compile(rf"from={start.isoformat()}"))
    expect(page.locator(".summary-head")).to_contain_text(
        f"For: Alex Morgan · {start.day} {start:%B %Y} to {today.day} {today:%B %Y}"
    )
    expect(page.get_by_text("Walking: 30 min in total (1 time)")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.locator(".summary-options")).to_be_hidden()
    page.goto(f"{live_server.url}/history/summary/")
    pdf = page.pdf(format="A4")
    sheets = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= sheets <= 2, f"the summary prints on {sheets} sheets"


def test_summary_without_javascript_hides_print_and_still_takes_dates(
    nojs_page, live_server, user, logs
):
    log_in(nojs_page, live_server, user.username, PASSWORD)
    nojs_page.goto(f"{live_server.url}/history/summary/?from=2026-02-30")
    expect(nojs_page.get_by_role("alert")).to_contain_text("Those dates didn't work")
    expect(nojs_page.get_by_role("button", name="Print")).to_be_hidden()
    expect(nojs_page.get_by_role("button", name="Update summary")).to_be_visible()


# --- The calendar note on the plan --------------------------------------------------------------


def test_set_a_time_for_an_all_day_routine_from_the_plan(page, live_server, user, make_routine):
    make_routine(user, "Weekend", days=(5, 6), slugs=("bridge",))
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/plan/")
    note = page.locator("#calendar-all-day")
    expect(note).to_contain_text("all-day event with no reminder")
    assert axe_violations(page) == []
    note.get_by_role("link", name="Set a time for Weekend").click()
    expect(page).to_have_url(re.compile(r"/plan/routines/\d+/#id_time_of_day$"))
    field = page.get_by_label("Time of day")
    expect(field).to_be_in_viewport()
    field.fill("09:30")
    page.get_by_role("button", name="Save routine").click()
    page.goto(f"{live_server.url}/plan/")
    expect(page.locator("#calendar-all-day")).to_have_count(0)
    assert str(Routine.objects.get(owner=user).time_of_day) == "09:30:00"
