"""Flare-up mode: a few days of gentler exercise when back pain is worse than usual.

The rules (the page at /flare-up/ explains them in plain words):
- It is on from the local day it starts for the number of days chosen (1 to 14), and it
  ends by itself after the last of them; the user can end it sooner.
- While it is on, each routine offers only its gentle exercises, at an eased dose
  (`ease`: one set fewer, half the reps, about half the hold, never more than usual);
  the others rest. A routine with no gentle exercise offers the gentle starter set.
- Suggestions to do more pause while it is on and for a week after it ends.
- Ticks are recorded as usual; History marks its days, and they never break a streak.

For the guided player, or any page that shows a routine on a day:

    flare = flare_up.state(user, day)        # one query
    flare.on, flare.until                    # "Flare-up mode (until …)"
    flare.ease(item)                         # the eased Dose, or None when not eased
    flare_up.routine_plan(routine.active_items(), flare, flare_up.starter_exercises())
                                             # rows to do (item, dose), resting, starter set
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction

from . import content
from .models import Exercise, FlareUp, dose_label

PROGRESSION_PAUSE_DAYS = 7
MIN_EASED_REPS = 3
MIN_EASED_HOLD = 10  # seconds
HOLD_STEP = 5  # eased holds round up to whole steps of five seconds


@dataclass(frozen=True)
class Dose:
    sets: int
    reps: int | None
    hold_seconds: int | None
    per_side: bool = False

    @property
    def label(self) -> str:
        return dose_label(self.sets, self.reps, self.hold_seconds, self.per_side)


def ease(sets: int, reps: int | None, hold_seconds: int | None) -> tuple:
    """The flare-up dose: one set fewer (at least one), half the reps rounded up (at least
    3), and half the hold rounded up to 5 seconds (at least 10): never more than usual."""
    eased_sets = max(1, sets - 1)
    eased_reps = None if reps is None else min(reps, max(MIN_EASED_REPS, math.ceil(reps / 2)))
    eased_hold = None
    if hold_seconds is not None:
        half = HOLD_STEP * math.ceil(hold_seconds / 2 / HOLD_STEP)
        eased_hold = min(hold_seconds, max(MIN_EASED_HOLD, half))
    return eased_sets, eased_reps, eased_hold


@dataclass(frozen=True)
class FlareState:
    """Flare-up mode as it stands on one day."""

    day: date
    flare: FlareUp | None = None  # the spell that covers `day`, if any
    latest_final_day: date | None = None  # the last flare-up day on or before `day`

    @property
    def on(self) -> bool:
        return self.flare is not None

    @property
    def until(self) -> date | None:
        """The last day of the spell that is on."""
        return self.flare.final_day if self.flare else None

    @property
    def progression_paused_until(self) -> date | None:
        """The last day suggestions to do more stay paused, or None when they aren't."""
        if self.latest_final_day is None:
            return None
        until = self.latest_final_day + timedelta(days=PROGRESSION_PAUSE_DAYS)
        return until if self.day <= until else None

    def offers(self, exercise: Exercise) -> bool:
        return not self.on or exercise.is_gentle

    def ease(self, item) -> Dose | None:
        """The eased dose of a routine item while flare-up mode is on; None otherwise."""
        if not self.on or not item.exercise.is_gentle:
            return None
        return Dose(*ease(item.sets, item.reps, item.hold_seconds), item.exercise.per_side)


def state(user, day: date) -> FlareState:
    """Flare-up mode on `day` for `user`, from one query over the spells near it."""
    spells = FlareUp.objects.filter(
        owner=user,
        start__lte=day,
        last_day__gte=day - timedelta(days=PROGRESSION_PAUSE_DAYS),
    )
    covering, latest = None, None
    for spell in spells:
        if spell.covers(day):
            covering = spell
        final = min(spell.final_day, day)
        if final >= spell.start and (latest is None or final > latest):
            latest = final
    return FlareState(day=day, flare=covering, latest_final_day=latest)


