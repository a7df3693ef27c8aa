"""A user's weekly plan: as the plan page shows it, the small-step suggestions, the
flare-up plan, the easier and harder versions an item can swap to, and adding an
exercise to it from the catalog.

Page data assembled from a few queries; the rules themselves are in progress.py and
flare_up.py.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Q

from . import flare_up, progress
from .models import (
    WEEKDAY_NAMES,
    Exercise,
    ExerciseCheck,
    Routine,
    RoutineItem,
    SessionLog,
    weekday_mask,
)


def routines_with_items(user) -> list[Routine]:
    return list(Routine.objects.for_user(user).with_items().order_by("position", "id"))


def week_days(profile, routines: list[Routine], today: date) -> list[dict]:
    """The seven days in the user's week order, each with the active routines on it."""
    days = []
    for weekday in profile.week_order():
        on_day = sorted(
            (r for r in routines if r.active and r.is_on(weekday)),
            key=lambda r: (r.time_of_day is None, r.time_of_day or 0, r.position, r.pk),
        )
        days.append(
            {
                "weekday": weekday,
                "name": WEEKDAY_NAMES[weekday],
                "is_today": weekday == today.weekday(),
                "routines": on_day,
                "minutes": sum(r.estimated_minutes() for r in on_day),
            }
        )
    return days


def paused_because_it_hurt(routines: list[Routine]) -> list[RoutineItem]:
    return [
        item
        for routine in routines
        for item in routine.items.all()
        if item.paused and item.pause_reason == RoutineItem.PauseReason.HURT
    ]


def progression_suggestions(
    user, profile, routines: list[Routine], today: date, flare=None
) -> list[tuple]:
    """(item, suggestion) pairs for the items that pass the pain-gated rule in progress.py,
    from two queries over the window's checks and finished sessions. None during a
    flare-up or the week after it (`flare`, a flare_up.FlareState for today)."""
    if flare is not None and flare.progression_paused_until:
        return []
    since = today - timedelta(days=progress.PROGRESSION_WINDOW_DAYS)
    checks = ExerciseCheck.objects.filter(
        session__owner=user, session__date__gte=since, session__date__lt=today
    ).values_list("session__routine_id", "exercise_id", "status", "session__date")
    done, hurt = defaultdict(set), defaultdict(set)
    for routine_id, exercise_id, status, day in checks:
        (done if status == ExerciseCheck.Status.DONE else hurt)[(routine_id, exercise_id)].add(day)
        if status == ExerciseCheck.Status.HURT:
            hurt[(None, exercise_id)].add(day)
    pains = defaultdict(list)
    for routine_id, before, after in (
        SessionLog.objects.for_user(user)
        .filter(date__gte=since, date__lt=today, finished_at__isnull=False)
        .values_list("routine_id", "pain_before", "pain_after")
    ):
        pains[routine_id].append((before, after))
    result = []
    for routine in routines:
        if not routine.active:
            continue
        plan = progress.RoutinePlan(
            routine.pk, routine.weekdays, routine.created_at.astimezone(profile.zone).date()
        )
        for item in routine.active_items():
            key = (routine.pk, item.exercise_id)
            if not progress.ready_to_progress(
                plan,
                today,
                done[key],
                hurt[key] | hurt[(None, item.exercise_id)],
                pains[routine.pk],
                item.progression_dismissed_on,
            ):
                continue
            step = progress.next_step(item, item.exercise)
            if step:
                result.append((item, step))
    return result


def flare_up_plan(routines: list[Routine], flare) -> list[tuple[Routine, flare_up.RoutinePlan]]:
    """What each active routine offers while flare-up mode is on (empty when it is off)."""
    if not flare.on:
        return []
    active = [r for r in routines if r.active and r.active_items()]
    starter = flare_up.starter_exercises() if flare_up.needs_starter(active, flare) else None
    return [
        (routine, flare_up.routine_plan(routine.active_items(), flare, starter))
        for routine in active
    ]


