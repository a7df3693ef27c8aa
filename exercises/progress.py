"""Progress rules as pure functions: no requests, no ORM writes.

The views fetch rows once and pass plain data in, so these rules are tested on
hand-made calendars and every page keeps a constant number of queries.

Rules (also explained to users on /history/):
- A routine is *scheduled* on a date when the date's weekday is one of its days, the
  routine is active and has exercises, and it existed by then. Past schedule changes are
  not recorded, so the current schedule is used for the past.
- A *session* counts when it is finished: a planned one, a quick one, or one started on
  a day it wasn't planned. Started but unfinished sessions count nowhere (the heat map
  shows their day as partly done). The weekly goal and the weekly table's "Sessions"
  both count exactly these, through `counts_as_session`.
- *Adherence* is the planned sessions finished on their day out of those planned.
- The *weekly goal* is met when the sessions in a week reach the goal. Days off never
  break anything: only whole weeks count, and the current week only once it is met.
- *Flare-up days* (flare-up mode on) never count against the user: a planned session not
  done on one is neither missed nor counted in adherence, and a week with flare-up days
  that falls short of the goal neither breaks the streak nor adds to it.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import mean

from .models import HOLD_RANGE, REPS_RANGE, SETS_RANGE

# --- Listen to your body ----------------------------------------------------------------------


def needs_pain_notice(recent_finished, acknowledged_at: datetime | None) -> bool:
    """True when the two latest finished sessions both had pain rise, and the
    user hasn't acknowledged the notice since the latest one."""
    if len(recent_finished) < 2 or not all(s.pain_rose for s in recent_finished[:2]):
        return False
    latest = max(s.finished_at for s in recent_finished[:2])
    return acknowledged_at is None or acknowledged_at < latest


# --- Calendars --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoutinePlan:
    """What the rules need to know about a routine."""

    id: int
    weekdays: int
    since: date
    active: bool = True

    def on(self, day: date) -> bool:
        return self.active and day >= self.since and bool(self.weekdays & (1 << day.weekday()))


@dataclass(frozen=True)
class SessionFact:
    date: date
    routine_id: int | None
    finished: bool
    pain_before: int | None = None
    pain_after: int | None = None
    checked: int = 0
    effort: int | None = None


def counts_as_session(session: SessionFact) -> bool:
    """The one rule for what a "session" is in every count: a finished one."""
    return session.finished


def days_between(start: date, end: date):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


REST, MISSED, PARTIAL, DONE, FUTURE = "rest", "missed", "partial", "done", "future"
FLARE = "flare"
DAY_LABELS = {
    REST: "nothing planned",
    MISSED: "planned, not done",
    PARTIAL: "partly done",
    DONE: "done",
    FUTURE: "still to come",
    FLARE: "flare-up mode, taking it gently",
}


def day_status(day: date, today: date, plans, sessions_on_day, flare: bool = False) -> str:
    """One day's status; on a flare-up day a planned session left undone isn't missed."""
    planned = {p.id for p in plans if p.on(day)}
    finished = {s.routine_id for s in sessions_on_day if s.finished}
    started = any(s.checked or s.finished for s in sessions_on_day)
    if planned:
        if planned <= finished:
            return DONE
        if started:
            return PARTIAL
        if day >= today:
            return FUTURE
        return FLARE if flare else MISSED
    if any(s.finished for s in sessions_on_day):
        return DONE
    return PARTIAL if started else (FUTURE if day > today else REST)


def heat_map(today: date, week_start: int, plans, sessions, weeks: int = 12, flare_days=()):
    """Rows of weeks (oldest first), each a list of (date, status); ends with this week."""
    by_day = defaultdict(list)
    for s in sessions:
        by_day[s.date].append(s)
    this_week = today - timedelta(days=(today.weekday() - week_start) % 7)
    first = this_week - timedelta(weeks=weeks - 1)
    rows = []
    for w in range(weeks):
        start = first + timedelta(weeks=w)
        rows.append(
            [
                (day, day_status(day, today, plans, by_day.get(day, []), day in flare_days))
                for day in (start + timedelta(days=i) for i in range(7))
            ]
        )
    return rows


def week_start_of(day: date, week_start: int) -> date:
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def planned_per_week(plans) -> int:
    return sum(bin(p.weekdays).count("1") for p in plans if p.active)


