"""BackCare's data: the exercise catalog and each user's plan, sessions and activities.

Integrity lives in the database (unique and check constraints); forms repeat the same
rules to give people a friendly message, and the database has the last word.
"""

import secrets
import zoneinfo
from contextlib import nullcontext
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from . import search

WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ALL_WEEKDAYS = 0b1111111

# Safe dose ranges: the one home of these numbers. Validators, check constraints, form
# messages and the widgets' min/max all come from here.
SETS_RANGE = (1, 10)
REPS_RANGE = (1, 50)
HOLD_RANGE = (5, 300)
PAIN_RANGE = (0, 10)
EFFORT_RANGE = (1, 5)
WEEKLY_GOAL_RANGE = (1, 21)
ACTIVITY_MINUTES_RANGE = (1, 600)
EXERCISE_MINUTES_RANGE = (1, 60)
FLARE_UP_DAYS_RANGE = (1, 14)
# The guided player's timings, in seconds. Each range reaches ten times its default, so
# anyone who needs more time can have it (WCAG 2.2.1, timing adjustable).
GET_READY_RANGE = (3, 50)
REST_RANGE = (5, 300)
SWITCH_SIDES_RANGE = (3, 50)
REP_SECONDS_RANGE = (1, 30)

# Every table's id is a BigAutoField: a positive BIGINT, so at most 2**63 - 1 in every
# database Django supports. A larger number from a request is no id at all.
MAX_ID = 2**63 - 1


def range_validators(bounds: tuple[int, int]) -> list:
    low, high = bounds
    return [MinValueValidator(low), MaxValueValidator(high)]


def in_range(field: str, bounds: tuple[int, int]) -> Q:
    low, high = bounds
    return Q(**{f"{field}__gte": low, f"{field}__lte": high})


def weekday_mask(days) -> int:
    """Bit mask of weekday numbers (0 = Monday … 6 = Sunday)."""
    mask = 0
    for day in days:
        mask |= 1 << int(day)
    return mask


def weekdays_from_mask(mask: int) -> list[int]:
    return [day for day in range(7) if mask & (1 << day)]


def schedule_label(mask: int) -> str:
    named = {ALL_WEEKDAYS: "Every day", 0b0011111: "Weekdays", 0b1100000: "Weekends"}
    if mask in named:
        return named[mask]
    if not mask:
        return "No days chosen"
    return ", ".join(WEEKDAY_NAMES[day][:3] for day in weekdays_from_mask(mask))


def save_existing(instance: models.Model, fields) -> bool:
    """Write `fields` of `instance` to its row with one UPDATE, and say whether the row
    was still there. Unlike save(), which inserts when its UPDATE finds no row (or fails,
    with update_fields), this never brings back a row deleted a moment ago."""
    values = {name: getattr(instance, name) for name in fields}
    return type(instance)._default_manager.filter(pk=instance.pk).update(**values) > 0


# --- Catalog ----------------------------------------------------------------------------------


