"""The guided session player's data: one routine on one day as a list of steps.

A step is one exercise at the dose to do today: the routine's own dose, or in flare-up
mode the eased dose of its gentle exercises (or the gentle starter set when nothing in it
is gentle), as `flare_up.routine_plan` decides. The page, its no-JavaScript step-through
and the JSON block the player script reads all come from the same steps, built in a
constant number of queries whatever the number of exercises.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from . import flare_up
from .models import ExerciseCheck, Routine, SessionLog

# Spoken doses read better in words; bigger numbers stay digits, which speech reads fine.
NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def say_number(number: int) -> str:
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)


def spoken_dose(dose: flare_up.Dose) -> str:
    """ "Two sets of ten", "One hold of twenty seconds, each side"."""
    sets = dose.sets
    if dose.hold_seconds:
        text = f"{say_number(sets)} {'hold' if sets == 1 else 'holds'} of "
        text += f"{say_number(dose.hold_seconds)} seconds"
    else:
        text = f"{say_number(sets)} {'set' if sets == 1 else 'sets'} of {say_number(dose.reps)}"
    if dose.per_side:
        text += ", each side"
    return text[0].upper() + text[1:]


@dataclass(frozen=True)
class Step:
    number: int  # 1-based, as in ?step=N
    exercise: object
    dose: flare_up.Dose
    status: str | None  # "done", "hurt" or None
    item: object = None  # the routine item; None for an exercise of the starter set
    eased: bool = False  # eased for flare-up mode
    starter: bool = False  # from the gentle starter set

    @property
    def finished(self) -> bool:
        return self.status is not None

    @property
    def speech(self) -> str:
        return f"{self.exercise.name}. {spoken_dose(self.dose)}."

    def urls(self, day: date, routine: Routine) -> dict[str, str]:
        """The endpoints Today uses to tick it and to say it hurt."""
        if self.starter:
            args = [day, routine.pk, self.exercise.slug]
            return {
                "check": reverse("exercises:gentle_check", args=args),
                "hurt": reverse("exercises:gentle_hurt", args=args),
            }
        return {
            "check": reverse("exercises:check", args=[day, self.item.pk]),
            "hurt": reverse("exercises:hurt", args=[day, self.item.pk]),
        }


def _dose_of(item) -> flare_up.Dose:
    return flare_up.Dose(item.sets, item.reps, item.hold_seconds, item.exercise.per_side)


@dataclass(frozen=True)
class Session:
    """One routine's steps on a day, what is resting, and the session so far."""

    routine: Routine
    day: date
    flare: flare_up.FlareState
    steps: list[Step]
    resting: list
    log: SessionLog | None

    @property
    def first_unfinished(self) -> int:
        """The number of the first step neither done nor stopped; past the end when all are."""
        return next((s.number for s in self.steps if not s.finished), len(self.steps) + 1)

    def step_for(self, exercise_id: int) -> Step | None:
        return next((s for s in self.steps if s.exercise.pk == exercise_id), None)

    def data(self, settings: dict) -> dict:
        """What the player script reads (json_script)."""
        return {
            "settings": settings,
            "start": self.first_unfinished - 1,
            "steps": [
                {
                    "name": step.exercise.name,
                    "dose": step.dose.label,
                    "sets": step.dose.sets,
                    "reps": step.dose.reps,
                    "hold": step.dose.hold_seconds,
                    "perSide": step.dose.per_side,
                    "status": step.status,
                    "speech": step.speech,
                    **step.urls(self.day, self.routine),
                }
                for step in self.steps
            ],
        }


def build(user, routine: Routine, day: date) -> Session:
    """The steps of `routine` (with its items prefetched) for `user` on `day`."""
    flare = flare_up.state(user, day)
    items = routine.active_items()
    starter = None
    if flare_up.needs_starter([routine], flare):
        starter = flare_up.starter_exercises()
    plan = flare_up.routine_plan(items, flare, starter)
    log = (
        SessionLog.objects.filter(owner=user, routine=routine, date=day)
        .prefetch_related("checks")
        .first()
    )
    statuses = {c.exercise_id: c.status for c in log.checks.all()} if log else {}
    steps = []
    for item, eased in plan.rows:
        steps.append(
            Step(
                number=len(steps) + 1,
                exercise=item.exercise,
                dose=eased or _dose_of(item),
                status=statuses.get(item.exercise_id),
                item=item,
                eased=eased is not None,
            )
        )
    for exercise, dose in plan.starter:
        steps.append(
            Step(
                number=len(steps) + 1,
                exercise=exercise,
                dose=dose,
                status=statuses.get(exercise.pk),
                starter=True,
            )
        )
    return Session(routine, day, flare, steps, plan.resting, log)


def player_settings(profile) -> dict:
    """The user's timings and cues, for the player script."""
    return {
        "getReady": profile.get_ready_seconds,
        "rest": profile.rest_seconds,
        "switchSides": profile.switch_sides_seconds,
        "repSeconds": profile.rep_seconds,
        "countReps": profile.count_reps,
        "autoAdvance": profile.auto_advance,
        "tones": profile.cue_tones,
        "speech": profile.cue_speech,
        "vibration": profile.cue_vibration,
    }


def record_done(user, session: Session, step: Step) -> None:
    """Tick one step, as Today's tick does (idempotent: the same tick twice is one row)."""
    log = session.log or SessionLog.for_routine_on(user, session.routine, session.day)
    log.set_check(step.exercise, ExerciseCheck.Status.DONE, item=step.item)
