"""The plan as an iCalendar feed at /calendar/<token>.ics, parsed back with the
icalendar library: one weekly event per active routine, RRULE/BYDAY, TZID with a
VTIMEZONE, a VALARM at the user's lead time, all-day only without any time, the exercises
in the description; the secret token, its regeneration, and the subscribe link on /plan/."""

from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from exercises.models import RoutineItem

pytestmark = pytest.mark.django_db

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def feed_url(user) -> str:
    user.profile.refresh_from_db()
    return f"/calendar/{user.profile.calendar_token}.ics"


def fetch(client, user) -> Calendar:
    response = client.get(feed_url(user))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events_by_summary(calendar: Calendar) -> dict:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def london(make_user):
    return make_user("lou", time_zone="Europe/London", reminder_lead_minutes=20)


@pytest.fixture
def plan(london, make_routine):
    morning = make_routine(
        london, "Morning", days=(MON, WED, FRI), slugs=("cat-cow", "plank"), at="07:30"
    )
    weekend = make_routine(london, "Weekend", days=(SAT, SUN), slugs=("bridge",))
    make_routine(london, "Switched off", days=(TUE,), slugs=("superman",), active=False)
    make_routine(london, "Empty", days=(THU,), slugs=())
    make_routine(london, "No days", days=(), slugs=("wall-angels",))
    paused = make_routine(london, "All paused", days=(TUE,), slugs=("pelvic-tilts",))
    RoutineItem.objects.filter(routine=paused).update(paused=True, pause_reason="user")
    return {"morning": morning, "weekend": weekend}


def test_one_weekly_event_per_active_routine_with_exercises(client, london, plan):
    events = events_by_summary(fetch(client, london))
    assert set(events) == {"BackCare: Morning", "BackCare: Weekend"}
    uids = {str(event["UID"]) for event in events.values()}
    assert len(uids) == 2


def test_rrule_is_weekly_on_the_routines_days(client, london, plan):
    events = events_by_summary(fetch(client, london))
    for name, routine in plan.items():
        rule = events[f"BackCare: {routine.name}"]["RRULE"]
        assert rule["FREQ"] == ["WEEKLY"], name
        assert rule["BYDAY"] == [BYDAY[d] for d in routine.weekday_list], name


def test_timed_event_starts_at_the_routines_time_in_the_users_zone(client, london, plan):
    calendar = fetch(client, london)
    event = events_by_summary(calendar)["BackCare: Morning"]
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    start = event.decoded("DTSTART")
    assert isinstance(start, datetime)
    assert (start.hour, start.minute) == (7, 30)
    assert start.tzinfo.key == "Europe/London"
    assert start.weekday() in plan["morning"].weekday_list
    assert event.decoded("DURATION") >= timedelta(minutes=1)
    zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/London"]


def test_timed_event_has_an_alarm_at_the_users_lead_time(client, london, plan):
    event = events_by_summary(fetch(client, london))["BackCare: Morning"]
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == -timedelta(minutes=london.profile.reminder_lead_minutes)


def test_routine_without_a_time_is_all_day_without_an_alarm(client, london, plan):
    event = events_by_summary(fetch(client, london))["BackCare: Weekend"]
    start = event.decoded("DTSTART")
    assert type(start) is date
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.decoded("DTEND") == start + timedelta(days=1)
    assert start.weekday() in (SAT, SUN)
    assert event.walk("VALARM") == []


def test_routine_without_a_time_uses_the_reminder_time_when_there_is_one(client, london, plan):
    london.profile.reminder_time = time(18, 15)
    london.profile.save()
    event = events_by_summary(fetch(client, london))["BackCare: Weekend"]
    start = event.decoded("DTSTART")
    assert isinstance(start, datetime)
    assert (start.hour, start.minute) == (18, 15)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert len(event.walk("VALARM")) == 1
    # A routine's own time still wins over the reminder time.
    morning = events_by_summary(fetch(client, london))["BackCare: Morning"].decoded("DTSTART")
    assert (morning.hour, morning.minute) == (7, 30)


def test_the_zone_follows_the_users_setting(client, make_user, make_routine):
    person = make_user("kai", time_zone="Pacific/Auckland", reminder_lead_minutes=45)
    make_routine(person, "Lunch", days=(TUE,), slugs=("plank",), at="12:00")
    calendar = fetch(client, person)
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Pacific/Auckland"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Pacific/Auckland"]
    assert event.walk("VALARM")[0].decoded("TRIGGER") == -timedelta(minutes=45)


def test_description_lists_exercises_and_doses_and_links_to_today(client, london, plan):
    event = events_by_summary(fetch(client, london))["BackCare: Morning"]
    description = str(event["DESCRIPTION"])
    for item in plan["morning"].items.select_related("exercise"):
        assert f"{item.exercise.name}: {item.dose_label}" in description
    assert "Bridge" not in description
    assert "http://testserver/today/" in description
    assert str(event["URL"]) == "http://testserver/today/"


