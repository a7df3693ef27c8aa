"""The weekly counts as pure functions (exercises/progress.py): one rule for what a
session is, shared by the weekly goal and the weekly table; adherence over any date
range; other activities' minutes per week; the summary's weekly averages. No database."""

from datetime import date, timedelta

from exercises.progress import (
    ActivityFact,
    RoutinePlan,
    SessionFact,
    activity_weeks,
    adherence_between,
    average,
    minutes_by_kind,
    pain_chart,
    week_summaries,
    weekly_adherence,
    weekly_goal,
)

MONDAY = date(2026, 11, 23)
THURSDAY = MONDAY + timedelta(days=3)
PLAN = RoutinePlan(id=1, weekdays=0b0000111, since=date(2026, 1, 1))  # Mon, Tue, Wed


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


MIXED_WEEK = [
    SessionFact(day(0), 1, finished=True, pain_before=4, pain_after=2, effort=3),  # planned
    SessionFact(day(1), 1, finished=False, checked=1, effort=5),  # started, not finished
    SessionFact(day(1), None, finished=True, pain_before=3, pain_after=3, effort=2),  # quick
    SessionFact(day(3), 1, finished=True),  # done on a day it wasn't planned
]


def test_the_goal_and_the_weekly_table_count_the_same_sessions():
    goal = weekly_goal(THURSDAY, 0, 3, MIXED_WEEK, first_day=date(2026, 1, 1))
    [week] = weekly_adherence(THURSDAY, 0, [PLAN], MIXED_WEEK, weeks=1)
    assert goal.this_week == week.sessions == 3
    assert (week.scheduled, week.finished, week.unplanned) == (3, 1, 2)


def test_an_unfinished_session_counts_nowhere():
    unfinished = [SessionFact(day(0), 1, finished=False, checked=2)]
    [week] = weekly_adherence(THURSDAY, 0, [PLAN], unfinished, weeks=1)
    assert (week.sessions, week.finished) == (0, 0)
    assert weekly_goal(THURSDAY, 0, 1, unfinished, date(2026, 1, 1)).this_week == 0


def test_adherence_between_counts_only_the_days_in_the_range():
    sessions = [SessionFact(day(d), 1, finished=True) for d in (0, 1, 2)]
    [week] = adherence_between(day(1), day(3), THURSDAY, 0, [PLAN], sessions)
    assert week.week == MONDAY
    assert (week.sessions, week.scheduled, week.finished) == (2, 2, 2)


def test_adherence_between_lists_every_week_and_stops_at_today():
    rows = adherence_between(
        MONDAY - timedelta(weeks=2), THURSDAY + timedelta(days=30), THURSDAY, 0, [PLAN], []
    )
    assert [row.week for row in rows] == [MONDAY - timedelta(weeks=w) for w in (2, 1, 0)]
    assert rows[-1].scheduled == 3  # Mon–Wed this week; nothing after today


def test_weekly_adherence_is_adherence_over_its_eight_weeks():
    sessions = [SessionFact(day(-7 * w), 1, finished=True) for w in range(10)]
    start = MONDAY - timedelta(weeks=7)
    assert weekly_adherence(THURSDAY, 0, [PLAN], sessions) == adherence_between(
        start, THURSDAY, THURSDAY, 0, [PLAN], sessions
    )


def test_activity_minutes_are_summed_per_week_and_kind():
    activities = [
        ActivityFact(day(0), "Walking", 30),
        ActivityFact(day(2), "Walking", 20),
        ActivityFact(day(1), "Yoga", 45),
        ActivityFact(day(-7), "Swimming", 40),
        ActivityFact(day(-30), "Walking", 99),  # before the range
    ]
    weeks = activity_weeks(activities, day(-14), THURSDAY, 0)
    assert [(w.week, w.minutes) for w in weeks] == [
        (MONDAY - timedelta(weeks=2), 0),
        (MONDAY - timedelta(weeks=1), 40),
        (MONDAY, 95),
    ]
    assert weeks[-1].kinds_label == "Walking 50 min, Yoga 45 min"
    assert minutes_by_kind(activities[:4]) == [
        ("Walking", 50, 2),
        ("Yoga", 45, 1),
        ("Swimming", 40, 1),
    ]


def test_week_summaries_average_pain_and_effort_over_finished_sessions():
    [week] = weekly_adherence(THURSDAY, 0, [PLAN], MIXED_WEEK, weeks=1)
    [summary] = week_summaries(
        [week],
        MIXED_WEEK,
        activity_weeks([ActivityFact(day(0), "Walking", 30)], MONDAY, THURSDAY, 0),
        0,
    )
    assert (summary.pain_before, summary.pain_after) == (3.5, 2.5)
    assert summary.effort == 2.5  # the unfinished session's effort of 5 isn't counted
    assert summary.activity_minutes == 30


def test_average_leaves_out_missing_values():
    assert average([None, 2, 3]) == 2.5
    assert average([4, 4]) == 4.0
    assert average([None]) is None


def test_a_long_pain_chart_keeps_to_about_six_date_labels():
    assert len(pain_chart([], MONDAY - timedelta(days=59), MONDAY)["ticks"]) == 5
    assert 5 <= len(pain_chart([], MONDAY - timedelta(days=365), MONDAY)["ticks"]) <= 7
