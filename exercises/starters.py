"""Ready-made starter routines: what each one asks of you, and copying one into a plan.

The starters themselves are content (content.STARTERS); this module turns them into what
the starters page shows — the days, each exercise at the starter's dose, the total time
(the same estimate a routine shows) and the level — and copies one into a user's plan.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from . import content
from .models import (
    WEEKDAY_NAMES,
    Exercise,
    Routine,
    RoutineItem,
    dose_label,
    estimated_minutes,
    weekday_mask,
)

LEVEL_ORDER = list(Exercise.Level)


@dataclass(frozen=True)
class StarterItem:
    exercise: Exercise
    sets: int
    reps: int | None
    hold_seconds: int | None

    @property
    def dose_label(self) -> str:
        return dose_label(self.sets, self.reps, self.hold_seconds, self.exercise.per_side)

    @property
    def minutes(self) -> int:
        return estimated_minutes(self.exercise, self.sets, self.reps, self.hold_seconds)


@dataclass(frozen=True)
class Starter:
    slug: str
    name: str
    why: str
    weekdays: list[int]
    time_hint: str | None
    items: list[StarterItem]

    @property
    def days(self) -> list[str]:
        return [WEEKDAY_NAMES[day] for day in self.weekdays]

    @property
    def minutes(self) -> int:
        """About how long one session takes: the sum of its exercises' estimates."""
        return sum(item.minutes for item in self.items)

    @property
    def hardest_level(self) -> str:
        return max((item.exercise.level for item in self.items), key=LEVEL_ORDER.index)

    @property
    def level(self) -> str:
        """ "Gentle", or a range up to its hardest exercise ("Gentle to moderate"), so
        nobody is surprised by one of them."""
        easiest = min((item.exercise.level for item in self.items), key=LEVEL_ORDER.index)
        hardest = self.hardest_level
        if easiest == hardest:
            return Exercise.Level(hardest).label
        return f"{Exercise.Level(easiest).label} to {Exercise.Level(hardest).label.lower()}"

    def is_on(self, day: date) -> bool:
        return day.weekday() in self.weekdays


def all_starters(exercises: dict[str, Exercise] | None = None) -> list[Starter]:
    """Every starter with its exercises, from one query (or the exercises given by slug).
    A starter whose exercise is missing from the catalog (removed in the admin) is left
    out rather than offered with a gap."""
    if exercises is None:
        exercises = {e.slug: e for e in Exercise.objects.all()}
    return [
        Starter(
            slug=entry["slug"],
            name=entry["name"],
            why=entry["why"],
            weekdays=sorted(entry["weekdays"]),
            time_hint=entry["time_hint"],
            items=[
                StarterItem(
                    exercises[item["exercise"]], item["sets"], item["reps"], item["hold_seconds"]
                )
                for item in entry["items"]
            ],
        )
        for entry in content.STARTERS
        if all(item["exercise"] in exercises for item in entry["items"])
    ]


def find(slug: str) -> Starter | None:
    return next((s for s in all_starters() if s.slug == slug), None)


def _unique_name(owner, name: str) -> str:
    taken = set(Routine.objects.for_user(owner).values_list("name", flat=True))
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name} ({number})", number + 1
    return candidate


def copy_to_plan(owner, starter: Starter) -> Routine:
    """A new routine of the owner's, a copy of the starter they can change freely."""
    with transaction.atomic():
        routine = Routine.objects.create(
            owner=owner,
            name=_unique_name(owner, starter.name),
            weekdays=weekday_mask(starter.weekdays),
            time_of_day=starter.time_hint,
        )
        RoutineItem.objects.bulk_create(
            RoutineItem(
                routine=routine,
                exercise=item.exercise,
                position=position,
                sets=item.sets,
                reps=item.reps,
                hold_seconds=item.hold_seconds,
            )
            for position, item in enumerate(starter.items)
        )
    return routine