class Focus(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "focus areas"

    def __str__(self) -> str:
        return self.name


class Benefit(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=60)
    text = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ExerciseQuerySet(models.QuerySet):
    def listed(self):
        """The catalog's own exercises; easier and harder versions live on their pages."""
        return self.filter(version_of__isnull=True)

    def for_cards(self):
        return self.prefetch_related("focus")

    def search(self, *, q="", focus="", kind="", level="", equipment=""):
        """The catalog's combinable filters; unknown values simply match nothing. Each
        word of `q` must match something about the exercise: its name, summary, text or
        focus, or its kind, level or equipment, spelled roughly right."""
        result = self.listed()
        asked = search.words(q)[:8]
        if asked:
            vocabulary = self._search_vocabulary()
            for word in asked:
                match = Q(pk__in=[])
                for spelling in search.spellings(word, vocabulary):
                    match |= (
                        Q(name__icontains=spelling)
                        | Q(summary__icontains=spelling)
                        | Q(why__icontains=spelling)
                        | Q(focus__name__icontains=spelling)
                    )
                match |= Q(kind__in=search.matching_choices(word, Exercise.Kind.choices))
                match |= Q(level__in=search.matching_choices(word, Exercise.Level.choices))
                match |= Q(equipment__in=search.matching_choices(word, Exercise.Equipment.choices))
                result = result.filter(match)
        if focus:
            result = result.filter(focus__slug=focus)
        if kind:
            result = result.filter(kind=kind)
        if level:
            result = result.filter(level=level)
        if equipment:
            result = result.filter(equipment=equipment)
        if asked or focus:
            result = result.distinct()
        return result

    def _search_vocabulary(self) -> set[str]:
        """Every word of the catalog's names, summaries and focus areas (one query)."""
        rows = Exercise.objects.listed().values_list("name", "summary", "focus__name")
        return {word for row in rows for text in row if text for word in search.words(text)}


class Exercise(models.Model):
    class Kind(models.TextChoices):
        STRETCH = "stretch", "Stretch"
        STRENGTH = "strength", "Strength"
        MOBILITY = "mobility", "Mobility"

    class Level(models.TextChoices):
        GENTLE = "gentle", "Gentle"
        MODERATE = "moderate", "Moderate"
        CHALLENGING = "challenging", "Challenging"

    class Equipment(models.TextChoices):
        NONE = "none", "No equipment"
        MAT = "mat", "Mat or soft floor"
        WALL = "wall", "A wall"
        CHAIR = "chair", "A sturdy chair"

    class VersionKind(models.TextChoices):
        EASIER = "easier", "Easier"
        HARDER = "harder", "Harder"

    LINES_HELP = "One per line."

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)
    summary = models.CharField(max_length=160)
    why = models.TextField("why it helps")
    steps = models.TextField(help_text=LINES_HELP)
    breathing = models.TextField("breathing cue")
    mistakes = models.TextField("common mistakes", help_text=LINES_HELP)
    cautions = models.TextField("ways to adapt it", help_text=LINES_HELP)
    check_first = models.TextField(
        "who should check first or adapt",
        blank=True,
        help_text=LINES_HELP + " Pregnancy, osteoporosis, recent surgery… as they apply.",
    )
    focus = models.ManyToManyField(Focus, related_name="exercises")
    benefits = models.ManyToManyField(Benefit, related_name="exercises")
    kind = models.CharField(max_length=12, choices=Kind)
    level = models.CharField(max_length=12, choices=Level)
    equipment = models.CharField(max_length=12, choices=Equipment)
    default_sets = models.PositiveSmallIntegerField(validators=range_validators(SETS_RANGE))
    default_reps = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=range_validators(REPS_RANGE)
    )
    default_hold_seconds = models.PositiveSmallIntegerField(
        "default hold (seconds)", null=True, blank=True, validators=range_validators(HOLD_RANGE)
    )
    per_side = models.BooleanField(default=False)
    duration_minutes = models.PositiveSmallIntegerField(
        validators=range_validators(EXERCISE_MINUTES_RANGE)
    )
    image = models.CharField(max_length=120, help_text="Static path of the SVG illustration.")
    image_alt = models.CharField("illustration alt text", max_length=200)
    variation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="variations"
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="related_from"
    )
    version_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="versions",
        help_text="Set for an easier or harder version: it is shown on that exercise's page "
        "and can be swapped in for it in a routine, but is not listed in the catalog.",
    )
    version_kind = models.CharField(max_length=8, choices=VersionKind, blank=True, default="")
    when_to_move = models.TextField(
        "when to move to this version", blank=True, help_text="Only for a version."
    )
    position = models.PositiveSmallIntegerField(default=0)
    source_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Fingerprint of the catalog text last loaded; differs once edited here.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                name="exercise_reps_xor_hold",
                condition=(
                    Q(default_reps__isnull=False, default_hold_seconds__isnull=True)
                    | Q(default_reps__isnull=True, default_hold_seconds__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="exercise_default_sets_range", condition=in_range("default_sets", SETS_RANGE)
            ),
            # A version says which way it goes; a catalog exercise has no kind.
            models.CheckConstraint(
                name="exercise_version_has_a_kind",
                condition=(
                    Q(version_of__isnull=True, version_kind="")
                    | (Q(version_of__isnull=False) & ~Q(version_kind=""))
                ),
            ),
            models.UniqueConstraint(
                fields=["version_of", "version_kind"],
                condition=Q(version_of__isnull=False),
                name="exercise_one_version_of_each_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # A version's own address leads to its section on its exercise's page.
        return reverse("exercises:detail", args=[self.slug])

    def clean(self):
        if (self.default_reps is None) == (self.default_hold_seconds is None):
            raise ValidationError("Give either default reps or a default hold, not both.")
        if bool(self.version_of_id) != bool(self.version_kind):
            raise ValidationError("A version needs both the exercise it belongs to and a kind.")

    @property
    def step_list(self) -> list[str]:
        return _lines(self.steps)

    @property
    def mistake_list(self) -> list[str]:
        return _lines(self.mistakes)

    @property
    def caution_list(self) -> list[str]:
        return _lines(self.cautions)

    @property
    def check_first_list(self) -> list[str]:
        return _lines(self.check_first)

    @property
    def on_the_floor(self) -> bool:
        return self.equipment == self.Equipment.MAT

    @property
    def is_gentle(self) -> bool:
        return self.level == self.Level.GENTLE

    @property
    def uses_hold(self) -> bool:
        return self.default_hold_seconds is not None

    @property
    def dose_label(self) -> str:
        return dose_label(
            self.default_sets, self.default_reps, self.default_hold_seconds, self.per_side
        )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def dose_label(sets: int, reps: int | None, hold_seconds: int | None, per_side: bool) -> str:
    amount = f"{sets} × {hold_seconds} s hold" if hold_seconds else f"{sets} × {reps} reps"
    return f"{amount}, each side" if per_side else amount


# --- People -----------------------------------------------------------------------------------


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError("Choose a time zone from the list, for example Europe/London.")


class Profile(models.Model):
    class WeekStart(models.IntegerChoices):
        MONDAY = 0, "Monday"
        SUNDAY = 6, "Sunday"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    week_start = models.PositiveSmallIntegerField(choices=WeekStart, default=WeekStart.MONDAY)
    reminder_time = models.TimeField(null=True, blank=True)
    reminder_lead_minutes = models.PositiveSmallIntegerField(
        default=15, validators=[MaxValueValidator(24 * 60)]
    )
    weekly_goal = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=range_validators(WEEKLY_GOAL_RANGE)
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    safety_check_completed_on = models.DateField(null=True, blank=True)
    safety_check_answers = models.JSONField(null=True, blank=True)
    pain_notice_acknowledged_at = models.DateTimeField(null=True, blank=True)
    # The guided session player: timings, how reps are counted, and which cues to give.
    get_ready_seconds = models.PositiveSmallIntegerField(
        default=5, validators=range_validators(GET_READY_RANGE)
    )
    rest_seconds = models.PositiveSmallIntegerField(
        default=30, validators=range_validators(REST_RANGE)
    )
    switch_sides_seconds = models.PositiveSmallIntegerField(
        default=5, validators=range_validators(SWITCH_SIDES_RANGE)
    )
    rep_seconds = models.PositiveSmallIntegerField(
        default=3, validators=range_validators(REP_SECONDS_RANGE)
    )
    count_reps = models.BooleanField(
        default=True, help_text="Count reps at a steady pace; off means tap when done."
    )
    auto_advance = models.BooleanField(
        default=True, help_text="Move on by itself when a count ends; off waits for a tap."
    )
    cue_tones = models.BooleanField(default=True)
    cue_speech = models.BooleanField(default=True)
    cue_vibration = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="profile_week_start_mon_or_sun", condition=Q(week_start__in=[0, 6])
            ),
            models.CheckConstraint(
                name="profile_get_ready_range",
                condition=in_range("get_ready_seconds", GET_READY_RANGE),
            ),
            models.CheckConstraint(
                name="profile_rest_range", condition=in_range("rest_seconds", REST_RANGE)
            ),
            models.CheckConstraint(
                name="profile_switch_sides_range",
                condition=in_range("switch_sides_seconds", SWITCH_SIDES_RANGE),
            ),
            models.CheckConstraint(
                name="profile_rep_seconds_range",
                condition=in_range("rep_seconds", REP_SECONDS_RANGE),
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def today(self) -> date:
        """The user's local date now: "today" is theirs, not the server's."""
        return timezone.now().astimezone(self.zone).date()

    def week_order(self) -> list[int]:
        return [(self.week_start + offset) % 7 for offset in range(7)]

    def week_start_date(self, day: date) -> date:
        return day - timedelta(days=(day.weekday() - self.week_start) % 7)

    def regenerate_calendar_token(self) -> None:
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token"])


# --- Plan -------------------------------------------------------------------------------------


class RoutineQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(owner=user)

    def latest_added_to_first(self):
        """The routine an exercise was last added to first; then the plan's own order."""
        return self.annotate(last_added=models.Max("items__added_at")).order_by(
            models.F("last_added").desc(nulls_last=True), "position", "id"
        )

    def active(self):
        return self.filter(active=True)

    def on_weekday(self, weekday: int):
        return self.alias(day_bit=models.F("weekdays").bitand(1 << weekday)).filter(day_bit__gt=0)

    def with_items(self):
        return self.prefetch_related(
            models.Prefetch("items", queryset=RoutineItem.objects.select_related("exercise"))
        )


class Routine(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="routines"
    )
    name = models.CharField(max_length=80)
    weekdays = models.PositiveSmallIntegerField(
        default=0, help_text="Bit mask: Monday is 1, Tuesday 2, … Sunday 64."
    )
    time_of_day = models.TimeField(null=True, blank=True)
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = [models.F("time_of_day").asc(nulls_last=True), "position", "id"]
        constraints = [
            models.CheckConstraint(
                name="routine_weekdays_mask", condition=in_range("weekdays", (0, ALL_WEEKDAYS))
            ),
            models.UniqueConstraint(fields=["owner", "name"], name="routine_unique_name_per_owner"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("exercises:routine", args=[self.pk])

    @property
    def weekday_list(self) -> list[int]:
        return weekdays_from_mask(self.weekdays)

    def is_on(self, weekday: int) -> bool:
        return bool(self.weekdays & (1 << weekday))

    @property
    def weekday_names(self) -> list[str]:
        return [WEEKDAY_NAMES[day] for day in self.weekday_list]

    @property
    def schedule_label(self) -> str:
        """ "Every day", "Weekdays", "Weekends" or "Mon, Wed, Fri"."""
        return schedule_label(self.weekdays)

    def active_items(self) -> list["RoutineItem"]:
        """Items not paused; uses the prefetched items when present."""
        return [item for item in self.items.all() if not item.paused]

    def estimated_minutes(self) -> int:
        return sum(item.estimated_minutes() for item in self.active_items())

    def next_position(self) -> int:
        last = self.items.aggregate(models.Max("position"))["position__max"]
        return 0 if last is None else last + 1

    def renumber(self) -> None:
        for index, item in enumerate(self.items.order_by("position", "id")):
            if item.position != index:
                RoutineItem.objects.filter(pk=item.pk).update(position=index)


class RoutineItemQuerySet(models.QuerySet):
    def create_with_default_dose(self, routine, exercise, position: int) -> "RoutineItem":
        """Add an exercise at the dose its catalog page suggests."""
        return self.create(
            routine=routine,
            exercise=exercise,
            position=position,
            sets=exercise.default_sets,
            reps=exercise.default_reps,
            hold_seconds=exercise.default_hold_seconds,
        )


class RoutineItem(models.Model):
    class PauseReason(models.TextChoices):
        NONE = "", "Not paused"
        USER = "user", "Paused by you"
        HURT = "hurt", "Paused because it hurt"

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    sets = models.PositiveSmallIntegerField(validators=range_validators(SETS_RANGE))
    reps = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=range_validators(REPS_RANGE)
    )
    hold_seconds = models.PositiveSmallIntegerField(
        "hold (seconds)", null=True, blank=True, validators=range_validators(HOLD_RANGE)
    )
    paused = models.BooleanField(default=False)
    pause_reason = models.CharField(max_length=8, choices=PauseReason, blank=True, default="")
    progression_dismissed_on = models.DateField(null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RoutineItemQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["routine", "exercise"], name="routine_item_unique_exercise"
            ),
            models.CheckConstraint(
                name="routine_item_sets_range", condition=in_range("sets", SETS_RANGE)
            ),
            models.CheckConstraint(
                name="routine_item_reps_range",
                condition=Q(reps__isnull=True) | in_range("reps", REPS_RANGE),
            ),
            models.CheckConstraint(
                name="routine_item_hold_range",
                condition=Q(hold_seconds__isnull=True) | in_range("hold_seconds", HOLD_RANGE),
            ),
            models.CheckConstraint(
                name="routine_item_reps_xor_hold",
                condition=(
                    Q(reps__isnull=False, hold_seconds__isnull=True)
                    | Q(reps__isnull=True, hold_seconds__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} in {self.routine}"

    @property
    def dose_label(self) -> str:
        return dose_label(self.sets, self.reps, self.hold_seconds, self.exercise.per_side)

    def swap_to(self, target: Exercise) -> bool:
        """Do another version of the same exercise in this item's place. The item stays the
        same row, so its past ticks stay linked to it; the dose follows `swapped_dose`.
        False when the item was removed meanwhile (then nothing is written)."""
        self.sets, self.reps, self.hold_seconds = swapped_dose(self, self.exercise, target)
        self.exercise = target
        return save_existing(self, ["exercise", "sets", "reps", "hold_seconds"])

    def estimated_minutes(self) -> int:
        return estimated_minutes(self.exercise, self.sets, self.reps, self.hold_seconds)


def estimated_minutes(exercise: Exercise, sets: int, reps: int | None, hold: int | None) -> int:
    """Minutes for an exercise at a dose: the exercise's own estimate scaled by the dose
    against its default dose, at least one minute."""
    default = (exercise.default_sets or 1) * (
        exercise.default_reps or exercise.default_hold_seconds or 1
    )
    mine = sets * (reps or hold or 1)
    return max(1, round(exercise.duration_minutes * mine / default))


# Easier, the exercise itself, harder: the order a swap between versions moves along.
_VERSION_ORDER = {Exercise.VersionKind.EASIER: 0, "": 1, Exercise.VersionKind.HARDER: 2}


def swapped_dose(item, current: Exercise, target: Exercise) -> tuple[int, int | None, int | None]:
    """(sets, reps, hold) for `item` after swapping from `current` to `target`. Counted the
    same way (reps, or a hold), a move to an easier version keeps the amount and a move to
    a harder one starts no higher than the harder version's own starting amount. Counted
    the other way, the new version starts at its starting amount."""
    if current.uses_hold != target.uses_hold:
        return target.default_sets, target.default_reps, target.default_hold_seconds
    sets, reps, hold = item.sets, item.reps, item.hold_seconds
    if _VERSION_ORDER[target.version_kind] > _VERSION_ORDER[current.version_kind]:
        sets = min(sets, target.default_sets)
        if target.uses_hold:
            hold = min(hold, target.default_hold_seconds)
        else:
            reps = min(reps, target.default_reps)
    return sets, reps, hold


# --- Doing it ---------------------------------------------------------------------------------


class SessionLogQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(owner=user)


class SessionLog(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_logs"
    )
    routine = models.ForeignKey(
        Routine, null=True, blank=True, on_delete=models.SET_NULL, related_name="session_logs"
    )
    routine_name = models.CharField(max_length=80, blank=True)
    date = models.DateField(help_text="The user's local date.")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    pain_before = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=range_validators(PAIN_RANGE)
    )
    pain_after = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=range_validators(PAIN_RANGE)
    )
    effort = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=range_validators(EFFORT_RANGE)
    )
    notes = models.TextField(blank=True, max_length=2000)
    share_notes = models.BooleanField("include notes in the clinician summary", default=False)
    submission_key = models.UUIDField(
        null=True,
        blank=True,
        editable=False,
        help_text="One-time key of the form that created it, so a replay can't log it twice.",
    )

    objects = SessionLogQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "routine", "date"], name="session_one_per_routine_per_day"
            ),
            models.UniqueConstraint(
                fields=["owner", "submission_key"],
                condition=Q(submission_key__isnull=False),
                name="session_one_per_submission",
            ),
            models.CheckConstraint(
                name="session_pain_before_range",
                condition=Q(pain_before__isnull=True) | in_range("pain_before", PAIN_RANGE),
            ),
            models.CheckConstraint(
                name="session_pain_after_range",
                condition=Q(pain_after__isnull=True) | in_range("pain_after", PAIN_RANGE),
            ),
            models.CheckConstraint(
                name="session_effort_range",
                condition=Q(effort__isnull=True) | in_range("effort", EFFORT_RANGE),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.routine_name or 'Quick session'} on {self.date}"

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def pain_rose(self) -> bool:
        """Listen to your body: a finished session whose pain ended at 7 or more, or rose
        by 2 or more points from the start."""
        if not self.finished or self.pain_after is None:
            return False
        if self.pain_after >= 7:
            return True
        return self.pain_before is not None and self.pain_after - self.pain_before >= 2

    @classmethod
    def for_routine_on(cls, user, routine: Routine, day: date) -> "SessionLog":
        """The one session for (user, routine, day); safe under concurrent first ticks."""
        # A plain read first: on SQLite (IMMEDIATE transactions) an atomic block would take
        # the write lock on every tick, even when the session already exists.
        session = cls.objects.filter(owner=user, routine=routine, date=day).first()
        if session is not None:
            return session
        try:
            with transaction.atomic():
                return cls.objects.create(
                    owner=user, routine=routine, date=day, routine_name=routine.name
                )
        except IntegrityError:  # a concurrent first tick created it
            return cls.objects.get(owner=user, routine=routine, date=day)

    def set_check(self, exercise: Exercise, status: str | None, item=None) -> None:
        """Record done / hurt for one exercise, or clear it (status None). Idempotent: the
        same call twice leaves one row (an upsert on the unique session + exercise), and
        concurrent ticks can't duplicate it; the last write wins."""
        ExerciseCheck.set(self.pk, exercise, status, item=item)


