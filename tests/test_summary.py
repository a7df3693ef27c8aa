"""History agrees with itself ("sessions this week" and the weekly table count the same
sessions), and the clinician summary: its stated date range used by every section, bad
dates answered with a message and the default, the optional name (escaped, not stored),
effort and other activities, the Print button, and its query count.

"Now" is frozen at Thursday 26 November 2026, 12:00 UTC; the user is in UTC, weeks start
on Monday (the 23rd)."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from exercises.cache import move_user_version
from exercises.models import ActivityLog, ExerciseCheck, Profile, SessionLog
from tests.test_history import (
    MON,
    NOW,
    THIS_MONDAY,
    TODAY,
    TUE,
    WED,
    created_days_ago,
    html,
    log_session,
    section,
    stats,
    text_of,
)

pytestmark = pytest.mark.django_db

SUMMARY = "/history/summary/"
DEFAULT_START = THIS_MONDAY - timedelta(weeks=7)  # 5 October 2026


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def routine(user, make_routine):
    """Monday to Wednesday, two exercises, planned long ago."""
    return created_days_ago(
        make_routine(user, "Back basics", days=(MON, TUE, WED), slugs=("cat-cow", "plank")), 120
    )


def week_rows(page: str, heading: str) -> dict[str, list[str]]:
    """The rows of the table under `heading`: first cell → the other cells' text."""
    table = section(page, heading, "</table>")
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", section(table, "<tbody>", "</tbody>"), re.S):
        cells = [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def this_week(day: date = THIS_MONDAY, year: bool = False) -> str:
    return f"{day.day} {day:%b}" + (f" {day.year}" if year else "")


# --- "Sessions this week" and the weekly table agree -------------------------------------------


@pytest.fixture
def mixed_week(user, routine):
    """This week so far: Monday planned and finished, Tuesday planned and started but not
    finished, Wednesday planned and missed, and a quick session on Tuesday."""
    log_session(user, routine, THIS_MONDAY, before=4, after=3, done=("cat-cow", "plank"))
    log_session(user, routine, THIS_MONDAY + timedelta(days=1), finished=False, done=("cat-cow",))
    log_session(user, None, THIS_MONDAY + timedelta(days=1), before=3, after=2, effort=2)


def test_sessions_this_week_and_the_weekly_table_count_the_same_sessions(logged_in, mixed_week):
    page = html(logged_in.get("/history/"))
    assert stats(page)["sessions this week"] == "2 of 3"
    sessions, planned, done_as_planned, adherence = week_rows(page, "Weekly adherence")[this_week()]
    assert (sessions, planned, done_as_planned) == ("2", "3", "1")
    assert adherence.endswith("33%")


def test_the_history_page_states_what_counts_as_a_session(logged_in, mixed_week):
    rule = text_of(section(html(logged_in.get("/history/")), "Weekly adherence"))
    assert "A session counts once it is finished." in rule
    assert "this week's figure is your “sessions this week” above" in rule
    assert "A session started but not finished counts in neither" in rule


def test_the_summary_counts_sessions_as_history_does(logged_in, mixed_week):
    page = html(logged_in.get(SUMMARY))
    row = week_rows(page, "Week by week")[this_week(year=True)]
    sessions, planned, done_as_planned, adherence = row[:4]
    assert (sessions, planned, done_as_planned, adherence) == ("2", "3", "1", "33%")


# --- The summary's date range -------------------------------------------------------------------


@pytest.fixture
def spread(user, routine):
    """Logs inside the default eight weeks and one of each kind well before them."""
    inside, before = THIS_MONDAY - timedelta(weeks=2), DEFAULT_START - timedelta(weeks=3)
    for day, note, effort in ((inside, "Stiff after driving", 2), (before, "Old note", 5)):
        log_session(
            user,
            routine,
            day,
            before=5,
            after=4,
            effort=effort,
            notes=note,
            share_notes=True,
            hurt=("plank",),
        )
        ActivityLog.objects.create(owner=user, date=day, kind="walking", minutes=40)
    ActivityLog.objects.create(owner=user, date=inside, kind="yoga", minutes=25)
    return {"inside": inside, "before": before}


def test_the_summary_states_its_default_range_of_eight_weeks(logged_in, spread):
    page = html(logged_in.get(SUMMARY))
    assert "<strong>5 October 2026 to 26 November 2026</strong>" in page
    assert len(week_rows(page, "Week by week")) == 8
    assert 'name="from" value="2026-10-05"' in page
    assert 'name="to" value="2026-11-26"' in page


def test_every_summary_section_keeps_to_the_default_range(logged_in, spread):
    page = html(logged_in.get(SUMMARY))
    inside, before = spread["inside"], spread["before"]
    assert "Stiff after driving" in page
    assert "Old note" not in page
    stopped = text_of(section(page, "Exercises stopped because they hurt"))
    assert f"{inside.day} {inside:%b}: Plank" in stopped
    assert f"{before.day} {before:%b}" not in stopped
    activities = text_of(section(page, 'id="activities-heading"'))
    assert "Walking: 40 min in total (1 time)" in activities
    assert "Yoga: 25 min in total (1 time)" in activities
    glance = stats(page)
    assert glance["exercise session finished"] == "1"
    assert glance["average effort (1 logged)"] == "2.0 of 5"
    assert glance["other activities"] == "65 min"


def test_a_chosen_range_is_used_by_every_section(logged_in, spread):
    before = spread["before"]
    start, end = before - timedelta(days=2), before + timedelta(days=2)
    page = html(logged_in.get(SUMMARY, {"from": start.isoformat(), "to": end.isoformat()}))
    assert f"<strong>{start:%-d %B %Y} to {end:%-d %B %Y}</strong>" in page
    assert "Old note" in page
    assert "Stiff after driving" not in page
    assert "Walking: 40 min in total (1 time)" in text_of(section(page, 'id="activities-heading"'))
    assert "Yoga" not in text_of(section(page, 'id="activities-heading"'))
    assert stats(page)["average effort (1 logged)"] == "5.0 of 5"
    weeks = week_rows(page, "Week by week")
    assert len(weeks) == 1 + (end - start).days // 7 + (start.weekday() > end.weekday())
    stopped = text_of(section(page, "Exercises stopped because they hurt"))
    assert f"{before.day} {before:%b}: Plank" in stopped
    assert "Back to the last 8 weeks" in page


def test_a_range_starting_mid_week_counts_only_its_own_days(logged_in, user, routine):
    for day in (THIS_MONDAY, THIS_MONDAY + timedelta(days=1), THIS_MONDAY + timedelta(days=2)):
        log_session(user, routine, day, before=3, after=2)
    page = html(logged_in.get(SUMMARY, {"from": "2026-11-24", "to": "2026-11-26"}))
    sessions, planned, done_as_planned, _ = week_rows(page, "Week by week")[this_week(year=True)][
        :4
    ]
    assert (sessions, planned, done_as_planned) == ("2", "2", "2")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-13-01"}, "Enter a date like 2026-11-26."),
        ({"to": "yesterday"}, "Enter a date like 2026-11-26."),
        ({"from": "2026-11-20", "to": "2026-11-10"}, "The start date must be on or before"),
        ({"to": "2026-12-01"}, "The summary can end today at the latest."),
        ({"from": "2025-01-01"}, "Choose at most a year of dates."),
        ({"from": "0001-01-01", "to": "9999-12-31"}, "The summary can end today at the latest."),
        ({"from": "2026-11-20%00"}, "Enter a date like 2026-11-26."),
    ],
)
def test_bad_dates_get_a_message_and_the_default_range(logged_in, spread, query, message):
    response = logged_in.get(SUMMARY, query)
    assert response.status_code == 200
    page = html(response)
    assert message in page
    assert "Those dates didn't work, so this shows the last 8 weeks" in page
    assert "<strong>5 October 2026 to 26 November 2026</strong>" in page
    assert len(week_rows(page, "Week by week")) == 8


