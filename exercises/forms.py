"""Forms with validation messages people understand."""

import functools
import threading
import zoneinfo

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, UserCreationForm
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections
from django.forms.renderers import TemplatesSetting

from . import content
from .models import (
    ACTIVITY_MINUTES_RANGE,
    EFFORT_RANGE,
    FLARE_UP_DAYS_RANGE,
    GET_READY_RANGE,
    HOLD_RANGE,
    MAX_ID,
    PAIN_RANGE,
    REP_SECONDS_RANGE,
    REPS_RANGE,
    REST_RANGE,
    SETS_RANGE,
    SWITCH_SIDES_RANGE,
    WEEKDAY_NAMES,
    WEEKLY_GOAL_RANGE,
    ActivityLog,
    Exercise,
    Focus,
    Profile,
    Routine,
    RoutineItem,
    SessionLog,
    weekday_mask,
)


class BackCareFormRenderer(TemplatesSetting):
    """Our own field layout (label, help, errors, widget) from templates/forms/."""

    field_template_name = "forms/field.html"


def limit(field: forms.Field, bounds: tuple[int, int], message: str) -> None:
    """Give a number field the model's range: the widget's min/max for the browser, and
    one message for a value that is missing (when required), out of range or not a
    number. `message` may use {low} and {high}."""
    low, high = bounds
    text = message.format(low=low, high=high)
    field.min_value, field.max_value = low, high
    field.validators = [
        *(v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)),
        MinValueValidator(low),
        MaxValueValidator(high),
    ]
    field.widget.attrs.update(min=low, max=high, inputmode="numeric")
    field.error_messages.update(required=text, min_value=text, max_value=text, invalid=text)


class CatalogFilterForm(forms.Form):
    """The catalog's GET filters. Every field is optional and they combine."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "e.g. stretch, plank, lower back"}
        ),
    )
    focus = forms.ChoiceField(label="Focus", required=False)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any"), *Exercise.Kind.choices]
    )
    level = forms.ChoiceField(
        label="Level", required=False, choices=[("", "Any"), *Exercise.Level.choices]
    )
    equipment = forms.ChoiceField(
        label="Equipment",
        required=False,
        choices=[("", "Any"), *Exercise.Equipment.choices],
    )

    def __init__(self, *args, focus_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if focus_choices is None:
            focus_choices = list(Focus.objects.values_list("slug", "name"))
        self.fields["focus"].choices = [("", "Any"), *focus_choices]
        for name in ("focus", "kind", "level", "equipment"):
            self.fields[name].error_messages["invalid_choice"] = (
                f"That {self.fields[name].label.lower()} isn't one we know, so it was ignored."
            )

    def filters(self) -> dict[str, str]:
        """The valid filters only: a bad value is reported and dropped, never a crash."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned.get(name, "").strip() if name == "q" else cleaned.get(name, "")
            for name in self.fields
            if name not in self.errors
        }


# --- Accounts -----------------------------------------------------------------------------


@functools.cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(
        z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith("Etc/")
    )
    return [("UTC", "UTC"), *((zone, zone.replace("_", " ")) for zone in zones)]


class SignupForm(UserCreationForm):
    """Whether a username is taken is only said once everything else on the form is
    right, so the form can't be used to list usernames (sign-ups are throttled too)."""

    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=time_zone_choices,
        initial="UTC",
        help_text="So that “today” matches your clock. We guess it from your browser.",
    )
    username_taken_message = "That username is taken. Please choose another one."

    def clean_username(self):
        return self.cleaned_data.get("username")  # whether it's taken: see _post_clean

    def validate_unique(self):
        """Skipped here; the username check runs last, in _post_clean."""

    def _post_clean(self):
        super()._post_clean()  # builds the user and checks the password's strength
        if not self.errors and self.username_taken():
            self.add_error("username", self.username_taken_message)

    def username_taken(self) -> bool:
        username = self.cleaned_data.get("username")
        users = self._meta.model._default_manager
        return bool(username) and users.filter(username__iexact=username).exists()

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")
        help_texts = {
            "username": "Any name you like: letters, numbers and @ . + - _ (no spaces).",
            "email": "Optional. Only used if you ever need to reset your password.",
        }


class SettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label="Time zone", choices=time_zone_choices)

    class Meta:
        model = Profile
        fields = [
            "time_zone",
            "week_start",
            "reminder_time",
            "reminder_lead_minutes",
            "weekly_goal",
        ]
        labels = {
            "week_start": "First day of the week",
            "reminder_time": "Reminder time",
            "reminder_lead_minutes": "Calendar reminder, minutes before",
            "weekly_goal": "Weekly goal (sessions)",
        }
        help_texts = {
            "reminder_time": "Optional. Used for routines that have no time of their own.",
            "reminder_lead_minutes": (
                "How long before each session your calendar app should remind you."
            ),
            "weekly_goal": "Optional. Leave empty to use the number of sessions in your plan.",
        }
        widgets = {
            "reminder_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "week_start": forms.RadioSelect,
        }


class PlayerSettingsForm(forms.ModelForm):
    """How the guided session player times things and which cues it gives."""

    RANGES = {
        "get_ready_seconds": (GET_READY_RANGE, "Get ready"),
        "rest_seconds": (REST_RANGE, "Rest"),
        "switch_sides_seconds": (SWITCH_SIDES_RANGE, "Switch sides"),
        "rep_seconds": (REP_SECONDS_RANGE, "Seconds per rep"),
    }

    class Meta:
        model = Profile
        fields = [
            "get_ready_seconds",
            "rest_seconds",
            "switch_sides_seconds",
            "count_reps",
            "rep_seconds",
            "auto_advance",
            "cue_tones",
            "cue_speech",
            "cue_vibration",
        ]
        labels = {
            "get_ready_seconds": "Get ready (seconds)",
            "rest_seconds": "Rest between sets (seconds)",
            "switch_sides_seconds": "Switch sides (seconds)",
            "count_reps": "Count reps out at a steady pace",
            "rep_seconds": "Seconds per rep",
            "auto_advance": "Move on by itself when a count ends",
            "cue_tones": "Tones",
            "cue_speech": "Spoken cues",
            "cue_vibration": "Vibration (on phones that have it)",
        }
        help_texts = {
            "count_reps": "Untick to count reps yourself and tap when a set is done.",
            "auto_advance": (
                "Untick to have the player wait for you at the end of every count, "
                "however long you need."
            ),
            "rest_seconds": "Also the pause before the next exercise.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (bounds, what) in self.RANGES.items():
            message = f"{what} must be a whole number from {{low}} to {{high}} seconds."
            limit(self.fields[name], bounds, message)


class SafetyCheckForm(forms.Form):
    """One yes/no question per red flag, grouped by tier. "None of these apply to me"
    (`none_apply`) answers no to all of them in one go, unless a yes is already ticked."""

    keep_answers = forms.BooleanField(
        label="Keep my answers in my account (otherwise we only note the date you did the check)",
        required=False,
    )

    def __init__(self, data=None, *args, none_apply=False, **kwargs):
        if data is not None and none_apply:
            data = data.copy()
            self.contradiction = any(data.get(f["slug"]) == "yes" for f in content.RED_FLAGS)
            if not self.contradiction:
                for flag in content.RED_FLAGS:
                    data[flag["slug"]] = "no"
        else:
            self.contradiction = False
        super().__init__(data, *args, **kwargs)
        for flag in content.RED_FLAGS:
            self.fields[flag["slug"]] = forms.TypedChoiceField(
                label=flag["question"],
                choices=[("no", "No"), ("yes", "Yes")],
                widget=forms.RadioSelect,
                error_messages={"required": "Please answer yes or no."},
            )
        # Keep the consent box last.
        self.order_fields([flag["slug"] for flag in content.RED_FLAGS])

    def clean(self):
        cleaned = super().clean()
        if self.contradiction:
            raise forms.ValidationError(
                "You answered yes to at least one question, so “None of these apply to me” "
                "doesn't fit. Check your answers, then choose “See my result”."
            )
        return cleaned

    def tiers(self) -> list[dict]:
        """The red-flag tiers, each with the bound fields of its questions."""
        return [
            {**tier, "fields": [self[flag["slug"]] for flag in tier["flags"]]}
            for tier in content.red_flags_by_tier()
        ]

    def yes_answers(self) -> list[dict]:
        return [flag for flag in content.RED_FLAGS if self.cleaned_data.get(flag["slug"]) == "yes"]

    def result(self) -> str:
        """Which advice the answers call for: "emergency", "today", "soon" or "none"."""
        yes = self.yes_answers()
        if any(flag["tier"] == "emergency" for flag in yes):
            return "emergency"
        if any(flag["tier"] == "today" and not flag.get("urgency") for flag in yes):
            return "today"
        return "soon" if yes else "none"


# --- Plan ---------------------------------------------------------------------------------


WEEKDAY_CHOICES = [(str(day), name) for day, name in enumerate(WEEKDAY_NAMES)]


class WeekdaysField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Days")
        super().__init__(choices=WEEKDAY_CHOICES, coerce=int, **kwargs)


class RoutineForm(forms.ModelForm):
    days = WeekdaysField(required=False, help_text="Tick the days you want to do it.")

    class Meta:
        model = Routine
        fields = ["name", "time_of_day", "active"]
        labels = {
            "name": "Routine name",
            "time_of_day": "Time of day",
            "active": "Active (untick to pause the whole routine)",
        }
        help_texts = {"time_of_day": "Optional, for example 08:00."}
        widgets = {"time_of_day": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["days"].initial = self.instance.weekday_list if self.instance.pk else []
        if not self.instance.pk:
            # A new routine starts active; the create form has no checkbox for it.
            del self.fields["active"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Routine.objects.filter(owner=self.owner, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("You already have a routine with that name.")
        return name

    def save(self, commit=True):
        self.instance.owner = self.owner
        self.instance.weekdays = weekday_mask(self.cleaned_data["days"])
        return super().save(commit)


DOSE_LABELS = {"sets": "Sets", "reps": "Reps", "hold_seconds": "Hold (seconds)"}


def shape_dose_fields(fields: dict, exercise) -> None:
    """Keep sets plus whichever of reps or hold the exercise uses, required, with the
    model's ranges and messages."""
    limit(fields["sets"], SETS_RANGE, "Sets must be between {low} and {high}.")
    fields["sets"].required = True
    if exercise.uses_hold:
        del fields["reps"]
        hold = fields["hold_seconds"]
        hold.required = True
        limit(hold, HOLD_RANGE, "A hold must be between {low} and {high} seconds.")
        hold.widget.attrs["step"] = 5
    else:
        del fields["hold_seconds"]
        fields["reps"].required = True
        limit(fields["reps"], REPS_RANGE, "Reps must be between {low} and {high}.")


def suggested_dose(exercise) -> dict:
    return {
        "sets": exercise.default_sets,
        "reps": exercise.default_reps,
        "hold_seconds": exercise.default_hold_seconds,
    }


class DoseForm(forms.ModelForm):
    """Sets plus reps or a hold, whichever the exercise uses."""

    class Meta:
        model = RoutineItem
        fields = ["sets", "reps", "hold_seconds"]
        labels = DOSE_LABELS

    def __init__(self, *args, exercise, **kwargs):
        super().__init__(*args, **kwargs)
        self.exercise = exercise
        shape_dose_fields(self.fields, exercise)
        if not self.instance.pk:
            for name, value in suggested_dose(exercise).items():
                self.initial.setdefault(name, value)


NEW_ROUTINE = "new"


class AddToPlanForm(forms.Form):
    """Add one exercise to a new or existing routine, at the dose its page suggests
    unless the user changes it."""

    routine = forms.ChoiceField(label="Routine")
    new_routine_name = forms.CharField(
        label="New routine name",
        required=False,
        max_length=80,
        help_text="For example “Morning stretch”.",
    )
    days = WeekdaysField(
        required=False,
        label="Days",
        help_text="For a new routine, pick at least one day. For an existing one, "
        "ticked days are added to its schedule.",
    )

    def __init__(self, *args, owner, exercise, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.exercise = exercise
        self.routines = {
            str(r.pk): r for r in Routine.objects.for_user(owner).latest_added_to_first()
        }
        choices = [(pk, routine.name) for pk, routine in self.routines.items()]
        self.fields["routine"].choices = [*choices, (NEW_ROUTINE, "A new routine")]
        self.fields["routine"].initial = choices[0][0] if choices else NEW_ROUTINE
        dose = forms.fields_for_model(RoutineItem, fields=list(DOSE_LABELS), labels=DOSE_LABELS)
        shape_dose_fields(dose, exercise)
        self.fields.update(dose)
        for name, value in suggested_dose(exercise).items():
            self.initial.setdefault(name, value)

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("routine")
        name = (cleaned.get("new_routine_name") or "").strip()
        if choice == NEW_ROUTINE:
            if not name:
                self.add_error("new_routine_name", "Give your new routine a name.")
            elif Routine.objects.filter(owner=self.owner, name__iexact=name).exists():
                self.add_error("new_routine_name", "You already have a routine with that name.")
            if not cleaned.get("days"):
                self.add_error("days", "Pick at least one day for the new routine.")
        elif choice in self.routines:
            routine = self.routines[choice]
            if routine.items.filter(exercise=self.exercise).exists():
                self.add_error("routine", f"{self.exercise.name} is already in “{routine.name}”.")
        return cleaned

    def dose(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in DOSE_LABELS}


class ActivityForm(forms.ModelForm):
    class Meta:
        model = ActivityLog
        fields = ["kind", "minutes", "notes"]
        labels = {"kind": "Activity", "minutes": "Minutes", "notes": "Notes"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit(
            self.fields["minutes"],
            ACTIVITY_MINUTES_RANGE,
            "Minutes must be between {low} and {high}.",
        )


class ScaleSelect(forms.RadioSelect):
    """A number scale as one row of big radio buttons, words at both ends; still a plain
    form field without JavaScript."""

    template_name = "forms/widgets/scale.html"

    def __init__(self, *, low_text: str, high_text: str, **kwargs):
        super().__init__(**kwargs)
        self.low_text, self.high_text = low_text, high_text

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        numbers = [choice for choice, _ in self.choices if choice != ""]
        context["widget"].update(
            low=numbers[0],
            high=numbers[-1],
            count=len(numbers),
            low_text=self.low_text,
            high_text=self.high_text,
        )
        return context


def scale_field(label: str, bounds: tuple[int, int], message: str, **scale) -> forms.Field:
    """An optional whole number from the model's range, picked on a ScaleSelect."""
    low, high = bounds
    text = message.format(low=low, high=high)
    return forms.TypedChoiceField(
        label=label,
        choices=[(number, str(number)) for number in range(low, high + 1)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=ScaleSelect(**scale),
        error_messages={"invalid_choice": text},
    )


def pain_field(label: str) -> forms.Field:
    return scale_field(
        label,
        PAIN_RANGE,
        "Pain is a number from {low} to {high}.",
        low_text="no pain",
        high_text="worst imaginable",
    )


class PainBeforeForm(forms.ModelForm):
    """ "How is your back right now?", asked before the first exercise."""

    pain_before = pain_field("Pain before")

    class Meta:
        model = SessionLog
        fields = ["pain_before"]


class SessionLogForm(forms.ModelForm):
    """How it went: pain after (and before, unless it was asked at the start), effort,
    notes. `ask_pain_before=False` leaves a pain-before answer already given as it is."""

    pain_before = pain_field("Pain before")
    pain_after = pain_field("Pain after")
    effort = scale_field(
        "Effort",
        EFFORT_RANGE,
        "Effort is a number from {low} to {high}.",
        low_text="very easy",
        high_text="very hard",
    )

    class Meta:
        model = SessionLog
        fields = ["pain_before", "pain_after", "effort", "notes", "share_notes"]
        labels = {
            "notes": "Notes",
            "share_notes": "Include these notes in my summary for a clinician",
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}

    def __init__(self, *args, ask_pain_before=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_pain_before:
            del self.fields["pain_before"]

    def full_clean(self):
        super().full_clean()
        first_error = next((name for name in self.fields if name in self.errors), None)
        if first_error:  # focus it when the page comes back, with or without JavaScript
            self.fields[first_error].widget.attrs["autofocus"] = True


class FlareUpForm(forms.Form):
    days = forms.IntegerField(
        label="Days",
        initial=3,
        min_value=FLARE_UP_DAYS_RANGE[0],
        max_value=FLARE_UP_DAYS_RANGE[1],
        help_text="How many days, counting today. It ends by itself after the last one.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit(
            self.fields["days"],
            FLARE_UP_DAYS_RANGE,
            "Choose a number of days from {low} to {high}, for example 3.",
        )


def password_is_right(request, password: str) -> bool:
    """Check the logged-in user's password through authenticate(), so the login throttle
    counts a wrong one and, after too many, refuses for the cool-off like the login does
    (its middleware then answers with the lock page)."""
    user = request.user
    checked = authenticate(request, username=user.get_username(), password=password)
    return checked is not None and checked.pk == user.pk


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not password_is_right(self.request, password):
            raise forms.ValidationError("That password isn't right, so nothing was deleted.")
        return password


class BackgroundPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the mail sent in a thread of its own: the answer is
    the same page, just as quick, whether or not an account has that address, so its
    timing can't tell. (The thread is not a daemon: a stopping worker finishes it.)"""

    def send_mail(self, *args, **kwargs):
        def send():
            try:
                super(BackgroundPasswordResetForm, self).send_mail(*args, **kwargs)
            finally:
                connections.close_all()  # this thread's own, if rendering opened any

        threading.Thread(target=send, name="password-reset-mail").start()


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the old password checked under the login throttle."""

    def __init__(self, user, *args, request, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not password_is_right(self.request, old_password):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class SummaryForm(forms.Form):
    """The clinician summary's GET options: its dates and the name printed on it. Every
    field is optional; the view falls back to the default dates when they don't hold."""

    MAX_DAYS = 366

    name = forms.CharField(
        label="Name on the summary",
        required=False,
        max_length=80,
        help_text="Optional, for example your full name. It isn't saved.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def __init__(self, data=None, *, today, default_start, **kwargs):
        if data is not None:
            # A date left out (or cleared) is the default one, and shows as such.
            data = data.copy()
            for name, default in (("from", default_start), ("to", today)):
                if not data.get(name):
                    data[name] = default.isoformat()
        super().__init__(data, **kwargs)
        self.today = today
        self.default_start = default_start
        message = f"Enter a date like {today.isoformat()}."
        date_widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        # "from" is a Python keyword, so these two fields are added by name.
        self.fields["from"] = forms.DateField(
            label="From",
            required=False,
            initial=default_start,
            widget=date_widget,
            error_messages={"invalid": message},
        )
        self.fields["to"] = forms.DateField(
            label="To",
            required=False,
            initial=today,
            widget=date_widget,
            error_messages={"invalid": message},
        )
        self.order_fields(["from", "to", "name"])

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        start = cleaned.get("from") or self.default_start
        end = cleaned.get("to") or self.today
        if end > self.today:
            self.add_error("to", "The summary can end today at the latest.")
        elif start > end:
            self.add_error("from", "The start date must be on or before the end date.")
        elif (end - start).days + 1 > self.MAX_DAYS:
            self.add_error("from", "Choose at most a year of dates.")
        cleaned["from"], cleaned["to"] = start, end
        return cleaned

    def period(self) -> tuple:
        """(start, end, name): the dates asked for when they hold, else the default ones."""
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
            return data["from"], data["to"], data["name"].strip()
        name = self.cleaned_data.get("name", "") if self.is_bound else ""
        return self.default_start, self.today, (name or "").strip()


# --- Ids and numbers posted by buttons and small forms ---------------------------------------
# Each value a view reads from a request goes through one of these, so a crafted value
# (not a number, too large for the database, a list) gets a message, never a 500.


class ExerciseChoiceForm(forms.Form):
    """One exercise from the catalog, by id: the routine editor's picker. Whatever is
    wrong with the value, the person is told the same thing: `problem`."""

    problem = "That exercise isn't in the catalog, so nothing was added."

    exercise = forms.ModelChoiceField(queryset=Exercise.objects.all())


QUICK_PICK_MESSAGE = "Tick at least one exercise you did."


class IdsField(forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField that refuses a value no id can be before asking the
    database: SQLite can't bind an integer above MAX_ID in an IN (...) list at all."""

    def clean(self, value):
        for one in value or []:
            try:
                number = int(str(one))
            except ValueError:
                number = 0
            if not 1 <= number <= MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": one},
                )
        return super().clean(value)


class QuickExercisesForm(forms.Form):
    """The exercises ticked in a quick session: catalog exercises, by id."""

    exercise = IdsField(
        queryset=Exercise.objects.listed(),
        error_messages={
            "required": QUICK_PICK_MESSAGE,
            "invalid_choice": QUICK_PICK_MESSAGE,
            "invalid_pk_value": QUICK_PICK_MESSAGE,
        },
    )


class AddedNoticeForm(forms.Form):
    """?added=<routine id> on the starters page; any other value is simply no notice."""

    added = forms.IntegerField(min_value=1, max_value=MAX_ID)


class PlayerStepForm(forms.Form):
    """The player's `step` (from the address or a Done button) and the exercise a Done
    button ticks; a value that can't be one is as if it were not given."""

    step = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    exercise = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)

    def value(self, name: str) -> int | None:
        self.is_valid()  # a field that fails is left out of cleaned_data
        return self.cleaned_data.get(name)


class WeeklyGoalForm(forms.Form):
    """A weekly goal in sessions; empty means "follow my plan"."""

    weekly_goal = forms.IntegerField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit(
            self.fields["weekly_goal"],
            WEEKLY_GOAL_RANGE,
            "A weekly goal is a number of sessions from {low} to {high}. Nothing was changed.",
        )