@dataclass
class RoutinePlan:
    """One routine's exercises on a day: what to do (item, eased dose or None), what is
    resting, and the starter set offered instead when nothing in it is gentle."""

    rows: list = field(default_factory=list)
    resting: list = field(default_factory=list)
    starter: list = field(default_factory=list)  # (exercise, dose)


def starter_exercises() -> dict[str, Exercise]:
    slugs = [entry["exercise"] for entry in content.FLARE_UP_STARTER]
    return {e.slug: e for e in Exercise.objects.filter(slug__in=slugs)}


def starter_set(exercises: dict[str, Exercise]) -> list[tuple[Exercise, Dose]]:
    """The gentle starter set at its own (already gentle) dose, in content order."""
    result = []
    for entry in content.FLARE_UP_STARTER:
        exercise = exercises.get(entry["exercise"])
        if exercise is not None:
            dose = Dose(entry["sets"], entry["reps"], entry["hold_seconds"], exercise.per_side)
            result.append((exercise, dose))
    return result


def routine_plan(items, flare: FlareState, starter: dict[str, Exercise] | None) -> RoutinePlan:
    """Split a routine's unpaused items for the day. Off: everything, as planned."""
    if not flare.on:
        return RoutinePlan(rows=[(item, None) for item in items])
    gentle = [item for item in items if item.exercise.is_gentle]
    resting = [item for item in items if not item.exercise.is_gentle]
    if gentle:
        return RoutinePlan(rows=[(item, flare.ease(item)) for item in gentle], resting=resting)
    return RoutinePlan(resting=resting, starter=starter_set(starter or {}))


def needs_starter(routines, flare: FlareState) -> bool:
    """Whether any of these routines will need the starter set (so it is worth loading)."""
    return flare.on and any(
        items and not any(item.exercise.is_gentle for item in items)
        for items in (routine.active_items() for routine in routines)
    )


# --- Starting and ending ----------------------------------------------------------------------


def start(user, today: date, days: int) -> FlareUp:
    """Turn flare-up mode on for `days` days from today. Pressing it again while it is on
    sets a new last day; the same press twice leaves one spell."""
    last_day = today + timedelta(days=days - 1)
    current = state(user, today).flare
    if current is not None:
        FlareUp.objects.filter(pk=current.pk).update(last_day=last_day, ended_on=None)
        current.refresh_from_db()
        return current
    try:
        with transaction.atomic():
            spell, created = FlareUp.objects.get_or_create(
                owner=user, start=today, defaults={"last_day": last_day}
            )
    except IntegrityError:  # a concurrent press created it
        spell, created = FlareUp.objects.get(owner=user, start=today), False
    if not created:  # one that was started and ended earlier today
        FlareUp.objects.filter(pk=spell.pk).update(last_day=last_day, ended_on=None)
        spell.refresh_from_db()
    return spell


def end(user, today: date) -> FlareUp | None:
    """Turn flare-up mode off from today; None when it wasn't on."""
    current = state(user, today).flare
    if current is None:
        return None
    FlareUp.objects.filter(pk=current.pk).update(ended_on=today)
    current.refresh_from_db()
    return current


def days_between(user, first: date, last: date) -> set[date]:
    """The days from `first` to `last` on which flare-up mode was on, from one query."""
    days = set()
    for spell in FlareUp.objects.filter(owner=user, start__lte=last, last_day__gte=first):
        day = max(spell.start, first)
        while day <= min(spell.final_day, last):
            days.add(day)
            day += timedelta(days=1)
    return days


def spells_since(user, since: date) -> list[FlareUp]:
    """Spells that were on at some point from `since`, oldest first (for the summary)."""
    spells = FlareUp.objects.filter(owner=user, last_day__gte=since).order_by("start")
    return [spell for spell in spells if spell.final_day >= max(spell.start, since)]
