"""Export all of a user's data: one JSON document, and session logs as CSV."""

import csv

from django.utils import timezone

from .models import ActivityLog, ExerciseCheck, FlareUp, Routine, SessionLog

FORMAT_VERSION = 1


def _time(value):
    return value.isoformat() if value else None


def export_user_data(user) -> dict:
    profile = user.profile
    routines = Routine.objects.for_user(user).with_items().order_by("position", "id")
    sessions = (
        SessionLog.objects.for_user(user)
        .prefetch_related("checks__exercise")
        .order_by("date", "started_at")
    )
    return {
        "format": "backcare-export",
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "user": {
            "username": user.username,
            "email": user.email,
            "date_joined": _time(user.date_joined),
        },
        "profile": {
            "time_zone": profile.time_zone,
            "week_start": profile.get_week_start_display(),
            "reminder_time": _time(profile.reminder_time),
            "reminder_lead_minutes": profile.reminder_lead_minutes,
            "weekly_goal": profile.weekly_goal,
            "safety_check_completed_on": _time(profile.safety_check_completed_on),
            "safety_check_answers": profile.safety_check_answers,
        },
        "routines": [
            {
                "id": routine.pk,
                "name": routine.name,
                "weekdays": routine.weekday_names,
                "time_of_day": _time(routine.time_of_day),
                "active": routine.active,
                "created_at": _time(routine.created_at),
                "items": [
                    {
                        "id": item.pk,
                        "exercise": item.exercise.slug,
                        "position": item.position,
                        "sets": item.sets,
                        "reps": item.reps,
                        "hold_seconds": item.hold_seconds,
                        "paused": item.paused,
                        "pause_reason": item.pause_reason,
                    }
                    for item in routine.items.all()
                ],
            }
            for routine in routines
        ],
        "sessions": [
            {
                "id": session.pk,
                "routine_id": session.routine_id,
                "routine_name": session.routine_name,
                "date": _time(session.date),
                "started_at": _time(session.started_at),
                "finished_at": _time(session.finished_at),
                "pain_before": session.pain_before,
                "pain_after": session.pain_after,
                "effort": session.effort,
                "notes": session.notes,
                "share_notes": session.share_notes,
                "checks": [
                    {
                        "id": check.pk,
                        "item_id": check.item_id,
                        "exercise": check.exercise.slug,
                        "status": check.status,
                        "checked_at": _time(check.checked_at),
                    }
                    for check in session.checks.all()
                ],
            }
            for session in sessions
        ],
        "activities": [
            {
                "id": activity.pk,
                "date": _time(activity.date),
                "kind": activity.kind,
                "minutes": activity.minutes,
                "notes": activity.notes,
            }
            for activity in ActivityLog.objects.filter(owner=user).order_by("date", "id")
        ],
        "flare_ups": [
            {
                "start": _time(spell.start),
                "last_day": _time(spell.last_day),
                "ended_on": _time(spell.ended_on),
            }
            for spell in FlareUp.objects.filter(owner=user).order_by("start")
        ],
    }


CSV_COLUMNS = [
    "date",
    "routine",
    "finished_at",
    "pain_before",
    "pain_after",
    "effort",
    "done",
    "stopped_because_it_hurt",
    "notes",
]


# Spreadsheet programs on Windows read a CSV file as the local code page unless it starts
# with a UTF-8 byte-order mark; with it, accents and emoji come through.
BYTE_ORDER_MARK = "\ufeff"

# A cell starting with one of these (or, after leading spaces, with one of the first four)
# is run as a formula by spreadsheet programs: the OWASP CSV-injection rule.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A cell as a spreadsheet shows it and never runs: text that could start a formula
    gets a leading apostrophe (which spreadsheets don't display); numbers stay numbers."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer that neutralises every cell, so no column written by a user (routine
    names, notes, anything added later) can reach a spreadsheet as a formula. Every cell is
    quoted too, as OWASP advises."""

    def __init__(self, stream):
        self._writer = csv.writer(stream, quoting=csv.QUOTE_ALL)

    def writerow(self, row) -> None:
        self._writer.writerow([csv_safe(cell) for cell in row])


def write_sessions_csv(user, stream) -> None:
    stream.write(BYTE_ORDER_MARK)
    writer = SafeCsvWriter(stream)
    writer.writerow(CSV_COLUMNS)
    sessions = (
        SessionLog.objects.for_user(user)
        .prefetch_related("checks__exercise")
        .order_by("date", "started_at")
    )
    for session in sessions:
        checks = list(session.checks.all())
        writer.writerow(
            [
                session.date.isoformat(),
                session.routine_name or "Quick session",
                _time(session.finished_at) or "",
                "" if session.pain_before is None else session.pain_before,
                "" if session.pain_after is None else session.pain_after,
                "" if session.effort is None else session.effort,
                "; ".join(c.exercise.name for c in checks if c.status == ExerciseCheck.Status.DONE),
                "; ".join(c.exercise.name for c in checks if c.status == ExerciseCheck.Status.HURT),
                session.notes,
            ]
        )