def sessions_per_week(sessions, week_start: int) -> dict[date, int]:
    counts: dict[date, int] = defaultdict(int)
    for s in sessions:
        if counts_as_session(s):
            counts[week_start_of(s.date, week_start)] += 1
    return counts


@dataclass
class GoalStatus:
    goal: int
    this_week: int
    met_this_week: bool
    current_streak: int
    best_streak: int


def weekly_goal(
    today: date, week_start: int, goal: int, sessions, first_day: date, flare_days=()
) -> GoalStatus:
    """Streak in weeks that met the goal. The week in progress never breaks a streak, and
    nor does a week with flare-up days in it (it just doesn't add to it)."""
    goal = max(1, goal)
    counts = sessions_per_week(sessions, week_start)
    this_week = week_start_of(today, week_start)
    first_week = week_start_of(first_day, week_start)
    flare_weeks = {week_start_of(day, week_start) for day in flare_days}
    weeks = []
    week = first_week
    while week < this_week:
        met = counts.get(week, 0) >= goal
        weeks.append(True if met else (None if week in flare_weeks else False))
        week += timedelta(weeks=1)
    best = run = 0
    for met in weeks:
        if met is None:  # a flare-up week short of the goal: the streak waits
            continue
        run = run + 1 if met else 0
        best = max(best, run)
    current = run
    met_now = counts.get(this_week, 0) >= goal
    if met_now:
        current += 1
        best = max(best, current)
    return GoalStatus(goal, counts.get(this_week, 0), met_now, current, best)


@dataclass
class WeekAdherence:
    week: date
    scheduled: int
    finished: int
    sessions: int = 0  # every session of the week, as the weekly goal counts them

    @property
    def percent(self) -> int | None:
        return round(100 * self.finished / self.scheduled) if self.scheduled else None

    @property
    def unplanned(self) -> int:
        """Quick sessions and those done on a day they weren't planned."""
        return self.sessions - self.finished


def weekly_adherence(today: date, week_start: int, plans, sessions, weeks: int = 8, flare_days=()):
    """Per week for the last `weeks` weeks up to today: see `adherence_between`."""
    this_week = week_start_of(today, week_start)
    first = this_week - timedelta(weeks=weeks - 1)
    return adherence_between(first, today, today, week_start, plans, sessions, flare_days)


def adherence_between(
    start: date, end: date, today: date, week_start: int, plans, sessions, flare_days=()
):
    """Per week from `start` to `end` (no later than today): the planned sessions, those
    finished on their day, and all sessions (what the weekly goal counts). Only the days
    inside the range count, so a range can start or end mid-week. Today's planned sessions
    count once they are finished, so the figure never dips while the day is young; likewise
    a session left undone on a flare-up day isn't counted."""
    end = min(end, today)
    finished = {(s.date, s.routine_id) for s in sessions if counts_as_session(s) and s.routine_id}
    per_week = sessions_per_week([s for s in sessions if start <= s.date <= end], week_start)
    result = []
    week = week_start_of(start, week_start)
    while week <= end:
        scheduled = done = 0
        for day in days_between(max(week, start), min(week + timedelta(days=6), end)):
            for plan in plans:
                if plan.on(day):
                    was_done = (day, plan.id) in finished
                    if (day == today or day in flare_days) and not was_done:
                        continue
                    scheduled += 1
                    done += was_done
        result.append(WeekAdherence(week, scheduled, done, per_week.get(week, 0)))
        week += timedelta(weeks=1)
    return result


# --- Other activities and the weekly picture --------------------------------------------------


@dataclass(frozen=True)
class ActivityFact:
    date: date
    kind: str  # the label people read: "Walking"
    minutes: int


@dataclass
class ActivityWeek:
    week: date
    minutes: int
    by_kind: dict[str, int]  # kind → minutes, most minutes first

    @property
    def kinds_label(self) -> str:
        return ", ".join(f"{kind} {minutes} min" for kind, minutes in self.by_kind.items())


