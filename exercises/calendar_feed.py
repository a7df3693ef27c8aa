"""The plan as an iCalendar feed, built with the icalendar library.

One weekly recurring event per active routine (RRULE;BYDAY), at its time of day in the
user's zone with a TZID and a generated VTIMEZONE, and a VALARM at the user's lead time.
A routine with no time of day (and no reminder time) becomes an all-day event.
"""

from datetime import datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, vRecur

from . import content

BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DEFAULT_MINUTES = 10


def in_feed(routine) -> bool:
    """A routine is in the feed when it is active, has days and unpaused exercises."""
    return routine.active and bool(routine.weekdays) and bool(routine.active_items())


def event_time(routine, profile) -> time | None:
    """When a routine's event starts: its own time of day, else the user's reminder time.
    None means an all-day event, and an all-day event carries no reminder."""
    return routine.time_of_day or profile.reminder_time


def all_day_routines(profile, routines) -> list:
    """The routines whose event is all-day with no reminder (uses prefetched items)."""
    return [r for r in routines if in_feed(r) and event_time(r, profile) is None]


def _first_occurrence(start_day, weekdays: list[int]):
    for offset in range(7):
        day = start_day + timedelta(days=offset)
        if day.weekday() in weekdays:
            return day
    return start_day


def build_calendar(profile, routines, *, today_url: str, now: datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//BackCare//Weekly plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "BackCare plan")
    cal.add("x-wr-timezone", profile.time_zone)
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    zone = profile.zone
    for routine in routines:
        if not in_feed(routine):
            continue
        weekdays = routine.weekday_list
        items = routine.active_items()
        event = Event()
        event.add("uid", f"routine-{routine.pk}@backcare")
        event.add("summary", f"BackCare: {routine.name}")
        lines = [f"- {item.exercise.name}: {item.dose_label}" for item in items]
        event.add(
            "description",
            "\n".join(
                [
                    "Today's exercises:",
                    *lines,
                    "",
                    content.CALENDAR_NOTE,
                    f"Tick them off: {today_url}",
                ]
            ),
        )
        event.add("url", today_url)
        event.add("dtstamp", now)
        first = _first_occurrence(routine.created_at.astimezone(zone).date(), weekdays)
        at = event_time(routine, profile)
        if at is not None:
            start = datetime.combine(first, at, tzinfo=zone)
            event.add("dtstart", start)
            event.add(
                "duration", timedelta(minutes=max(DEFAULT_MINUTES, routine.estimated_minutes()))
            )
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"BackCare: {routine.name} soon")
            alarm.add("trigger", timedelta(minutes=-profile.reminder_lead_minutes))
            event.add_component(alarm)
        else:
            event.add("dtstart", first)
            event.add("dtend", first + timedelta(days=1))
        event.add("rrule", vRecur(freq="WEEKLY", byday=[BYDAY[d] for d in weekdays]))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
