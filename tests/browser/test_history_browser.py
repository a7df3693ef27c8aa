"""History in a real browser: after a few weeks of logs, /history/ shows the heat
map, the weekly goal and streak, adherence and the pain trend; axe-core finds nothing on it
or on the clinician summary."""

import re
from collections import Counter
from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exercises.models import ExerciseCheck, Routine, SessionLog
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

DONE, PARTLY, MISSED = "done", "partly done", "planned, not done"


def log_past_sessions(user, routine, *, days=21, missed=(), partly=(), pain=((6, 5), (3, 1))):
    """Write `days` days of history for `routine`, ending yesterday, straight to the DB.

    Days `missed` (counted back from today) have no session; days `partly` have one tick and
    no finish; every other scheduled day is finished with all items ticked and pain falling
    linearly from `pain[0]` (before, after) to `pain[1]`. Returns {date: outcome}.
    """
    today = user.profile.today()
    Routine.objects.filter(pk=routine.pk).update(created_at=timezone.now() - timedelta(days=days))
    items = list(routine.items.select_related("exercise"))
    (before_0, after_0), (before_1, after_1) = pain
    outcomes = {}
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        if not routine.is_on(day.weekday()):
            continue
        if back in missed:
            outcomes[day] = MISSED
            continue
        share = (days - back) / max(1, days - 1)
        at = datetime.combine(day, time(8), tzinfo=UTC)
        finished = back not in partly
        session = SessionLog.objects.create(
            owner=user,
            routine=routine,
            routine_name=routine.name,
            date=day,
            started_at=at,
            finished_at=at + timedelta(minutes=12) if finished else None,
            pain_before=round(before_0 + (before_1 - before_0) * share) if finished else None,
            pain_after=round(after_0 + (after_1 - after_0) * share) if finished else None,
            effort=3 if finished else None,
        )
        ticked = items if finished else items[:1]
        ExerciseCheck.objects.bulk_create(
            ExerciseCheck(session=session, exercise=item.exercise, item=item, checked_at=at)
            for item in ticked
        )
        outcomes[day] = DONE if finished else PARTLY
    return outcomes


def cell_label(day, outcome):
    return f"{day:%A} {day.day} {day:%B}: {outcome}"


def week_of(day):
    return day - timedelta(days=day.weekday())


@pytest.fixture
def routine(user, make_routine):
    return make_routine(user, "Morning back", days=range(7), slugs=("cat-cow", "bridge"))


def test_history_shows_heat_map_streak_adherence_and_pain_trend(page, live_server, user, routine):
    user.profile.weekly_goal = 4
    user.profile.save()
    outcomes = log_past_sessions(user, routine, missed=(3, 10, 11), partly=(6,))
    today = user.profile.today()
    done_per_week = Counter(week_of(day) for day, outcome in outcomes.items() if outcome == DONE)
    streak, week = 0, week_of(today) - timedelta(weeks=1)
    while done_per_week[week] >= 4:
        streak, week = streak + 1, week - timedelta(weeks=1)

    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/history/")

    heatmap = page.locator("table.heatmap")
    expect(heatmap.locator("tbody tr")).to_have_count(12)
    for day, outcome in outcomes.items():
        expect(heatmap.get_by_text(cell_label(day, outcome), exact=True)).to_have_count(1)
    expect(heatmap.locator("td.heat--done")).to_have_count(list(outcomes.values()).count(DONE))
    expect(heatmap.locator("td.heat--missed")).to_have_count(list(outcomes.values()).count(MISSED))

    stats = page.locator("ul.stats")
    expect(stats).to_contain_text(f"{done_per_week[week_of(today)]} of 4")
    expect(stats.locator("li").filter(has_text="current streak")).to_contain_text(f"{streak} week")

    last_week = week_of(today) - timedelta(weeks=1)
    adherence = page.locator("section").filter(
        has=page.get_by_role("heading", name="Weekly adherence")
    )
    # Up to 8 weeks, starting with the first week the plan existed (no empty weeks before).
    assert 1 <= adherence.locator("tbody tr").count() <= 8
    expect(adherence.locator("tbody tr").first.locator("td").nth(2)).not_to_have_text("0")
    last_week_row = adherence.locator("tbody tr").filter(
        has=page.get_by_role("cell", name=f"{last_week.day} {last_week:%b}", exact=True)
    )
    finished_last_week = done_per_week[last_week]
    percent = round(100 * finished_last_week / 7)
    expect(last_week_row.locator("td")).to_have_text(
        [
            re.compile("."),
            str(finished_last_week),
            "7",
            str(finished_last_week),
            re.compile(rf"\b{percent}%"),
        ]
    )

    chart = page.get_by_role("img", name="Pain before and after each session, last 60 days")
    expect(chart).to_be_visible()
    expect(chart.locator("polyline.line-before")).to_have_count(1)
    expect(chart.locator("polyline.line-after")).to_have_count(1)
    expect(chart.locator("circle.dot-after")).to_have_count(list(outcomes.values()).count(DONE))
    fell = re.compile(r"^Average pain after sessions fell from \d\.\d to \d\.\d over 3 weeks\.$")
    expect(page.locator("strong").filter(has_text=fell)).to_be_visible()
    page.get_by_text("Pain numbers as a table").click()
    pain_rows = page.locator("table", has=page.locator("caption", has_text="Pain before and after"))
    expect(pain_rows.locator("tbody tr")).to_have_count(list(outcomes.values()).count(DONE))

    assert axe_violations(page) == []
    assert page.external_requests == []


def test_recent_heat_map_days_link_to_their_day_page(page, live_server, user, routine):
    outcomes = log_past_sessions(user, routine, days=7, missed=(2,))
    two_days_ago = user.profile.today() - timedelta(days=2)
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/history/")

    page.get_by_role("link", name=cell_label(two_days_ago, outcomes[two_days_ago])).click()

    expect(page).to_have_url(f"{live_server.url}/day/{two_days_ago.isoformat()}/")
    expect(page.get_by_role("checkbox", name="Bridge")).not_to_be_checked()
    assert page.external_requests == []


def test_clinician_summary_and_empty_history_have_no_axe_violations(
    page, live_server, user, other_user, routine
):
    log_past_sessions(user, routine, missed=(4,))
    SessionLog.objects.filter(owner=user).update(notes="Tight in the morning.", share_notes=True)
    log_in(page, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/history/summary/")

    expect(page.get_by_role("heading", level=1)).to_have_text("BackCare summary")
    expect(page.get_by_role("cell", name="Morning back")).to_be_visible()
    expect(page.get_by_text(re.compile("Average pain after sessions fell"))).not_to_have_count(0)
    expect(page.get_by_text(re.compile("Tight in the morning")).first).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Log out").click()
    log_in(page, live_server, other_user.username, PASSWORD)
    page.goto(f"{live_server.url}/history/")
    expect(page.get_by_role("heading", name="Nothing to show yet")).to_be_visible()
    assert axe_violations(page) == []
    assert page.external_requests == []