def activity_weeks(activities, start: date, end: date, week_start: int) -> list[ActivityWeek]:
    """Minutes of other activities per week from `start` to `end`, every week listed."""
    per_week: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for a in activities:
        if start <= a.date <= end:
            per_week[week_start_of(a.date, week_start)][a.kind] += a.minutes
    result = []
    week = week_start_of(start, week_start)
    while week <= end:
        kinds = per_week.get(week, {})
        ordered = dict(sorted(kinds.items(), key=lambda pair: (-pair[1], pair[0])))
        result.append(ActivityWeek(week, sum(kinds.values()), ordered))
        week += timedelta(weeks=1)
    return result


def minutes_by_kind(activities) -> list[tuple[str, int, int]]:
    """(kind, minutes, times) for each kind of activity, most minutes first."""
    minutes: dict[str, int] = defaultdict(int)
    times: dict[str, int] = defaultdict(int)
    for a in activities:
        minutes[a.kind] += a.minutes
        times[a.kind] += 1
    return sorted(
        ((kind, minutes[kind], times[kind]) for kind in minutes), key=lambda t: (-t[1], t[0])
    )


def average(values) -> float | None:
    """The mean of the values given (None left out), to one decimal; None if none."""
    values = [v for v in values if v is not None]
    return round(float(mean(values)), 1) if values else None


@dataclass
class WeekSummary:
    """One week as the clinician summary lists it."""

    adherence: WeekAdherence
    pain_before: float | None
    pain_after: float | None
    effort: float | None
    activity_minutes: int


def week_summaries(adherence, sessions, activity_weeks_, week_start: int) -> list[WeekSummary]:
    """Adherence rows with the week's average pain and effort over its sessions (those
    with the value logged) and its minutes of other activity."""
    by_week = defaultdict(list)
    for s in sessions:
        if counts_as_session(s):
            by_week[week_start_of(s.date, week_start)].append(s)
    minutes = {w.week: w.minutes for w in activity_weeks_}
    return [
        WeekSummary(
            row,
            average(s.pain_before for s in by_week[row.week]),
            average(s.pain_after for s in by_week[row.week]),
            average(s.effort for s in by_week[row.week]),
            minutes.get(row.week, 0),
        )
        for row in adherence
    ]


# --- Pain trend -------------------------------------------------------------------------------


@dataclass
class PainTrend:
    points: list  # (date, before, after)
    summary: str
    svg: dict


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def pain_summary(points) -> str:
    afters = [(d, a) for d, _, a in points if a is not None]
    if len(afters) < 2:
        return "Log your pain before and after a few sessions to see a trend here."
    half = len(afters) // 2
    early, late = afters[:half], afters[half:]
    start, end = mean(a for _, a in early), mean(a for _, a in late)
    span_days = (afters[-1][0] - afters[0][0]).days
    weeks = max(1, round(span_days / 7))
    span = f"{weeks} week{'s' if weeks != 1 else ''}"
    if end <= start - 0.5:
        return f"Average pain after sessions fell from {_fmt(start)} to {_fmt(end)} over {span}."
    if end >= start + 0.5:
        return (
            f"Average pain after sessions rose from {_fmt(start)} to {_fmt(end)} over {span}. "
            "If it keeps rising, do a little less for a while (flare-up mode can help) and "
            "talk to a GP, physiotherapist or other healthcare provider."
        )
    return f"Average pain after sessions stayed about the same ({_fmt(end)}) over {span}."


def pain_chart(points, start: date, end: date, width: int = 640, height: int = 240) -> dict:
    """Coordinates for an inline SVG line chart of pain (0–10) over the date range."""
    left, right, top, bottom = 34, 12, 12, 28
    span = max(1, (end - start).days)

    def x(day: date) -> float:
        return round(left + (width - left - right) * (day - start).days / span, 1)

    def y(value: int) -> float:
        return round(top + (height - top - bottom) * (10 - value) / 10, 1)

    # A date label every fortnight, or every few weeks over a long range: about six labels.
    step = 14 if span <= 12 * 7 else 7 * -(-span // (7 * 6))

    before = [(x(d), y(b)) for d, b, _ in points if b is not None]
    after = [(x(d), y(a)) for d, _, a in points if a is not None]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "bottom": height - bottom,
        "grid": [{"y": y(v), "label": v} for v in (0, 2, 4, 6, 8, 10)],
        "ticks": [
            {"x": x(d), "label": d.strftime("%-d %b")}
            for d in (start + timedelta(days=offset) for offset in range(0, span + 1, step))
        ],
        "before_path": " ".join(f"{px},{py}" for px, py in before),
        "after_path": " ".join(f"{px},{py}" for px, py in after),
        "before": before,
        "after": after,
        "label_y": height - 8,
    }