class ExerciseCheck(models.Model):
    class Status(models.TextChoices):
        DONE = "done", "Done"
        HURT = "hurt", "Stopped: it hurt"

    session = models.ForeignKey(SessionLog, on_delete=models.CASCADE, related_name="checks")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        RoutineItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="checks"
    )
    status = models.CharField(max_length=8, choices=Status, default=Status.DONE)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["checked_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "exercise"], name="check_one_per_exercise_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise}: {self.get_status_display()}"

    @classmethod
    def set(cls, session_id: int, exercise: Exercise, status: str | None, item=None) -> None:
        """`SessionLog.set_check` for a session known by its id."""
        if status is None:
            cls.objects.filter(session_id=session_id, exercise=exercise).delete()
            return
        cls.objects.bulk_create(
            [cls(session_id=session_id, exercise=exercise, item=item, status=status)],
            update_conflicts=True,
            unique_fields=["session", "exercise"],
            update_fields=["item", "status", "checked_at"],
        )

    @classmethod
    def set_as_read(cls, check_id, session_id: int, exercise: Exercise, status, item) -> None:
        """`set`, for a caller that has just read the check: `check_id` is its id, or None
        if there was none. A tick is then one statement (an insert, or an update or a
        delete of that row) rather than the upsert's transaction; if another request
        changed the row since the read (it inserted it first, or deleted it), `set`
        settles it."""
        if status is None:
            if check_id is not None:  # an instance's delete is one DELETE, a queryset's
                cls(pk=check_id).delete()  # is wrapped in a transaction
            return
        fields = {"item": item, "status": status, "checked_at": timezone.now()}
        if check_id is not None:
            if cls.objects.filter(pk=check_id).update(**fields):
                return
        else:
            # In autocommit (as a request runs) the insert is its own transaction; inside a
            # caller's, a savepoint keeps a failed insert from spoiling it.
            connection = transaction.get_connection()
            inner = transaction.atomic() if connection.in_atomic_block else nullcontext()
            try:
                with inner:
                    cls.objects.create(session_id=session_id, exercise=exercise, **fields)
                return
            except IntegrityError:  # inserted meanwhile, or its item is gone (set says)
                pass
        cls.set(session_id, exercise, status, item=item)