# Easier first, then the exercise itself, then harder.
_FAMILY_ORDER = {Exercise.VersionKind.EASIER: 0, "": 1, Exercise.VersionKind.HARDER: 2}


def version_families() -> dict[int, list[Exercise]]:
    """Each exercise that has versions, or is one, mapped to its whole family (easier,
    the exercise, harder), from one query."""
    members = Exercise.objects.filter(
        Q(version_of__isnull=False) | Q(versions__isnull=False)
    ).distinct()
    by_base = defaultdict(list)
    for exercise in members:
        by_base[exercise.version_of_id or exercise.pk].append(exercise)
    families = {}
    for family in by_base.values():
        family.sort(key=lambda e: _FAMILY_ORDER[e.version_kind])
        for exercise in family:
            families[exercise.pk] = family
    return families


def add_exercise(owner, exercise, *, routine: Routine | None, new_name: str, days, dose: dict):
    """Put `exercise` in `routine` (or in a new routine called `new_name`), at `dose`;
    ticked `days` join the routine's schedule. One transaction: all of it or nothing.
    Raises IntegrityError when the exercise is already in that routine."""
    with transaction.atomic():
        if routine is None:
            routine = Routine.objects.create(
                owner=owner, name=new_name.strip(), weekdays=weekday_mask(days)
            )
        elif days:
            routine.weekdays |= weekday_mask(days)
            routine.save(update_fields=["weekdays"])
        return RoutineItem.objects.create(
            routine=routine,
            exercise=exercise,
            position=routine.next_position(),
            sets=dose["sets"],
            reps=dose.get("reps"),
            hold_seconds=dose.get("hold_seconds"),
        )


def lock_routine_of(user, item_id) -> None:
    """Inside transaction.atomic: lock the routine that holds the user's item until the
    transaction ends; RoutineItem.DoesNotExist if they have no such item. Every change
    to a routine or its items locks the routine first, so all take locks in one order
    (see `lock_for_removal`).

    Only PostgreSQL needs it (SELECT ... FOR UPDATE OF the routine's row): without row
    locks (SQLite) the IMMEDIATE transaction itself holds the database's one write lock
    from its first statement, so what it reads next is already settled."""
    if not connection.features.has_select_for_update:
        return
    routine = Routine.objects.filter(owner=user, items=item_id).order_by()
    if not routine.select_for_update(of=("self",)).values_list("pk", flat=True):
        raise RoutineItem.DoesNotExist


def lock_for_removal(items) -> None:
    """Inside transaction.atomic, before deleting `items` (a queryset of routine items,
    their routine locked already): lock the checks that name them, then the items.

    A tick takes no lock of its own: its write locks its check row, and when it commits
    the database's foreign key check takes a share lock on the item. Locking in the same
    order here (checks, then items) means a tick racing a removal either lands first and
    has its check detached with the others, or waits and is refused by the foreign key;
    never a deadlock, and never a check left naming a deleted item. No-ops on SQLite,
    where a write transaction holds the whole database."""
    list(ExerciseCheck.objects.filter(item__in=items).select_for_update().values_list("pk"))
    list(items.select_for_update().values_list("pk"))


def undo_add(item: RoutineItem) -> None:
    """Take an item out again; a routine left empty with no logged sessions goes too,
    since nothing of it would be lost."""
    routine = item.routine
    with transaction.atomic():
        lock_for_removal(RoutineItem.objects.filter(pk=item.pk))
        item.delete()
        if not routine.items.exists() and not routine.session_logs.exists():
            routine.delete()
        else:
            routine.renumber()


def in_plan(user, exercise) -> list[RoutineItem]:
    """The user's routine items for this exercise, with their routines."""
    return list(
        RoutineItem.objects.filter(routine__owner=user, exercise=exercise)
        .select_related("routine", "exercise")
        .order_by("routine__position", "routine_id")
    )