def test_the_name_is_shown_escaped_and_not_stored(logged_in, user, routine):
    before = Profile.objects.filter(user=user).values().get()
    page = logged_in.get(SUMMARY, {"name": "<b>Alex</b> O'Neill"}).content.decode()
    assert "For: <strong>&lt;b&gt;Alex&lt;/b&gt; O&#x27;Neill</strong>" in page
    assert "<b>Alex</b>" not in page
    after = Profile.objects.filter(user=user).values().get()
    assert after == before
    assert "For: <strong>alex</strong>" in logged_in.get(SUMMARY).content.decode()


def test_a_too_long_name_falls_back_to_the_username(logged_in, routine):
    page = html(logged_in.get(SUMMARY, {"name": "x" * 81}))
    assert "Ensure this value has at most 80 characters" in page
    assert "For: <strong>alex</strong>" in page


def test_the_summary_has_a_print_button_for_javascript_only(logged_in, routine):
    page = html(logged_in.get(SUMMARY))
    assert '<button type="button" class="button--secondary js-only" data-print>Print</button>' in (
        page
    )
    assert "<script>" not in page.split("</head>", 1)[1]


def test_the_summary_shows_weekly_pain_and_effort_averages(logged_in, user, routine):
    log_session(user, routine, THIS_MONDAY, before=6, after=4, effort=2)
    log_session(user, routine, THIS_MONDAY + timedelta(days=1), before=4, after=3, effort=3)
    log_session(user, routine, THIS_MONDAY + timedelta(days=2), finished=False, effort=5)
    row = week_rows(html(logged_in.get(SUMMARY)), "Week by week")[this_week(year=True)]
    assert row[4:] == ["5.0", "3.5", "2.5", "–"]


