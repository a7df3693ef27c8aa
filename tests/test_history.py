"""History at /history/ (heat map, weekly goal and streaks, adherence, totals,
pain trend) and its query count, the pain-gated progression suggestion on /plan/ with
Accept and Dismiss, and the clinician summary at /history/summary/.

"Now" is frozen at Thursday 26 November 2026, 12:00 UTC; the user is in UTC, weeks start
on Monday (the 23rd)."""

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from django.utils import timezone

from exercises import progress
from exercises.cache import move_user_version
from exercises.models import ExerciseCheck, Routine, RoutineItem, SessionLog

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
THIS_MONDAY = date(2026, 11, 23)
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
HISTORY = "/history/"
GOAL_ERROR = "A weekly goal is a number of sessions from 1 to 21. Nothing was changed."


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


# --- helpers -------------------------------------------------------------------------------


def html(response) -> str:
    return unescape(response.content.decode())


def text_of(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def section(page: str, start: str, end: str = "</section>") -> str:
    rest = page[page.index(start) :]
    return rest[: rest.index(end)]


def created_days_ago(routine: Routine, days: int) -> Routine:
    Routine.objects.filter(pk=routine.pk).update(created_at=NOW - timedelta(days=days))
    routine.refresh_from_db()
    return routine


def log_session(
    user, routine, day, *, finished=True, before=None, after=None, done=(), hurt=(), **extra
):
    session = SessionLog.objects.create(
        owner=user,
        routine=routine,
        routine_name=routine.name if routine else "Quick session",
        date=day,
        finished_at=NOW if finished else None,
        pain_before=before,
        pain_after=after,
        **extra,
    )
    items = {item.exercise.slug: item for item in routine.items.all()} if routine else {}
    ExerciseCheck.objects.bulk_create(
        [
            ExerciseCheck(session=session, exercise=items[slug].exercise, item=items[slug])
            for slug in done
        ]
        + [
            ExerciseCheck(
                session=session,
                exercise=items[slug].exercise,
                item=items[slug],
                status=ExerciseCheck.Status.HURT,
            )
            for slug in hurt
        ]
    )
    return session


def stats(page: str) -> dict[str, str]:
    """The stat tiles: label → value, e.g. {"current streak": "2 weeks"}."""
    return {
        text_of(label): text_of(value)
        for value, label in re.findall(
            r'<span class="stat__value">(.*?)</span><span class="stat__label">(.*?)</span>', page
        )
    }


def heat_cells(page: str) -> list[tuple[str, str, str]]:
    """(status class, link or "", text label) for each heat-map cell."""
    table = section(page, '<table class="heatmap">', "</table>")
    cells = []
    for status, body in re.findall(r'<td class="heat--(\w+)[^"]*">(.*?)</td>', table, re.S):
        link = re.search(r'<a href="([^"]+)"', body)
        label = re.search(r'<span class="visually-hidden">(.*?)</span>', body)
        cells.append((status, link.group(1) if link else "", label.group(1) if label else ""))
    return cells


# --- A few months of history ----------------------------------------------------------------


@pytest.fixture
def routine(user, make_routine):
    """Mon/Wed/Fri with two exercises, planned long ago."""
    return created_days_ago(
        make_routine(user, "Back basics", days=(MON, WED, FRI), slugs=("cat-cow", "plank")), 120
    )


@pytest.fixture
def history(user, routine):
    """Three good weeks, a patchy one, two good weeks, and this week so far (Mon, Wed).

    Pain after falls as the weeks go by. Week of 2 November: Monday finished, Wednesday
    ticked but not finished (plank hurt), Friday missed."""
    mondays = [THIS_MONDAY - timedelta(weeks=w) for w in (6, 5, 4, 2, 1)]
    days = [monday + timedelta(days=d) for monday in mondays for d in (0, 2, 4)]
    days += [THIS_MONDAY, THIS_MONDAY + timedelta(days=2)]
    patchy = THIS_MONDAY - timedelta(weeks=3)
    days.append(patchy)
    days.sort()
    for index, day in enumerate(days):
        log_session(
            user,
            routine,
            day,
            before=5,
            after=max(1, 5 - index // 4),
            done=("cat-cow", "plank"),
        )
    log_session(
        user,
        routine,
        patchy + timedelta(days=2),
        finished=False,
        done=("cat-cow",),
        hurt=("plank",),
    )
    return {"patchy_monday": patchy}


# --- /history/ ----------------------------------------------------------------------------------


def test_history_needs_login(client):
    response = client.get(HISTORY)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_history_with_nothing_yet_says_so_kindly(logged_in):
    page = html(logged_in.get(HISTORY))
    assert "Nothing to show yet" in page
    assert 'href="/plan/"' in page


def test_heat_map_gives_every_day_of_twelve_weeks_a_text_label(logged_in, history):
    cells = heat_cells(html(logged_in.get(HISTORY)))
    assert len(cells) == 12 * 7
    assert all(label for _, _, label in cells)
    by_label = {label.split(": ")[0]: (status, label) for status, _, label in cells}
    patchy = history["patchy_monday"]
    expected = {
        THIS_MONDAY: ("done", "done"),
        THIS_MONDAY + timedelta(days=1): ("rest", "nothing planned"),
        TODAY + timedelta(days=1): ("future", "still to come"),
        patchy: ("done", "done"),
        patchy + timedelta(days=2): ("partial", "partly done"),
        patchy + timedelta(days=4): ("missed", "planned, not done"),
    }
    for day, (status, words) in expected.items():
        name = f"{day:%A} {day.day} {day:%B}"
        assert by_label[name] == (status, f"{name}: {words}"), day
    first_week = THIS_MONDAY - timedelta(weeks=11)
    assert cells[0][2].startswith(f"{first_week:%A} {first_week.day} {first_week:%B}")


def test_heat_map_links_to_day_pages_only_for_the_last_seven_days(logged_in, history):
    cells = heat_cells(html(logged_in.get(HISTORY)))
    links = {link for _, link, _ in cells if link}
    last_week = {f"/day/{TODAY - timedelta(days=n)}/" for n in range(1, 8)}
    assert links == last_week | {"/today/"}
    for link in last_week:  # and each of those pages opens
        assert logged_in.get(link).status_code == 200


def test_weekly_goal_shows_sessions_this_week_and_current_and_best_streak(logged_in, history):
    tiles = stats(html(logged_in.get(HISTORY)))
    # Goal from the plan: 3 a week. This week: Monday and Wednesday so far.
    assert tiles["sessions this week"] == "2 of 3"
    # Three good weeks, the patchy one, then two good weeks; this week isn't met yet.
    assert tiles["current streak"] == "2 weeks"
    assert tiles["best streak"] == "3 weeks"


def test_this_week_adds_to_the_streak_once_the_goal_is_met(logged_in, user, routine, history):
    log_session(user, None, TODAY, before=3, after=2)  # a quick session counts too
    tiles = stats(html(logged_in.get(HISTORY)))
    assert tiles["sessions this week · goal met"] == "3 of 3"
    assert tiles["current streak"] == "3 weeks"


def test_best_streak_remembers_weeks_older_than_the_heat_map(logged_in, user, make_routine):
    """A 20-week run that ended half a year ago is still the best streak."""
    routine = created_days_ago(make_routine(user, "Old habit", days=(MON,)), 400)
    last_monday_of_run = THIS_MONDAY - timedelta(weeks=26)
    for week in range(20):
        log_session(user, routine, last_monday_of_run - timedelta(weeks=week), before=3, after=2)
    log_session(user, routine, THIS_MONDAY - timedelta(weeks=1), before=3, after=2)
    tiles = stats(html(logged_in.get(HISTORY)))
    assert tiles["best streak"] == "20 weeks"
    assert tiles["current streak"] == "1 week"


def test_the_goal_and_streak_rule_is_explained_on_the_page(logged_in, history):
    page = html(logged_in.get(HISTORY))
    rule = section(page, "How the weekly goal and streak work", "</details>")
    assert "whole weeks in which you finished at least 3 sessions" in rule
    assert "Days off never break it" in rule
    assert "Flare-up days never count against you" in rule
    assert "because it hurt never counts against you" in rule


def test_setting_a_weekly_goal_changes_the_target(logged_in, user, history):
    response = logged_in.post("/history/goal/", {"weekly_goal": "2"})
    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.weekly_goal == 2
    page = html(logged_in.get(HISTORY))
    assert "Your weekly goal is 2 sessions." in page
    assert stats(page)["sessions this week · goal met"] == "2 of 2"
    assert 'name="weekly_goal" min="1" max="21" inputmode="numeric" value="2"' in page


def test_an_empty_goal_goes_back_to_the_plan_default(logged_in, user, history):
    logged_in.post("/history/goal/", {"weekly_goal": "5"})
    logged_in.post("/history/goal/", {"weekly_goal": ""})
    user.profile.refresh_from_db()
    assert user.profile.weekly_goal is None
    page = html(logged_in.get(HISTORY))
    assert "Your weekly goal now follows your plan." in page
    assert stats(page)["sessions this week"] == "2 of 3"


@pytest.mark.parametrize("bad", ["0", "22", "x", "-1", "2.5", "1e1"])
def test_a_bad_goal_is_refused_with_a_message_and_changes_nothing(logged_in, user, history, bad):
    logged_in.post("/history/goal/", {"weekly_goal": "4"})
    response = logged_in.post("/history/goal/", {"weekly_goal": bad})
    assert response.status_code == 302
    assert GOAL_ERROR in html(logged_in.get(HISTORY))
    user.profile.refresh_from_db()
    assert user.profile.weekly_goal == 4


def adherence_rows(page: str) -> dict[str, tuple[int, int, str]]:
    table = section(page, "Weekly adherence")
    rows = {}
    for week, planned, finished, rest in re.findall(
        r'<tr>\s*<td>([^<]+)</td><td class="num">\d+</td><td class="num">(\d+)</td>'
        r'<td class="num">(\d+)</td>\s*<td>(.*?)</td>',
        table,
        re.S,
    ):
        rows[week] = (int(planned), int(finished), text_of(rest))
    return rows


def test_adherence_table_shows_the_last_eight_weeks(logged_in, history):
    rows = adherence_rows(html(logged_in.get(HISTORY)))
    assert len(rows) == 8
    patchy = history["patchy_monday"]
    assert rows[f"{patchy.day} {patchy:%b}"] == (3, 1, f"{round(100 / 3)}% {round(100 / 3)}%")
    last = THIS_MONDAY - timedelta(weeks=1)
    assert rows[f"{last.day} {last:%b}"][:2] == (3, 3)
    # This week so far: Monday and Wednesday were planned, both finished.
    assert rows[f"{THIS_MONDAY.day} {THIS_MONDAY:%b}"][:2] == (2, 2)
    oldest = THIS_MONDAY - timedelta(weeks=7)
    assert rows[f"{oldest.day} {oldest:%b}"] == (3, 0, "0% 0%")


def test_adherence_counts_a_new_routine_only_from_its_first_day(logged_in, user, make_routine):
    routine = make_routine(user, "New", days=(MON, WED, FRI), slugs=("bridge",))
    created_days_ago(routine, 8)  # Wednesday of last week
    rows = adherence_rows(html(logged_in.get(HISTORY)))
    last = THIS_MONDAY - timedelta(weeks=1)
    assert rows[f"{last.day} {last:%b}"][:2] == (2, 0)
    # Weeks before the plan existed are left out rather than shown as empty rows.
    earlier = THIS_MONDAY - timedelta(weeks=2)
    assert f"{earlier.day} {earlier:%b}" not in rows
    assert next(iter(rows)) == f"{last.day} {last:%b}"


def test_exercise_totals_count_done_and_stopped(logged_in, user, history):
    page = html(logged_in.get(HISTORY))
    totals = section(page, "Exercise totals")
    for slug, name in (("cat-cow", "Cat-cow stretch"), ("plank", "Plank")):
        checks = ExerciseCheck.objects.filter(session__owner=user, exercise__slug=slug)
        done = checks.filter(status="done").count()
        hurt = checks.filter(status="hurt").count()
        assert done > 0
        assert (
            f'<td><a href="/exercises/{slug}/">{name}</a></td>'
            f'<td class="num">{done}</td><td class="num">{hurt}</td>'
        ) in totals
    assert ExerciseCheck.objects.filter(exercise__slug="plank", status="hurt").count() == 1


def test_pain_trend_is_an_svg_with_a_summary_and_a_data_table(logged_in, user, history):
    page = html(logged_in.get(HISTORY))
    trend = section(page, "Pain trend")
    sessions = SessionLog.objects.filter(
        owner=user, finished_at__isnull=False, date__gte=TODAY - timedelta(days=59)
    ).order_by("date")
    points = [(s.date, s.pain_before, s.pain_after) for s in sessions]
    summary = progress.pain_summary(points)
    assert summary.startswith("Average pain after sessions fell from")
    assert f"<strong>{summary}</strong>" in trend
    svg = section(trend, '<svg class="chart"', "</svg>")
    assert 'role="img"' in svg
    assert f'<desc id="chart-desc">{summary}' in svg
    assert svg.count('<circle class="dot-after"') == len(points)
    assert svg.count('<circle class="dot-before"') == len(points)
    table = section(trend, "<table", "</table>")
    rows = re.findall(
        r"<tr><td>([^<]+)</td><td class=\"num\">(\d+)</td><td class=\"num\">(\d+)</td>", table
    )
    assert rows == [
        (f"{d:%a} {d.day} {d:%b}", str(before), str(after)) for d, before, after in points
    ]


def test_history_query_count_is_the_same_for_1_and_365_days_of_logs(
    client, user, make_routine, django_assert_max_num_queries, django_assert_num_queries
):
    routine = created_days_ago(
        make_routine(user, "Daily", days=range(7), slugs=("cat-cow", "plank", "bridge")), 400
    )
    items = list(routine.items.select_related("exercise"))
    client.force_login(user)

    def add_days(days):
        sessions = SessionLog.objects.bulk_create(
            SessionLog(
                owner=user,
                routine=routine,
                routine_name=routine.name,
                date=TODAY - timedelta(days=n),
                finished_at=NOW - timedelta(days=n),
                pain_before=5,
                pain_after=3 + n % 3,
                notes=f"day {n}",
            )
            for n in days
        )
        ExerciseCheck.objects.bulk_create(
            ExerciseCheck(
                session=session,
                exercise=item.exercise,
                item=item,
                status="hurt" if index == 2 and session.pain_after == 5 else "done",
            )
            for session in sessions
            for index, item in enumerate(items)
        )
        # Written behind the app's back: move the data version as any request of theirs
        # would, so what is measured is a full render, not the page cache.
        move_user_version(user.pk)

    client.get(HISTORY)  # the CSRF cookie, so the measured requests take the cached path
    add_days([1])
    with django_assert_max_num_queries(20) as one_day:
        assert client.get(HISTORY).status_code == 200
    queries_for_one_day = len(one_day)

    add_days(range(2, 366))
    assert SessionLog.objects.filter(owner=user).count() == 365
    with django_assert_num_queries(queries_for_one_day):
        page = html(client.get(HISTORY))
    # Every day done for a year: the streak is every whole week since the first one.
    earliest = TODAY - timedelta(days=365)
    first_whole_week = earliest + timedelta(days=(7 - earliest.weekday()) % 7)
    whole_weeks = (THIS_MONDAY - first_whole_week).days // 7
    assert stats(page)["current streak"] == f"{whole_weeks} weeks"
    assert stats(page)["best streak"] == f"{whole_weeks} weeks"


# --- Start slowly, then progress (on /plan/) -------------------------------------------------


@pytest.fixture
def steady(user, make_routine):
    """A daily routine done every day for the last two weeks, pain after ≤ before and < 5."""
    routine = created_days_ago(
        make_routine(user, "Steady", days=range(7), slugs=("cat-cow", "plank")), 30
    )
    for n in range(1, 15):
        log_session(
            user,
            routine,
            TODAY - timedelta(days=n),
            before=4,
            after=2 + n % 2,  # 2 or 3: never above before, always below 5
            done=("cat-cow", "plank"),
        )
    return routine


def item_for(routine, slug) -> RoutineItem:
    return routine.items.select_related("exercise").get(exercise__slug=slug)


def suggestions(page: str) -> str:
    return section(page, "Ready for a small step?") if "Ready for a small step?" in page else ""


def test_plan_suggests_a_small_step_when_the_rule_holds(logged_in, steady):
    cat_cow, plank = item_for(steady, "cat-cow"), item_for(steady, "plank")
    box = suggestions(html(logged_in.get("/plan/")))
    assert (
        f"{cat_cow.exercise.name}</strong> in “Steady”: {cat_cow.reps} → {cat_cow.reps + 2} reps"
        in box
    )
    assert (
        f"{plank.exercise.name}</strong> in “Steady”: "
        f"{plank.hold_seconds} → {plank.hold_seconds + 5} seconds' hold"
    ) in box
    assert "nothing changes unless you say so" in box


def test_looking_at_the_plan_never_changes_it(logged_in, steady):
    before = list(RoutineItem.objects.values_list("pk", "sets", "reps", "hold_seconds"))
    for _ in range(3):
        logged_in.get("/plan/")
    cat_cow = item_for(steady, "cat-cow")
    assert logged_in.get(f"/plan/items/{cat_cow.pk}/progress/").status_code == 405
    after = list(RoutineItem.objects.values_list("pk", "sets", "reps", "hold_seconds"))
    assert after == before
    assert not RoutineItem.objects.filter(progression_dismissed_on__isnull=False).exists()


def test_no_suggestion_when_pain_after_rose_in_the_window(logged_in, user, steady):
    SessionLog.objects.filter(owner=user, date=TODAY - timedelta(days=3)).update(pain_after=5)
    assert suggestions(html(logged_in.get("/plan/"))) == ""


def test_no_suggestion_for_an_exercise_that_hurt_in_the_window(logged_in, user, steady):
    ExerciseCheck.objects.filter(
        session__date=TODAY - timedelta(days=4), exercise__slug="plank"
    ).update(status=ExerciseCheck.Status.HURT)
    box = suggestions(html(logged_in.get("/plan/")))
    assert "Cat-cow stretch</strong>" in box
    assert "Plank</strong>" not in box


def test_accepting_without_javascript_changes_the_dose_by_exactly_the_step(logged_in, steady):
    cat_cow = item_for(steady, "cat-cow")
    sets, reps = cat_cow.sets, cat_cow.reps
    response = logged_in.post(
        f"/plan/items/{cat_cow.pk}/progress/", {"action": "accept", "proposed": reps + 2}
    )
    assert response.status_code == 302
    assert response["Location"] == "/plan/"
    cat_cow.refresh_from_db()
    assert (cat_cow.sets, cat_cow.reps, cat_cow.hold_seconds) == (sets, reps + 2, None)
    page = html(logged_in.get("/plan/"))
    assert f"Cat-cow stretch is now {cat_cow.dose_label}" in page
    assert "Cat-cow stretch</strong>" not in suggestions(page)  # not offered again right away


def test_accepting_with_htmx_changes_the_dose_and_returns_a_fragment(logged_in, steady):
    plank = item_for(steady, "plank")
    sets, hold = plank.sets, plank.hold_seconds
    response = logged_in.post(
        f"/plan/items/{plank.pk}/progress/",
        {"action": "accept", "proposed": hold + 5},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    fragment = html(response)
    assert "<html" not in fragment
    plank.refresh_from_db()
    assert (plank.sets, plank.hold_seconds, plank.reps) == (sets, hold + 5, None)
    assert f"Plank is now {plank.dose_label}" in fragment
    assert "backcare:announce" in response["HX-Trigger-After-Settle"]


def test_accepting_twice_only_takes_one_step(logged_in, steady):
    cat_cow = item_for(steady, "cat-cow")
    reps = cat_cow.reps
    data = {"action": "accept", "proposed": reps + 2}
    logged_in.post(f"/plan/items/{cat_cow.pk}/progress/", data)
    logged_in.post(f"/plan/items/{cat_cow.pk}/progress/", data)  # a replay
    cat_cow.refresh_from_db()
    assert cat_cow.reps == reps + 2


def test_an_out_of_date_suggestion_changes_nothing(logged_in, steady):
    cat_cow = item_for(steady, "cat-cow")
    reps = cat_cow.reps
    logged_in.post(f"/plan/items/{cat_cow.pk}/progress/", {"action": "accept", "proposed": 50})
    cat_cow.refresh_from_db()
    assert cat_cow.reps == reps
    assert "That suggestion is out of date" in html(logged_in.get("/plan/"))


def test_dismissing_hides_the_suggestion_and_keeps_the_dose(logged_in, user, steady):
    cat_cow = item_for(steady, "cat-cow")
    reps = cat_cow.reps
    response = logged_in.post(
        f"/plan/items/{cat_cow.pk}/progress/", {"action": "dismiss"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f"Cat-cow stretch stays at {cat_cow.dose_label}" in html(response)
    cat_cow.refresh_from_db()
    assert cat_cow.reps == reps
    assert cat_cow.progression_dismissed_on == TODAY
    box = suggestions(html(logged_in.get("/plan/")))
    assert "Cat-cow stretch</strong>" not in box
    assert "Plank</strong>" in box


# --- The clinician summary ----------------------------------------------------------------------


def test_summary_shows_plan_adherence_trend_stopped_exercises_and_only_shared_notes(
    logged_in, user, routine, history, make_routine
):
    bridge_routine = make_routine(user, "Evenings", days=(TUE,), slugs=("bridge",))
    RoutineItem.objects.filter(routine=bridge_routine).update(paused=True, pause_reason="hurt")
    bridge = item_for(bridge_routine, "bridge")
    SessionLog.objects.filter(owner=user, date=THIS_MONDAY).update(
        notes="Knees felt fine", share_notes=True
    )
    log_session(user, None, TODAY, notes="Private worry", share_notes=False)
    page = html(logged_in.get("/history/summary/"))
    plan = section(page, "Current plan", "</table>")
    assert "Back basics" in plan
    assert "Mon, Wed, Fri" in plan
    cat_cow = item_for(routine, "cat-cow")
    assert f"Cat-cow stretch ({cat_cow.dose_label})" in plan
    assert f"Bridge ({bridge.dose_label}, paused)" in plan
    weeks = section(page, "Week by week", "</table>")
    assert len(re.findall(r"<tr><td>", weeks)) == 8
    assert "Average pain after sessions fell from" in section(page, 'id="pain-heading"')
    stopped = section(page, "Exercises stopped because they hurt")
    patchy_wednesday = history["patchy_monday"] + timedelta(days=2)
    assert f"{patchy_wednesday.day} {patchy_wednesday:%b}: Plank" in stopped
    assert "Paused in the plan: Bridge (in “Evenings”)" in stopped
    notes = page[page.index("Notes shared by the patient") :]
    assert "Knees felt fine" in notes
    assert "Private worry" not in page


def test_summary_without_shared_notes_or_hurts_says_none(logged_in, user, routine):
    log_session(user, routine, TODAY - timedelta(days=1), notes="Just for me")
    page = html(logged_in.get("/history/summary/"))
    assert "No notes shared." in page
    assert "Just for me" not in page
    assert "None." in section(page, "Exercises stopped because they hurt")
