"""History as the history page and the clinician summary show it: the heat map, the
weekly goal and streaks, adherence, exercise totals, the pain trend, effort and other
activities.

Page data assembled from a few queries, whatever the number of logs; the rules
themselves are pure functions in progress.py.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q

from . import flare_up, progress
from .models import ActivityLog, ExerciseCheck, Routine, RoutineItem, SessionLog

HISTORY_DAYS = 7 * 12
ADHERENCE_WEEKS = 8
RECENT_ACTIVITIES = 10


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


def session_facts(user, since, until: date | None = None) -> list[progress.SessionFact]:
    rows = SessionLog.objects.for_user(user).filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lte=until)
    rows = rows.annotate(
        done=Count("checks", filter=Q(checks__status=ExerciseCheck.Status.DONE))
    ).values("date", "routine_id", "finished_at", "pain_before", "pain_after", "effort", "done")
    return [
        progress.SessionFact(
            date=row["date"],
            routine_id=row["routine_id"],
            finished=row["finished_at"] is not None,
            pain_before=row["pain_before"],
            pain_after=row["pain_after"],
            checked=row["done"],
            effort=row["effort"],
        )
        for row in rows
    ]


def activities_between(user, start: date, end: date) -> list[ActivityLog]:
    return list(
        ActivityLog.objects.filter(owner=user, date__gte=start, date__lte=end).order_by(
            "-date", "-created_at"
        )
    )


def activity_facts(activities: list[ActivityLog]) -> list[progress.ActivityFact]:
    return [progress.ActivityFact(a.date, a.get_kind_display(), a.minutes) for a in activities]


def default_summary_range(profile, today: date) -> tuple[date, date]:
    """The last eight weeks, as History's weekly table shows them: from the start of the
    week seven weeks before this one, to today."""
    this_week = profile.week_start_date(today)
    return this_week - timedelta(weeks=ADHERENCE_WEEKS - 1), today


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
    # Every flare-up day since the first week the streak counts (a few rows at most).
    flare_days = flare_up.days_between(user, min(first_day, since), today)
    weeks = progress.heat_map(today, profile.week_start, plans, sessions, flare_days=flare_days)
    backfill_from = today - timedelta(days=7)
    heat_rows = [
        [
            {
                "date": day,
                "status": status,
                "label": f"{day:%A %-d %B}: {progress.DAY_LABELS[status]}"
                + ("; flare-up mode" if day in flare_days and status != progress.FLARE else ""),
                "link": backfill_from <= day <= today,
                "is_today": day == today,
                "flare": day in flare_days,
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
    weeks_from, _ = default_summary_range(profile, today)
    activities = activities_between(user, weeks_from, today)
    editable_from = today - timedelta(days=settings.BACKCARE_BACKFILL_DAYS)
    return {
        "today": today,
        "routines": routines,
        "heat_rows": heat_rows,
        "weekday_headers": [
            ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d] for d in profile.week_order()
        ],
        "goal": progress.weekly_goal(
            today, profile.week_start, goal, finished_ever, first_day, flare_days=flare_days
        ),
        "goal_is_default": profile.weekly_goal is None,
        "adherence": _from_first_planned_week(
            progress.weekly_adherence(
                today, profile.week_start, plans, sessions, flare_days=flare_days
            )
        ),
        "flare_days": flare_days,
        "totals": list(totals),
        "trend": progress.pain_trend(sessions, today),
        "activity_weeks": _from_first_active_week(
            progress.activity_weeks(
                activity_facts(activities), weeks_from, today, profile.week_start
            )
        ),
        "recent_activities": [
            {"activity": a, "editable": editable_from <= a.date <= today}
            for a in activities[:RECENT_ACTIVITIES]
        ],
        "backfill_days": settings.BACKCARE_BACKFILL_DAYS,
        "has_logs": bool(sessions or activities),
    }


def summary_context(user, profile, start: date, end: date) -> dict:
    """Everything the clinician summary shows, each section over the same dates (start to
    end, both included); the plan and its paused exercises are as they are today."""
    today = profile.today()
    _, plans = routine_plans(user, profile)
    sessions = session_facts(user, start, end)
    adherence = progress.adherence_between(start, end, today, profile.week_start, plans, sessions)
    activities = activities_between(user, start, end)
    facts = activity_facts(activities)
    activity_weeks = progress.activity_weeks(facts, start, end, profile.week_start)
    weeks = progress.week_summaries(adherence, sessions, activity_weeks, profile.week_start)
    counted = [s for s in sessions if progress.counts_as_session(s)]
    planned = sum(row.scheduled for row in adherence)
    done_as_planned = sum(row.finished for row in adherence)
    return {
        "today": today,
        "start": start,
        "end": end,
        "period_label": f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}",
        "plan": Routine.objects.for_user(user).active().with_items(),
        "stopped": RoutineItem.objects.filter(
            routine__owner=user, paused=True, pause_reason=RoutineItem.PauseReason.HURT
        ).select_related("exercise", "routine"),
        "weeks": weeks,
        "totals": {
            "sessions": len(counted),
            "planned": planned,
            "done_as_planned": done_as_planned,
            "percent": round(100 * done_as_planned / planned) if planned else None,
            "effort": progress.average(s.effort for s in counted),
            "efforts_logged": sum(1 for s in counted if s.effort is not None),
            "activity_minutes": sum(a.minutes for a in facts),
        },
        "trend": progress.pain_trend(sessions, end, days=(end - start).days + 1),
        "activity_kinds": progress.minutes_by_kind(facts),
        "hurt_checks": ExerciseCheck.objects.filter(
            session__owner=user,
            status=ExerciseCheck.Status.HURT,
            session__date__gte=start,
            session__date__lte=end,
        )
        .select_related("exercise", "session")
        .order_by("-session__date"),
        "shared_notes": SessionLog.objects.for_user(user)
        .filter(share_notes=True, date__gte=start, date__lte=end)
        .exclude(notes="")
        .order_by("-date")[:30],
    }


def _from_first_planned_week(weeks: list) -> list:
    """Drop the empty weeks before the plan existed; keep gaps after it."""
    for index, week in enumerate(weeks):
        if week.scheduled:
            return weeks[index:]
    return weeks[-1:]


def _from_first_active_week(weeks: list) -> list:
    """Drop the weeks before the first activity; keep quiet weeks after it."""
    for index, week in enumerate(weeks):
        if week.minutes:
            return weeks[index:]
    return []
