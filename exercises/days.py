"""One day of a user's plan: what is scheduled, what is ticked, and whether it may be logged.

Page data for Today and `/day/<date>/`, assembled in a constant number of queries
whatever the number of routines or logs. The views only translate HTTP to these calls.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Prefetch
from django.urls import reverse

from . import flare_up, planning
from .cache import catalog_version, plan_version
from .models import ActivityLog, Exercise, ExerciseCheck, Routine, RoutineItem, SessionLog


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


def runs_on(weekdays: int, day: date, *, started: bool) -> bool:
    """Whether an active routine is on `day`: the day is one of its weekdays, or a
    session of it was started that day anyway ("Start today anyway", or before its days
    were changed)."""
    return started or bool(weekdays & (1 << day.weekday()))


# The shape of DayChecks' one query, built once: a tick runs it on every request, and
# building it (the join, the columns) costs more than PostgreSQL's answer. QuerySets are
# immutable, so each filter() below is a fresh copy; this one is never evaluated.
_DAY_CHECK_ROWS = (
    SessionLog.objects.filter(routine__isnull=False)
    .order_by()
    .values_list("pk", "routine_id", "checks__pk", "checks__exercise_id", "checks__status")
)


@dataclass
class DayChecks:
    """What is recorded on one day: the session of each routine started that day, and
    each exercise's status ("done", "hurt") in it."""

    sessions: dict[int, int] = field(default_factory=dict)  # routine id -> session id
    statuses: dict[tuple[int, int], str] = field(default_factory=dict)  # (routine, exercise)
    ids: dict[tuple[int, int], int] = field(default_factory=dict)  # (routine, exercise)

    @classmethod
    def of(cls, user, day: date) -> "DayChecks":
        """From one query over the day's routine sessions and their checks."""
        rows = _DAY_CHECK_ROWS.filter(owner_id=user.pk, date=day)
        checks = cls()
        for session_id, routine_id, check_id, exercise_id, status in rows:
            checks.sessions[routine_id] = session_id
            if check_id is not None:
                checks.statuses[routine_id, exercise_id] = status
                checks.ids[routine_id, exercise_id] = check_id
        return checks

    def check_id(self, item: RoutineItem) -> int | None:
        """The id of `item`'s check on this day, if it has one."""
        return self.ids.get((item.routine_id, item.exercise_id))

    def record(self, session_id: int, item: RoutineItem, status: str | None) -> None:
        """Note a check just written for `item`, so the counts include it."""
        self.sessions[item.routine_id] = session_id
        key = (item.routine_id, item.exercise_id)
        if status is None:
            self.statuses.pop(key, None)
            self.ids.pop(key, None)
        else:
            self.statuses[key] = status


@dataclass(frozen=True)
class RowUrls:
    """Where one row of a day page sends its tick and its "This hurt", and its "How to do
    it" link."""

    check: str
    hurt: str
    detail: str

    @classmethod
    def of(cls, day: date, item: RoutineItem) -> "RowUrls":
        return cls(
            reverse("exercises:check", args=[day, item.pk]),
            reverse("exercises:hurt", args=[day, item.pk]),
            item.exercise.get_absolute_url(),
        )


def row(day: date, item: RoutineItem, status, eased, urls: RowUrls | None = None) -> dict:
    """One exercise row of a day page, as its template reads it."""
    return {
        "item": item,
        "status": status,
        "eased": eased,
        "urls": urls or RowUrls.of(day, item),
    }


@dataclass
class DayPlan:
    """What a user's plan holds on one day: every item of their routines, with its routine
    and exercise, and flare-up mode as it stands that day.

    A tick only reads these, so `of` keeps them cached under the user's plan version and
    the catalog version, which every change to a routine, an item, a flare-up or an
    exercise moves: a tick finds its item (ownership included), its eased dose and the
    day's items without a query. `read` is the same from the database, for a request that
    has just changed the plan itself."""

    items: dict[int, RoutineItem]  # item id -> item
    flare: flare_up.FlareState
    # item id -> its row's URLs on this day, in the cached plan only: reversing them cost
    # a tick more than the rest of its row did.
    urls: dict[int, RowUrls] = field(default_factory=dict)

    @classmethod
    def of(cls, user, day: date) -> "DayPlan":
        key = ":".join(
            ["day-plan", str(user.pk), plan_version(user.pk), catalog_version(), day.isoformat()]
        )
        plan = cache.get(key)
        if plan is None:
            plan = cls.read(user, day)
            plan.urls = {pk: RowUrls.of(day, item) for pk, item in plan.items.items()}
            cache.set(key, plan, settings.PAGE_CACHE_SECONDS)
        return plan

    @classmethod
    def read(cls, user, day: date) -> "DayPlan":
        items = list(
            RoutineItem.objects.filter(routine__owner=user).select_related("routine").order_by()
        )
        # One copy of each exercise, however many routines hold it.
        exercises = Exercise.objects.in_bulk({item.exercise_id for item in items})
        for item in items:
            item.exercise = exercises[item.exercise_id]
        return cls({item.pk: item for item in items}, flare_up.state(user, day))

    def scheduled(self, day: date, checks: DayChecks) -> list[RoutineItem]:
        """The items the day page lists outside flare-up mode: unpaused, in an active
        routine that is on `day`."""
        return [
            item
            for item in self.items.values()
            if item.routine.active
            and not item.paused
            and runs_on(item.routine.weekdays, day, started=item.routine_id in checks.sessions)
        ]


