"""The progress rules as pure functions (exercises/progress.py) on hand-made calendars: day
status and the heat map, the weekly goal and its streaks, adherence, the pain trend, the
pain-gated progression rule and its next step, and the "listen to your body" notice.
No database: the rules take plain data."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import timezone

from exercises.models import (
    HOLD_RANGE,
    REPS_RANGE,
    SETS_RANGE,
    Exercise,
    Profile,
    RoutineItem,
    SessionLog,
    weekday_mask,
)
from exercises.progress import (
    DONE,
    FUTURE,
    MISSED,
    PARTIAL,
    REST,
    RoutinePlan,
    SessionFact,
    day_status,
    days_between,
    heat_map,
    needs_pain_notice,
    next_step,
    pain_chart,
    pain_summary,
    ready_to_progress,
    weekly_adherence,
    weekly_goal,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
# Wednesday 18 November 2026; the Monday of its week is the 16th.
TODAY = date(2026, 11, 18)
THIS_MONDAY = date(2026, 11, 16)
LONG_AGO = date(2026, 1, 1)


def plan_on(*weekdays, plan_id=1, since=LONG_AGO, active=True) -> RoutinePlan:
    return RoutinePlan(id=plan_id, weekdays=weekday_mask(weekdays), since=since, active=active)


def finished(day, routine_id=1, before=None, after=None) -> SessionFact:
    return SessionFact(day, routine_id, True, before, after, checked=1)


# --- Day status and the heat map ------------------------------------------------------------


def test_unplanned_past_day_without_sessions_is_rest():
    assert day_status(TODAY - timedelta(days=1), TODAY, [plan_on(WED)], []) == REST


def test_planned_past_day_with_nothing_done_is_missed():
    last_wednesday = TODAY - timedelta(days=7)
    assert day_status(last_wednesday, TODAY, [plan_on(WED)], []) == MISSED


def test_planned_day_with_some_ticks_but_not_finished_is_partial():
    last_wednesday = TODAY - timedelta(days=7)
    ticked = SessionFact(last_wednesday, 1, finished=False, checked=2)
    assert day_status(last_wednesday, TODAY, [plan_on(WED)], [ticked]) == PARTIAL


def test_day_with_one_of_two_planned_routines_finished_is_partial():
    last_wednesday = TODAY - timedelta(days=7)
    plans = [plan_on(WED, plan_id=1), plan_on(WED, plan_id=2)]
    assert day_status(last_wednesday, TODAY, plans, [finished(last_wednesday, 1)]) == PARTIAL


def test_day_with_every_planned_routine_finished_is_done():
    last_wednesday = TODAY - timedelta(days=7)
    plans = [plan_on(WED, plan_id=1), plan_on(WED, plan_id=2)]
    sessions = [finished(last_wednesday, 1), finished(last_wednesday, 2)]
    assert day_status(last_wednesday, TODAY, plans, sessions) == DONE


def test_quick_session_on_a_rest_day_counts_as_done():
    yesterday = TODAY - timedelta(days=1)
    assert day_status(yesterday, TODAY, [plan_on(WED)], [finished(yesterday, None)]) == DONE


def test_planned_day_still_to_come_is_future_not_missed():
    tomorrow_friday = TODAY + timedelta(days=2)
    plans = [plan_on(WED, FRI)]
    assert day_status(tomorrow_friday, TODAY, plans, []) == FUTURE
    # Today's planned session with nothing done yet is still to come, not missed.
    assert day_status(TODAY, TODAY, plans, []) == FUTURE


def test_paused_routine_and_days_before_a_routine_existed_are_rest():
    last_wednesday = TODAY - timedelta(days=7)
    assert day_status(last_wednesday, TODAY, [plan_on(WED, active=False)], []) == REST
    assert day_status(last_wednesday, TODAY, [plan_on(WED, since=TODAY)], []) == REST


def test_heat_map_rows_are_whole_weeks_from_the_week_start_ending_with_this_week():
    plans = [plan_on(MON, WED)]
    sessions = [finished(THIS_MONDAY)]
    rows = heat_map(TODAY, MON, plans, sessions, weeks=12)
    assert len(rows) == 12
    for row in rows:
        assert len(row) == 7
        assert row[0][0].weekday() == MON
        assert [d for d, _ in row] == list(days_between(row[0][0], row[0][0] + timedelta(days=6)))
    assert rows[-1][0][0] == THIS_MONDAY
    assert rows[0][0][0] == THIS_MONDAY - timedelta(weeks=11)
    statuses = dict(rows[-1])
    assert statuses[THIS_MONDAY] == DONE
    assert statuses[THIS_MONDAY + timedelta(days=1)] == REST
    assert statuses[TODAY] == FUTURE
    assert statuses[THIS_MONDAY + timedelta(days=6)] == FUTURE  # Sunday, unplanned, ahead
    assert dict(rows[-2])[THIS_MONDAY - timedelta(weeks=1)] == MISSED


def test_heat_map_with_sunday_start_begins_rows_on_sunday():
    rows = heat_map(TODAY, SUN, [plan_on(MON)], [], weeks=2)
    assert [row[0][0].weekday() for row in rows] == [SUN, SUN]
    assert rows[-1][0][0] == date(2026, 11, 15)


# --- The weekly goal and its streaks ----------------------------------------------------------


def sessions_in_weeks(counts_by_week_offset: dict[int, int], monday=THIS_MONDAY):
    """`counts` finished sessions in the week `offset` weeks before this one (Mon, Tue, …)."""
    return [
        finished(monday - timedelta(weeks=offset) + timedelta(days=i))
        for offset, count in counts_by_week_offset.items()
        for i in range(count)
    ]


def test_streak_counts_consecutive_whole_weeks_that_met_the_goal():
    # Weeks 6..4 ago met (3 weeks), 3 ago missed, 2..1 ago met (2 weeks).
    sessions = sessions_in_weeks({6: 3, 5: 3, 4: 4, 3: 1, 2: 3, 1: 3})
    status = weekly_goal(TODAY, MON, 3, sessions, first_day=THIS_MONDAY - timedelta(weeks=6))
    assert status.current_streak == 2
    assert status.best_streak == 3
    assert status.this_week == 0
    assert not status.met_this_week


def test_week_in_progress_never_breaks_the_streak_and_adds_once_met():
    earlier = {2: 2, 1: 2}
    first = THIS_MONDAY - timedelta(weeks=2)
    not_yet = weekly_goal(TODAY, MON, 2, sessions_in_weeks(earlier), first)
    assert (not_yet.current_streak, not_yet.this_week) == (2, 0)
    met = weekly_goal(TODAY, MON, 2, sessions_in_weeks({**earlier, 0: 2}), first)
    assert (met.current_streak, met.best_streak, met.this_week) == (3, 3, 2)
    assert met.met_this_week


def test_rest_days_never_break_the_streak():
    # Two sessions a week (Monday and Tuesday), five rest days every week.
    sessions = sessions_in_weeks({4: 2, 3: 2, 2: 2, 1: 2})
    status = weekly_goal(TODAY, MON, 2, sessions, THIS_MONDAY - timedelta(weeks=4))
    assert status.current_streak == status.best_streak == 4


def test_unfinished_sessions_do_not_count_towards_the_goal():
    ticked_only = [SessionFact(THIS_MONDAY - timedelta(days=7), 1, finished=False, checked=3)]
    status = weekly_goal(TODAY, MON, 1, ticked_only, THIS_MONDAY - timedelta(days=7))
    assert status.current_streak == 0


def test_week_start_decides_which_week_a_sunday_session_belongs_to():
    sunday = date(2026, 11, 15)  # the day before THIS_MONDAY
    sessions = [finished(sunday)]
    monday_start = weekly_goal(TODAY, MON, 1, sessions, sunday)
    sunday_start = weekly_goal(TODAY, SUN, 1, sessions, sunday)
    # Monday start: the Sunday closed last week, which met the goal.
    assert (monday_start.this_week, monday_start.current_streak) == (0, 1)
    # Sunday start: the Sunday opened this week.
    assert (sunday_start.this_week, sunday_start.current_streak) == (1, 1)
    assert sunday_start.met_this_week


# --- Weekly adherence -----------------------------------------------------------------------


def test_adherence_is_finished_scheduled_sessions_over_scheduled_sessions():
    last_monday = THIS_MONDAY - timedelta(weeks=1)
    plans = [plan_on(MON, WED, FRI)]
    sessions = [
        finished(last_monday),
        finished(last_monday + timedelta(days=2)),
        SessionFact(last_monday + timedelta(days=4), 1, finished=False, checked=2),
        finished(last_monday + timedelta(days=1), None),  # quick session: not scheduled
    ]
    weeks = weekly_adherence(TODAY, MON, plans, sessions, weeks=8)
    assert len(weeks) == 8
    assert weeks[-1].week == THIS_MONDAY
    last = weeks[-2]
    assert (last.week, last.scheduled, last.finished) == (last_monday, 3, 2)
    assert last.percent == round(100 * 2 / 3)


def test_adherence_counts_a_routine_only_from_the_day_it_was_created():
    # Created on Wednesday of last week: Monday doesn't count, Wednesday and Friday do.
    last_monday = THIS_MONDAY - timedelta(weeks=1)
    plans = [plan_on(MON, WED, FRI, since=last_monday + timedelta(days=2))]
    weeks = weekly_adherence(TODAY, MON, plans, [finished(last_monday + timedelta(days=4))])
    assert (weeks[-2].scheduled, weeks[-2].finished) == (2, 1)
    assert weeks[-3].scheduled == 0
    assert weeks[-3].percent is None


def test_adherence_this_week_counts_only_days_so_far():
    weeks = weekly_adherence(TODAY, MON, [plan_on(MON, FRI)], [finished(THIS_MONDAY)])
    assert (weeks[-1].scheduled, weeks[-1].finished) == (1, 1)


# --- Pain trend ---------------------------------------------------------------------------------


def weekly_points(afters, before=6, start=date(2026, 10, 1)):
    return [(start + timedelta(weeks=i), before, a) for i, a in enumerate(afters)]


def test_pain_summary_says_fell_with_both_averages_and_the_span():
    afters = [6, 5, 4, 3]
    text = pain_summary(weekly_points(afters))
    early, late = sum(afters[:2]) / 2, sum(afters[2:]) / 2
    weeks = 3  # four weekly points span three weeks
    assert text == (
        f"Average pain after sessions fell from {early:.1f} to {late:.1f} over {weeks} weeks."
    )


def test_pain_summary_says_rose_and_suggests_a_healthcare_provider():
    text = pain_summary(weekly_points([2, 3, 5, 6]))
    assert text.startswith("Average pain after sessions rose from 2.5 to 5.5")
    assert "healthcare provider" in text


def test_pain_summary_says_about_the_same_for_small_changes():
    text = pain_summary(weekly_points([4, 4, 4, 4]))
    assert "stayed about the same" in text
    assert "4.0" in text


def test_pain_summary_asks_for_more_data_with_fewer_than_two_scores():
    assert "Log your pain" in pain_summary([])
    assert "Log your pain" in pain_summary(weekly_points([5]))
    assert "Log your pain" in pain_summary([(date(2026, 10, 1), 5, None)] * 3)


def test_pain_chart_points_stay_inside_the_drawing_box():
    start, end = date(2026, 9, 20), date(2026, 11, 18)
    points = [(start, 0, 10), (end, 10, 0), (start + timedelta(days=30), 5, None)]
    chart = pain_chart(points, start, end, width=640, height=240)
    dots = chart["before"] + chart["after"]
    assert len(chart["before"]) == 3
    assert len(chart["after"]) == 2
    top = min(g["y"] for g in chart["grid"])
    for x, y in dots:
        assert chart["left"] <= x <= chart["right"] <= chart["width"]
        assert 0 <= top <= y <= chart["bottom"] <= chart["height"]
    xs = [x for x, _ in dots]
    assert min(xs) == chart["left"]
    assert max(xs) == chart["right"]
    for tick in chart["ticks"]:
        assert chart["left"] <= tick["x"] <= chart["right"]


# --- Start slowly, then progress ----------------------------------------------------------------


def window(today=TODAY):
    """The 7 days the progression rule looks at: the week before today."""
    return list(days_between(today - timedelta(days=7), today - timedelta(days=1)))


def ready(plan, done, hurt=(), pains=((4, 3),), dismissed_on=None):
    return ready_to_progress(plan, TODAY, set(done), set(hurt), list(pains), dismissed_on)


def test_progress_when_every_scheduled_session_was_done_without_pain_rising():
    plan = plan_on(*range(7))
    assert ready(plan, window(), pains=[(4, 3), (3, 3), (2, 1)])


def test_progress_needs_eighty_percent_of_last_weeks_sessions():
    daily = plan_on(*range(7))
    days = window()
    assert round(100 * 5 / 7) == 71
    assert not ready(daily, days[:5])  # 5 of 7: not yet
    assert ready(daily, days[:6])  # 6 of 7 is 86 %: ready
    weekdays = plan_on(MON, TUE, WED, THU, FRI)
    scheduled = [d for d in days if weekdays.on(d)]
    assert len(scheduled) == 5
    assert ready(weekdays, scheduled[1:])  # 4 of 5 is exactly 80 %
    assert not ready(weekdays, scheduled[2:])  # 3 of 5


def test_progress_needs_at_least_two_scheduled_sessions_in_the_week():
    assert not ready(plan_on(MON), window())  # one good session is too little to go on
    assert ready(plan_on(MON, THU), window())


def test_a_hurt_in_the_window_blocks_progress_but_an_older_one_does_not():
    plan = plan_on(*range(7))
    assert not ready(plan, window(), hurt=[TODAY - timedelta(days=3)])
    assert ready(plan, window(), hurt=[TODAY - timedelta(days=8)])


def test_pain_after_above_pain_before_blocks_progress():
    assert not ready(plan_on(*range(7)), window(), pains=[(3, 2), (3, 4)])


def test_pain_after_of_five_blocks_progress_even_when_it_fell():
    plan = plan_on(*range(7))
    assert not ready(plan, window(), pains=[(7, 5)])
    assert ready(plan, window(), pains=[(7, 4)])


def test_no_pain_logged_blocks_progress():
    plan = plan_on(*range(7))
    assert not ready(plan, window(), pains=[])
    assert not ready(plan, window(), pains=[(None, 2), (3, None)])


def test_a_recent_step_or_dismissal_blocks_progress_for_a_week():
    plan = plan_on(*range(7))
    assert not ready(plan, window(), dismissed_on=TODAY - timedelta(days=6))
    assert ready(plan, window(), dismissed_on=TODAY - timedelta(days=7))


def test_a_routine_newer_than_the_window_is_not_ready():
    plan = plan_on(*range(7), since=TODAY - timedelta(days=5))
    assert not ready(plan, window())
    assert ready(plan_on(*range(7), since=TODAY - timedelta(days=7)), window())


def exercise_with(sets, reps=None, hold=None) -> Exercise:
    return Exercise(default_sets=sets, default_reps=reps, default_hold_seconds=hold)


def test_next_step_adds_two_reps():
    exercise = exercise_with(2, reps=8)
    step = next_step(RoutineItem(pk=1, sets=2, reps=8), exercise)
    assert (step.field, step.current, step.proposed) == ("reps", 8, 10)


def test_next_step_adds_five_seconds_of_hold():
    exercise = exercise_with(3, hold=30)
    step = next_step(RoutineItem(pk=1, sets=3, hold_seconds=30), exercise)
    assert (step.field, step.current, step.proposed) == ("hold_seconds", 30, 35)


def test_next_step_never_passes_the_safe_maximum():
    reps_top = min(REPS_RANGE[1], 2 * 8)
    step = next_step(RoutineItem(pk=1, sets=2, reps=reps_top - 1), exercise_with(2, reps=8))
    assert step.proposed == reps_top
    hold_top = min(HOLD_RANGE[1], 3 * 30)
    step = next_step(
        RoutineItem(pk=1, sets=3, hold_seconds=hold_top - 2), exercise_with(3, hold=30)
    )
    assert step.proposed == hold_top
    # A high default can't lift the top above the item's own valid range.
    big = exercise_with(2, reps=40)
    assert (
        next_step(RoutineItem(pk=1, sets=2, reps=REPS_RANGE[1] - 1), big).proposed
        == (REPS_RANGE[1])
    )


def test_next_step_adds_a_set_once_reps_are_at_the_top():
    exercise = exercise_with(2, reps=8)
    step = next_step(RoutineItem(pk=1, sets=2, reps=16), exercise)
    assert (step.field, step.current, step.proposed) == ("sets", 2, 3)


def test_a_beginner_at_five_reps_builds_to_ten_by_one_or_two_then_adds_sets():
    """NHS Inform: start with about 5 repetitions and add 1 or 2 every few days."""
    exercise = exercise_with(1, reps=5)
    item = RoutineItem(pk=1, sets=1, reps=5)
    steps = []
    while (step := next_step(item, exercise)) is not None:
        steps.append((step.field, step.proposed))
        setattr(item, step.field, step.proposed)
    assert steps == [("reps", 7), ("reps", 9), ("reps", 10), ("sets", 2), ("sets", 3)]


def test_every_catalog_rep_exercise_starts_at_about_five_reps():
    from exercises import content

    for item in content.EXERCISES:
        if item["reps"] is not None:
            assert item["reps"] == 5, item["slug"]
            assert item["sets"] == 1, item["slug"]


def test_next_step_is_none_at_the_very_top():
    exercise = exercise_with(2, reps=8)
    assert next_step(RoutineItem(pk=1, sets=4, reps=16), exercise) is None
    held = exercise_with(3, hold=30)
    assert next_step(RoutineItem(pk=1, sets=5, hold_seconds=90), held) is None
    roomy = exercise_with(SETS_RANGE[1], reps=25)
    assert next_step(RoutineItem(pk=1, sets=SETS_RANGE[1], reps=REPS_RANGE[1]), roomy) is None


# --- Listen to your body --------------------------------------------------------------------


def finished_log(before, after, at) -> SessionLog:
    return SessionLog(pain_before=before, pain_after=after, finished_at=at)


AT = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("before", "after", "rose"),
    [(2, 4, True), (2, 3, False), (7, 7, True), (None, 7, True), (None, 6, False), (5, 3, False)],
)
def test_pain_rose_means_two_points_up_or_seven_and_over(before, after, rose):
    assert finished_log(before, after, AT).pain_rose is rose


def test_pain_notice_needs_two_sessions_in_a_row_with_pain_rising():
    rising = finished_log(2, 5, AT)
    earlier_rising = finished_log(3, 7, AT - timedelta(days=1))
    calm = finished_log(3, 3, AT - timedelta(days=1))
    assert needs_pain_notice([rising, earlier_rising], None)
    assert not needs_pain_notice([rising, calm], None)
    assert not needs_pain_notice([rising], None)
    assert not needs_pain_notice([], None)


def test_pain_notice_stays_until_acknowledged_after_the_latest_session():
    pair = [finished_log(2, 5, AT), finished_log(3, 7, AT - timedelta(days=1))]
    assert needs_pain_notice(pair, AT - timedelta(hours=1))
    assert not needs_pain_notice(pair, AT + timedelta(minutes=5))


def test_unfinished_sessions_never_raise_the_pain_notice():
    open_session = SessionLog(pain_before=1, pain_after=9, finished_at=None)
    assert not open_session.pain_rose
    assert not needs_pain_notice([open_session, finished_log(3, 7, AT)], None)


# --- Time zones: a weekly routine across the end of British Summer Time -------------------------


def test_weekly_routine_keeps_local_weekdays_and_weeks_across_the_october_clock_change(
    monkeypatch,
):
    """Europe/London goes from BST (UTC+1) to GMT on Sunday 25 October 2026. A user who
    does a Mon/Wed/Fri/Sun routine just after local midnight logs each session on the
    right local date, and weeks and the heat map line up on local weekdays."""
    profile = Profile(time_zone="Europe/London", week_start=Profile.WeekStart.MONDAY)
    london = profile.zone
    plan = plan_on(MON, WED, FRI, SUN, since=date(2026, 10, 1))
    change_day = date(2026, 10, 25)
    assert change_day.weekday() == SUN

    sessions = []
    for day in days_between(date(2026, 10, 18), date(2026, 11, 1)):
        if not plan.on(day):
            continue
        instant = datetime.combine(day, time(0, 30), tzinfo=london).astimezone(UTC)
        monkeypatch.setattr(timezone, "now", lambda instant=instant: instant)
        assert profile.today() == day
        if day <= change_day:
            assert instant.date() == day - timedelta(days=1)  # UTC would say the day before
        sessions.append(finished(profile.today()))

    # 01:30 happens twice on the change day; both are still Sunday locally.
    for fold in (0, 1):
        twice = datetime.combine(change_day, time(1, 30), tzinfo=london).replace(fold=fold)
        monkeypatch.setattr(timezone, "now", lambda twice=twice: twice.astimezone(UTC))
        assert profile.today() == change_day

    assert profile.week_start_date(change_day) == date(2026, 10, 19)
    assert Profile(week_start=Profile.WeekStart.SUNDAY).week_start_date(change_day) == change_day

    today = date(2026, 11, 1)
    rows = heat_map(today, profile.week_start, [plan], sessions, weeks=3)
    assert [row[0][0] for row in rows] == [
        date(2026, 10, 12),
        date(2026, 10, 19),
        date(2026, 10, 26),
    ]
    for row in rows:
        assert [d.weekday() for d, _ in row] == list(range(7))
        assert {profile.week_start_date(d) for d, _ in row} == {row[0][0]}
    logged = {s.date for s in sessions}
    for row in rows:
        for day, status in row:
            expected = (DONE if day in logged else MISSED) if plan.on(day) else REST
            assert status == expected, day
    assert dict(rows[1])[change_day] == DONE

    monday_weeks = weekly_goal(today, MON, 4, sessions, first_day=date(2026, 10, 18))
    assert (monday_weeks.this_week, monday_weeks.current_streak) == (4, 2)
    sunday_weeks = weekly_goal(today, SUN, 4, sessions, first_day=date(2026, 10, 18))
    assert (sunday_weeks.this_week, sunday_weeks.current_streak) == (1, 2)

    adherence = weekly_adherence(today, MON, [plan], sessions, weeks=2)
    assert [(w.week, w.scheduled, w.finished) for w in adherence] == [
        (date(2026, 10, 19), 4, 4),
        (date(2026, 10, 26), 4, 4),
    ]