def pain_trend(sessions, today: date, days: int = 60) -> PainTrend:
    start = today - timedelta(days=days - 1)
    points = sorted(
        (s.date, s.pain_before, s.pain_after)
        for s in sessions
        if s.finished
        and start <= s.date <= today
        and (s.pain_before is not None or s.pain_after is not None)
    )
    return PainTrend(points, pain_summary(points), pain_chart(points, start, today))


# --- Start slowly, then progress --------------------------------------------------------------

# Beginners start with about 5 repetitions and add 1 or 2 every few days (NHS Inform): a
# step is offered at most once a week, after a week that went well.
PROGRESSION_WINDOW_DAYS = 7
REPS_STEP = 2
HOLD_STEP_SECONDS = 5
# However small the starting dose, reps may build up to at least this many.
REPS_FLOOR_TOP = 10


@dataclass(frozen=True)
class Suggestion:
    item_id: int
    field: str  # "reps", "hold_seconds" or "sets"
    current: int
    proposed: int

    @property
    def text(self) -> str:
        unit = {"reps": "reps", "hold_seconds": "seconds' hold", "sets": "sets"}[self.field]
        return f"{self.current} → {self.proposed} {unit}"


def safe_maximum(field: str, default: int | None, default_sets: int) -> int:
    """The most a suggestion ever proposes: reps up to twice the starting amount (and at
    least 10), holds up to three times, and two sets more than the suggested sets."""
    if field == "reps":
        return min(REPS_RANGE[1], max(REPS_FLOOR_TOP, 2 * (default or REPS_FLOOR_TOP)))
    if field == "hold_seconds":
        return min(HOLD_RANGE[1], 3 * (default or 20))
    return min(SETS_RANGE[1], default_sets + 2)


def next_step(item, exercise) -> Suggestion | None:
    """A small step: 1 or 2 more reps (2, or 1 to reach the top), 5 s more hold, or else
    one more set; never past the safe maximum."""
    if item.reps is not None:
        top = safe_maximum("reps", exercise.default_reps, exercise.default_sets)
        if item.reps < top:
            return Suggestion(item.pk, "reps", item.reps, min(top, item.reps + REPS_STEP))
    if item.hold_seconds is not None:
        top = safe_maximum("hold_seconds", exercise.default_hold_seconds, exercise.default_sets)
        if item.hold_seconds < top:
            proposed = min(top, item.hold_seconds + HOLD_STEP_SECONDS)
            return Suggestion(item.pk, "hold_seconds", item.hold_seconds, proposed)
    top = safe_maximum("sets", None, exercise.default_sets)
    if item.sets < top:
        return Suggestion(item.pk, "sets", item.sets, item.sets + 1)
    return None


def ready_to_progress(
    plan: RoutinePlan,
    today: date,
    done_dates: set[date],
    hurt_dates: set[date],
    pains: list[tuple[int | None, int | None]],
    dismissed_on: date | None = None,
) -> bool:
    """The gate for a small step up: the routine existed all of the last week (the 7
    days before today), had at least two scheduled sessions in it, and the item was done
    in ≥ 80 % of them;
    it never hurt; every session with pain logged had pain after ≤ pain before and below
    5; and no step was taken or turned down in that time."""
    window_start = today - timedelta(days=PROGRESSION_WINDOW_DAYS)
    if plan.since > window_start:  # a whole week of the routine, or it is too soon to tell
        return False
    if dismissed_on and dismissed_on > window_start:
        return False
    if any(window_start <= d < today for d in hurt_dates):
        return False
    scheduled = [d for d in days_between(window_start, today - timedelta(days=1)) if plan.on(d)]
    if len(scheduled) < 2:
        return False
    done = sum(1 for d in scheduled if d in done_dates)
    if done < 0.8 * len(scheduled):
        return False
    logged = [(b, a) for b, a in pains if b is not None and a is not None]
    if not logged:
        return False
    return all(a <= b and a < 5 for b, a in logged)
