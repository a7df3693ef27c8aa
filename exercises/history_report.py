"""History as the history page and the clinician summary show it: the heat map, the
weekly goal and streaks, adherence, exercise totals and the pain trend.

Page data assembled from a few queries, whatever the number of logs; the rules
themselves are pure functions in progress.py.
"""

from datetime import timedelta

from django.db.models import Count, Q

from . import progress
from .models import ExerciseCheck, Routine, SessionLog

HISTORY_DAYS = 7 * 12


def routine_plans(user, profile) -> tuple[list, list[progress.RoutinePlan]]:
    routines = list(
        Routine.objects.for_user(user).annotate(
            live_items=Count("items", filter=Q(items__paused=False))
        )
    )
    plans = [
        progress.RoutinePlan(
            id=r.pk,
            weekdays=r.weekdays,
            since=r.created_at.astimezone(profile.zone).date(),
            active=r.active and r.live_items > 0,
        )
        for r in routines
    ]
    return routines, plans


def session_facts(user, since) -> list[progress.SessionFact]:
    rows = (
        SessionLog.objects.for_user(user)
        .filter(date__gte=since)
        .annotate(done=Count("checks", filter=Q(checks__status=ExerciseCheck.Status.DONE)))
        .values("date", "routine_id", "finished_at", "pain_before", "pain_after", "done")
    )
    return [
        progress.SessionFact(
            date=row["date"],
            routine_id=row["routine_id"],
            finished=row["finished_at"] is not None,
            pain_before=row["pain_before"],
            pain_after=row["pain_after"],
            checked=row["done"],
        )
        for row in rows
    ]


def history_context(user, profile) -> dict:
    """Everything /history/ shows, for the user's local today."""
    today = profile.today()
    routines, plans = routine_plans(user, profile)
    since = today - timedelta(days=HISTORY_DAYS + 7)
    sessions = session_facts(user, since)
    goal = profile.weekly_goal or max(1, progress.planned_per_week(plans))
    # Streaks (the best one especially) look at every week, not just the heat map's.
    finished_ever = [
        progress.SessionFact(day, None, True)
        for day in SessionLog.objects.for_user(user)
        .filter(finished_at__isnull=False)
        .values_list("date", flat=True)
    ]
    first_day = min([s.date for s in finished_ever] + [p.since for p in plans] + [today])
    weeks = progress.heat_map(today, profile.week_start, plans, sessions)
    backfill_from = today - timedelta(days=7)
    heat_rows = [
        [
            {
                "date": day,
                "status": status,
                "label": f"{day:%A %-d %B}: {progress.DAY_LABELS[status]}",
                "link": backfill_from <= day <= today,
                "is_today": day == today,
            }
            for day, status in week
        ]
        for week in weeks
    ]
    totals = (
        ExerciseCheck.objects.filter(session__owner=user)
        .values("exercise__name", "exercise__slug")
        .annotate(
            done=Count("id", filter=Q(status=ExerciseCheck.Status.DONE)),
            hurt=Count("id", filter=Q(status=ExerciseCheck.Status.HURT)),
        )
        .order_by("-done", "exercise__name")
    )
    return {
        "today": today,
        "routines": routines,
        "heat_rows": heat_rows,
        "weekday_headers": [
            ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d] for d in profile.week_order()
        ],
        "goal": progress.weekly_goal(today, profile.week_start, goal, finished_ever, first_day),
        "goal_is_default": profile.weekly_goal is None,
        "adherence": _from_first_planned_week(
            progress.weekly_adherence(today, profile.week_start, plans, sessions)
        ),
        "totals": list(totals),
        "trend": progress.pain_trend(sessions, today),
        "has_logs": bool(sessions),
    }


def _from_first_planned_week(weeks: list) -> list:
    """Drop the empty weeks before the plan existed; keep gaps after it."""
    for index, week in enumerate(weeks):
        if week.scheduled:
            return weeks[index:]
    return weeks[-1:]