def test_paused_exercises_are_left_out_of_the_description(client, london, plan):
    RoutineItem.objects.filter(routine=plan["morning"], exercise__slug="plank").update(paused=True)
    description = str(events_by_summary(fetch(client, london))["BackCare: Morning"]["DESCRIPTION"])
    assert "Cat-cow stretch" in description
    assert "Plank" not in description


def test_feed_holds_only_its_owners_routines(client, london, plan, other_user, make_routine):
    make_routine(other_user, "Someone else's", days=(MON,), slugs=("plank",), at="09:00")
    events = events_by_summary(fetch(client, london))
    assert "BackCare: Someone else's" not in events
    assert len(fetch(client, other_user).walk("VEVENT")) == 1


def test_an_empty_plan_is_still_a_valid_calendar(client, user):
    calendar = fetch(client, user)
    assert calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0"


@pytest.mark.parametrize(
    "token", ["not-a-real-token-but-long-enough-000", "short", "x" * 32, "%20" * 10]
)
def test_unknown_token_is_404(client, london, plan, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_regenerating_the_token_retires_the_old_link(client, london, plan):
    old = feed_url(london)
    assert client.get(old).status_code == 200
    client.force_login(london)
    response = client.post("/accounts/calendar-token/")
    assert response.status_code == 302
    assert response["Location"] == "/plan/"
    new = feed_url(london)
    assert new != old
    client.logout()  # the feed needs no login: the token is the key
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_regenerating_needs_post_and_login(client, london):
    old = feed_url(london)
    assert client.post("/accounts/calendar-token/").status_code == 302  # to the login page
    client.force_login(london)
    assert client.get("/accounts/calendar-token/").status_code == 405
    assert feed_url(london) == old


def test_plan_page_shows_the_subscribe_link(client, london, plan):
    client.force_login(london)
    page = client.get("/plan/").content.decode()
    url = feed_url(london)
    assert f'href="webcal://testserver{url}">Subscribe to calendar</a>' in page
    assert f'href="{url}" download="backcare.ics"' in page
    assert f'value="http://testserver{url}"' in page
    assert "Make a new link" in page


# --- The plan page says which events are all-day ------------------------------------------------


def all_day_note(page: str) -> str:
    if 'id="calendar-all-day"' not in page:
        return ""
    note = page[page.index('id="calendar-all-day"') :]
    return note[: note.index("</div>")]


def test_plan_says_a_routine_without_a_time_is_all_day_and_offers_to_set_one(client, london, plan):
    client.force_login(london)
    note = all_day_note(client.get("/plan/").content.decode())
    weekend = plan["weekend"]
    assert "“Weekend” has no time of day, so in your calendar it is an all-day event" in note
    assert "with no reminder." in note
    link = f"/plan/routines/{weekend.pk}/#id_time_of_day"
    assert f'<a href="{link}">Set a time<span class="visually-hidden"> for Weekend</span>' in note
    assert "Morning" not in note  # it has a time
    for not_in_feed in ("Switched off", "Empty", "No days", "All paused"):
        assert not_in_feed not in note
    # The link lands on the editor's time field.
    editor = client.get(link.split("#")[0]).content.decode()
    assert 'id="id_time_of_day"' in editor
    # And the feed agrees: all day, no alarm.
    event = events_by_summary(fetch(client, london))["BackCare: Weekend"]
    assert type(event.decoded("DTSTART")) is date
    assert event.walk("VALARM") == []


def test_setting_a_time_gives_the_event_a_time_and_a_reminder_and_ends_the_note(
    client, london, plan
):
    client.force_login(london)
    weekend = plan["weekend"]
    client.post(
        f"/plan/routines/{weekend.pk}/",
        {"name": "Weekend", "days": ["5", "6"], "time_of_day": "09:00", "active": "on"},
    )
    weekend.refresh_from_db()
    assert weekend.time_of_day == time(9, 0)
    assert all_day_note(client.get("/plan/").content.decode()) == ""
    event = events_by_summary(fetch(client, london))["BackCare: Weekend"]
    assert (event.decoded("DTSTART").hour, event.decoded("DTSTART").minute) == (9, 0)
    assert len(event.walk("VALARM")) == 1


def test_a_reminder_time_means_no_all_day_events_and_no_note(client, london, plan):
    london.profile.reminder_time = time(18, 15)
    london.profile.save()
    client.force_login(london)
    assert all_day_note(client.get("/plan/").content.decode()) == ""
    event = events_by_summary(fetch(client, london))["BackCare: Weekend"]
    assert isinstance(event.decoded("DTSTART"), datetime)


def test_several_all_day_routines_are_each_named_with_a_link(client, london, plan, make_routine):
    extra = make_routine(london, "Desk breaks", days=(MON, TUE), slugs=("wall-angels",))
    client.force_login(london)
    note = all_day_note(client.get("/plan/").content.decode())
    assert "These routines have no time of day" in note
    for routine in (plan["weekend"], extra):
        assert f'{routine.name}: <a href="/plan/routines/{routine.pk}/#id_time_of_day">' in note
    assert 'href="/accounts/settings/#id_reminder_time"' in note