# --- Query counts -------------------------------------------------------------------------------


def test_summary_query_count_is_the_same_for_one_and_many_logs(
    client, user, routine, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(user)
    items = list(routine.items.select_related("exercise"))

    def add_logs(days):
        sessions = SessionLog.objects.bulk_create(
            SessionLog(
                owner=user,
                routine=routine if n % 2 else None,
                routine_name=routine.name if n % 2 else "Quick session",
                date=TODAY - timedelta(days=n),
                finished_at=NOW,
                pain_before=5,
                pain_after=3,
                effort=1 + n % 5,
                notes=f"day {n}",
                share_notes=True,
            )
            for n in days
        )
        ExerciseCheck.objects.bulk_create(
            ExerciseCheck(
                session=s, exercise=i.exercise, item=i, status="hurt" if s.pk % 3 else "done"
            )
            for s in sessions
            for i in items
        )
        ActivityLog.objects.bulk_create(
            ActivityLog(owner=user, date=TODAY - timedelta(days=n), kind="walking", minutes=30)
            for n in days
        )
        move_user_version(user.pk)

    client.get(SUMMARY)  # the session and user record are cached from here on
    add_logs([1])
    with django_assert_max_num_queries(20) as few:
        assert client.get(SUMMARY).status_code == 200
    add_logs(range(2, 50))  # seven weeks of logs, all inside the default eight weeks
    with django_assert_num_queries(len(few)):
        page = html(client.get(SUMMARY, {"name": "Alex"}))
    assert stats(page)["other activities"] == f"{30 * 49} min"


def test_a_name_alone_keeps_the_default_dates_in_the_form(logged_in, routine):
    page = html(logged_in.get(SUMMARY, {"name": "Alex", "from": ""}))
    assert 'name="from" value="2026-10-05"' in page
    assert 'name="to" value="2026-11-26"' in page
    assert "Those dates didn't work" not in page
