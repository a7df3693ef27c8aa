"""One day of a user's plan: what is scheduled, what is ticked, and whether it may be logged.

Page data for Today and `/day/<date>/`, assembled in a constant number of queries
whatever the number of routines or logs. The views only translate HTTP to these calls.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q

from .models import ActivityLog, ExerciseCheck, Routine, RoutineItem, SessionLog


def logging_refused(today: date, day: date) -> str | None:
    """Why `day` can't be logged by someone whose local date is `today`, or None when it
    can: no future days, and back-filling reaches a fixed number of days back."""
    if day > today:
        return "That day hasn't happened yet, so there's nothing to log. Here is today instead."
    if day < today - timedelta(days=settings.BACKCARE_BACKFILL_DAYS):
        return (
            f"You can fill in the last {settings.BACKCARE_BACKFILL_DAYS} days only. "
            "Older days are kept in History as they are."
        )
    return None


def scheduled_items(user, day: date):
    """The unpaused items of the user's active routines that are on `day`: those whose
    routine falls on its weekday, and those of a routine started that day anyway."""
    started = SessionLog.objects.filter(owner=user, routine=OuterRef("routine"), date=day)
    return (
        RoutineItem.objects.filter(routine__owner=user, routine__active=True, paused=False)
        .alias(day_bit=F("routine__weekdays").bitand(1 << day.weekday()))
        .filter(Q(day_bit__gt=0) | Exists(started))
    )


def day_progress(user, day: date) -> tuple[int, int]:
    """(done, total) over the day's scheduled items, as the day page counts them."""
    done_check = ExerciseCheck.objects.filter(
        session__owner=user,
        session__routine=OuterRef("routine"),
        session__date=day,
        exercise=OuterRef("exercise"),
        status=ExerciseCheck.Status.DONE,
    )
    counts = scheduled_items(user, day).aggregate(
        total=Count("pk"), done=Count("pk", filter=Exists(done_check))
    )
    return counts["done"], counts["total"]


def build_day(user, day: date) -> dict:
    """Everything a day page lists: a block per scheduled routine with its rows (item and
    status), the day's quick sessions and other activities, and the progress totals."""
    sessions = list(
        SessionLog.objects.for_user(user)
        .filter(date=day)
        .prefetch_related(
            Prefetch("checks", queryset=ExerciseCheck.objects.select_related("exercise"))
        )
    )
    by_routine = {s.routine_id: s for s in sessions if s.routine_id}
    # A routine is on the day when the day is one of its weekdays, or when a session of it
    # was started that day anyway ("Start today anyway", or before its days were changed).
    routines = list(
        Routine.objects.for_user(user)
        .active()
        .alias(day_bit=F("weekdays").bitand(1 << day.weekday()))
        .filter(Q(day_bit__gt=0) | Q(pk__in=list(by_routine)))
        .with_items()
        .order_by(F("time_of_day").asc(nulls_last=True), "position", "id")
    )
    blocks, total, done = [], 0, 0
    for routine in routines:
        session = by_routine.get(routine.pk)
        statuses = {c.exercise_id: c.status for c in session.checks.all()} if session else {}
        rows = [
            {"item": item, "status": statuses.get(item.exercise_id)}
            for item in routine.active_items()
        ]
        if not rows:
            continue
        block_done = sum(1 for row in rows if row["status"] == ExerciseCheck.Status.DONE)
        total += len(rows)
        done += block_done
        blocks.append({"routine": routine, "session": session, "rows": rows, "done": block_done})
    return {
        "day": day,
        "blocks": blocks,
        "total": total,
        "done": done,
        "quick_sessions": [s for s in sessions if not s.routine_id],
        "activities": list(ActivityLog.objects.filter(owner=user, date=day)),
    }


def next_planned_day(user, today: date) -> date | None:
    """The next date after today with something scheduled, within a week."""
    masks = (
        Routine.objects.for_user(user)
        .active()
        .filter(items__paused=False)
        .values_list("weekdays", flat=True)
    )
    combined = 0
    for mask in masks:
        combined |= mask
    for offset in range(1, 8):
        candidate = today + timedelta(days=offset)
        if combined & (1 << candidate.weekday()):
            return candidate
    return None


def hurt_recently(user, exercise, day: date, *, besides: SessionLog, window_days: int) -> bool:
    """Whether `exercise` was stopped because it hurt in another session within
    `window_days` of `day`."""
    return (
        ExerciseCheck.objects.filter(
            session__owner=user,
            exercise=exercise,
            status=ExerciseCheck.Status.HURT,
            session__date__gte=day - timedelta(days=window_days),
            session__date__lte=day + timedelta(days=window_days),
        )
        .exclude(session=besides)
        .exists()
    )