class ActivityLog(models.Model):
    class Kind(models.TextChoices):
        YOGA = "yoga", "Yoga"
        PILATES = "pilates", "Pilates"
        WALKING = "walking", "Walking"
        SWIMMING = "swimming", "Swimming"
        OTHER = "other", "Other"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activities"
    )
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind)
    minutes = models.PositiveSmallIntegerField(validators=range_validators(ACTIVITY_MINUTES_RANGE))
    notes = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                name="activity_minutes_range", condition=in_range("minutes", ACTIVITY_MINUTES_RANGE)
            ),
            models.UniqueConstraint(
                fields=["owner", "submission_key"],
                condition=Q(submission_key__isnull=False),
                name="activity_one_per_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.minutes} min on {self.date}"


class FlareUp(models.Model):
    """A spell of flare-up mode, in the user's local dates: on from `start` to `last_day`
    inclusive, and off from `ended_on` when the user ends it early. Kept afterwards, so
    History can mark the days and progression can wait a week after."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flare_ups"
    )
    start = models.DateField(help_text="The user's local date it started.")
    last_day = models.DateField(help_text="The last local date it is on, unless ended early.")
    ended_on = models.DateField(
        null=True, blank=True, help_text="The local date the user ended it; off from then."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "start"], name="flare_up_one_per_start"),
            models.CheckConstraint(
                name="flare_up_ends_after_it_starts", condition=Q(last_day__gte=F("start"))
            ),
            models.CheckConstraint(
                name="flare_up_ended_after_it_started",
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("start")),
            ),
        ]

    def __str__(self) -> str:
        return f"Flare-up mode from {self.start} to {self.final_day}"

    @property
    def final_day(self) -> date:
        """The last day it was on; the day before it started when ended on its first day."""
        if self.ended_on is not None and self.ended_on <= self.last_day:
            return self.ended_on - timedelta(days=1)
        return self.last_day

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.final_day