def write_check(user, day: date, item: RoutineItem, status, checks: DayChecks) -> None:
    """Store what a tick asks for `item` on `day` (status None clears its check), and
    note it in `checks`, the day's checks as just read. Raises IntegrityError or
    RoutineItem.DoesNotExist, having stored nothing, when the item (or its routine) was
    removed since the plan was read: the database checks the check's foreign keys as the
    write commits, and a removal locks the rows it deletes first, so a tick racing one
    waits for it and then fails."""
    session_id = checks.sessions.get(item.routine_id)
    if session_id is None:  # the day's first tick of this routine starts its session
        with transaction.atomic():
            planning.lock_routine_of(user, item.pk)  # the routine first, as every change
            session_id = SessionLog.for_routine_on(user, item.routine, day).pk
            ExerciseCheck.set(session_id, item.exercise, status, item=item)
    else:  # one statement, no transaction of ours
        check_id = checks.check_id(item)
        ExerciseCheck.set_as_read(check_id, session_id, item.exercise, status, item)
    checks.record(session_id, item, status)


def day_progress(
    user, day: date, *, plan: DayPlan | None = None, checks: DayChecks | None = None
) -> tuple[int, int]:
    """(done, total) over the day's scheduled items, as the day page counts them. In
    flare-up mode the page lists other rows (gentle items, the starter set), so it is
    counted from the same page data. `plan` and `checks` save queries when the caller has
    them."""
    plan = plan if plan is not None else DayPlan.read(user, day)
    if plan.flare.on:
        page = build_day(user, day, flare=plan.flare)
        return page["done"], page["total"]
    checks = checks if checks is not None else DayChecks.of(user, day)
    scheduled = plan.scheduled(day, checks)
    done = sum(
        1
        for item in scheduled
        if checks.statuses.get((item.routine_id, item.exercise_id)) == ExerciseCheck.Status.DONE
    )
    return done, len(scheduled)


def build_day(user, day: date, flare: flare_up.FlareState | None = None) -> dict:
    """Everything a day page lists: a block per scheduled routine with its rows (item,
    status and, in flare-up mode, the eased dose), the day's quick sessions and other
    activities, and the progress totals. In flare-up mode a block also lists what is
    resting, or the gentle starter set when the routine has nothing gentle."""
    flare = flare if flare is not None else flare_up.state(user, day)
    sessions = list(
        SessionLog.objects.for_user(user)
        .filter(date=day)
        .prefetch_related(
            Prefetch("checks", queryset=ExerciseCheck.objects.select_related("exercise"))
        )
    )
    by_routine = {s.routine_id: s for s in sessions if s.routine_id}
    routines = [
        routine
        for routine in Routine.objects.for_user(user).active().with_items()
        if runs_on(routine.weekdays, day, started=routine.pk in by_routine)
    ]
    starter = flare_up.starter_exercises() if flare_up.needs_starter(routines, flare) else None
    blocks, total, done = [], 0, 0
    for routine in routines:
        session = by_routine.get(routine.pk)
        statuses = {c.exercise_id: c.status for c in session.checks.all()} if session else {}
        items = routine.active_items()
        if not items:
            continue
        plan = flare_up.routine_plan(items, flare, starter)
        rows = [row(day, item, statuses.get(item.exercise_id), eased) for item, eased in plan.rows]
        gentle_rows = [
            {
                "routine": routine,
                "exercise": exercise,
                "dose": dose,
                "status": statuses.get(exercise.pk),
            }
            for exercise, dose in plan.starter
        ]
        counted = rows + gentle_rows
        block_done = sum(1 for row in counted if row["status"] == ExerciseCheck.Status.DONE)
        total += len(counted)
        done += block_done
        blocks.append(
            {
                "routine": routine,
                "session": session,
                "rows": rows,
                "gentle_rows": gentle_rows,
                "resting": plan.resting,
                "done": block_done,
            }
        )
    return {
        "day": day,
        "flare": flare,
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


def repeated_hurt_at(user, today: date, *, window_days: int) -> datetime | None:
    """When an exercise last hurt for a second time within `window_days` (in two different
    sessions), or None: the moment to offer flare-up mode and show the warning signs."""
    rows = (
        ExerciseCheck.objects.filter(
            session__owner=user,
            status=ExerciseCheck.Status.HURT,
            session__date__gte=today - timedelta(days=window_days),
            session__date__lte=today,
        )
        .values("exercise")
        .annotate(sessions=Count("session", distinct=True), latest=Max("checked_at"))
    )
    times = [row["latest"] for row in rows if row["sessions"] >= 2]
    return max(times) if times else None
