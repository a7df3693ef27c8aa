"""Today and other days. What is listed and how, ticking and unticking (HTMX and
plain forms), the session log and its validation, "listen to your body", "This hurt",
the back-fill window, quick sessions and other activities, ownership, time zones, the
database constraints, and Today's query count.

"Now" is frozen at Tuesday 24 November 2026, 11:30 UTC for every test here."""

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from exercises import content
from exercises.models import (
    ActivityLog,
    ExerciseCheck,
    Routine,
    RoutineItem,
    SessionLog,
    weekday_mask,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 24, 11, 30, tzinfo=UTC)
TODAY = NOW.date()  # a Tuesday, for a user in UTC
EVERY_DAY = tuple(range(7))
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
TODAY_URL = "/today/"
PAIN_MESSAGE = "Pain is a number from 0 to 10."
EFFORT_MESSAGE = "Effort is a number from 1 to 5."


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    """Freeze django.utils.timezone.now; returns a function to move the clock."""

    def move_to(moment: datetime):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    move_to(NOW)
    return move_to


# --- helpers -------------------------------------------------------------------------------


def html(response) -> str:
    return response.content.decode()


def text_of(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def checkbox_labels(page: str, name: str = "done") -> dict[str, str]:
    """The exercise checkboxes (name="done") on the page: id → text of its <label for=id>."""
    ids = re.findall(rf'<input type="checkbox" name="{name}"[^>]*\bid="([^"]+)"', page)
    labels = {
        match.group(1): text_of(match.group(2))
        for match in re.finditer(r'<label[^>]*\bfor="([^"]+)"[^>]*>(.*?)</label>', page, re.S)
    }
    return {checkbox: labels.get(checkbox) for checkbox in ids}


def check_url(day: date, item) -> str:
    return f"/day/{day.isoformat()}/items/{item.pk}/check/"


def hurt_url(day: date, item) -> str:
    return f"/day/{day.isoformat()}/items/{item.pk}/hurt/"


def log_url(day: date, routine) -> str:
    return f"/day/{day.isoformat()}/routines/{routine.pk}/log/"


def day_url(day: date) -> str:
    return f"/day/{day.isoformat()}/"


def tick(client, day, item, done=True, **headers):
    return client.post(check_url(day, item), {"done": "1"} if done else {}, **headers)


def log(client, day, routine, action="finish", **fields):
    """As the day page asks: pain before at the start, the rest when finishing."""
    if "pain_before" in fields:
        start = reverse("exercises:start", args=[day, routine.pk])
        client.post(start, {f"r{routine.pk}-pain_before": fields.pop("pain_before")})
    data = {f"r{routine.pk}-{name}": value for name, value in fields.items()}
    data["action"] = action
    return client.post(log_url(day, routine), data)


def items_of(routine) -> list[RoutineItem]:
    return list(routine.items.select_related("exercise").order_by("position"))


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def routine(user, make_routine):
    return make_routine(user, "Every day", days=EVERY_DAY, slugs=("cat-cow", "childs-pose"))


# --- What Today lists ---------------------------------------------------------------------


def test_today_lists_routines_scheduled_today_in_order_of_time_of_day(
    logged_in, user, make_routine
):
    make_routine(user, "Evening wind-down", days=(TUE,), slugs=("bridge",), at="18:00")
    make_routine(user, "Whenever", days=(TUE, SAT), slugs=("plank",))
    make_routine(user, "Morning loosen", days=(MON, TUE), slugs=("cat-cow",), at="07:30")
    make_routine(user, "Thursday only", days=(THU,), slugs=("superman",), at="06:00")
    make_routine(user, "Paused", days=(TUE,), slugs=("wall-angels",), at="05:00", active=False)
    page = html(logged_in.get(TODAY_URL))
    headings = re.findall(r'<h2 id="routine-\d+-heading">(.*?)</h2>', page)
    assert [text_of(h) for h in headings] == [
        "07:30 · Morning loosen",
        "18:00 · Evening wind-down",
        "Whenever",
    ]
    assert "Thursday only" not in page
    assert "Wall angels" not in page


def test_each_exercise_is_a_checkbox_labelled_with_its_name_with_dose_and_link(logged_in, routine):
    page = html(logged_in.get(TODAY_URL))
    items = items_of(routine)
    labels = checkbox_labels(page)
    assert sorted(labels.values()) == sorted(item.exercise.name for item in items)
    for item in items:
        assert labels[f"check-{item.pk}"] == item.exercise.name
        row = page[page.index(f'id="item-{routine.pk}-{item.pk}"') :]
        row = row[: row.index("</li>")]
        assert item.dose_label in unescape(row)
        assert f'href="{item.exercise.get_absolute_url()}"' in row
        assert f"This hurt: {item.exercise.name}" in unescape(row)
    assert "How is your back right now?" in page
    for legend in ("Pain before", "Pain after", "Effort"):
        assert f"<legend>{legend}</legend>" in page
    assert f'<label for="id_r{routine.pk}-notes">Notes</label>' in page
    assert ">Finish session</button>" in page


def test_paused_items_are_left_out_and_a_routine_of_only_paused_items_is_hidden(
    logged_in, user, routine, make_routine
):
    first, second = items_of(routine)
    RoutineItem.objects.filter(pk=first.pk).update(paused=True)
    make_routine(user, "All paused", days=EVERY_DAY, slugs=("plank",))
    RoutineItem.objects.filter(routine__name="All paused").update(paused=True)
    page = html(logged_in.get(TODAY_URL))
    assert list(checkbox_labels(page).values()) == [second.exercise.name]
    assert "All paused" not in page
    assert "0 of 1 done" in page


def test_progress_shows_how_many_are_done(logged_in, user, make_routine):
    routine = make_routine(user, "Three", days=EVERY_DAY, slugs=("cat-cow", "bridge", "plank"))
    first, second, _ = items_of(routine)
    tick(logged_in, TODAY, first)
    logged_in.post(hurt_url(TODAY, second))  # stopped, not done
    page = html(logged_in.get(TODAY_URL))
    assert "1 of 3 done" in page
    assert '<progress max="3" value="1"' in page


def test_nothing_scheduled_today_says_so_and_offers_next_planned_day_and_quick_session(
    logged_in, user, make_routine
):
    make_routine(user, "Thursdays", days=(THU,))
    page = html(logged_in.get(TODAY_URL))
    assert "Nothing planned today" in page
    assert "Thursday 26 November" in page  # the next planned day
    assert 'href="/today/quick/"' in page
    assert checkbox_labels(page) == {}


def test_nothing_planned_at_all_still_offers_a_quick_session_and_the_plan(logged_in):
    page = html(logged_in.get(TODAY_URL))
    assert "Nothing planned today" in page
    assert 'href="/today/quick/"' in page
    assert 'href="/plan/"' in page


def test_today_needs_login(client):
    response = client.get(TODAY_URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- Ticking --------------------------------------------------------------------------------


def test_ticking_stores_one_done_check(logged_in, user, routine):
    item = items_of(routine)[0]
    tick(logged_in, TODAY, item)
    check = ExerciseCheck.objects.get()
    assert (check.exercise, check.item, check.status) == (item.exercise, item, "done")
    assert (check.session.owner, check.session.routine, check.session.date) == (
        user,
        routine,
        TODAY,
    )


def test_ticking_twice_keeps_one_check(logged_in, routine):
    item = items_of(routine)[0]
    tick(logged_in, TODAY, item)
    tick(logged_in, TODAY, item)  # a double click or a replayed request
    tick(logged_in, TODAY, item, **HTMX)
    assert ExerciseCheck.objects.count() == 1
    assert SessionLog.objects.count() == 1


def test_unticking_removes_the_check_and_unticking_again_is_harmless(logged_in, routine):
    item = items_of(routine)[0]
    tick(logged_in, TODAY, item)
    tick(logged_in, TODAY, item, done=False)
    assert ExerciseCheck.objects.count() == 0
    assert tick(logged_in, TODAY, item, done=False).status_code == 302
    assert ExerciseCheck.objects.count() == 0
    assert "0 of 2 done" in html(logged_in.get(TODAY_URL))


def test_ticking_without_javascript_redirects_back_to_today(logged_in, routine):
    item = items_of(routine)[0]
    response = tick(logged_in, TODAY, item)
    assert response.status_code == 302
    assert response["Location"] == f"/today/#item-{routine.pk}-{item.pk}"
    page = html(logged_in.get(TODAY_URL))
    assert re.search(rf'id="check-{item.pk}" checked', page)
    assert "1 of 2 done" in page


def test_htmx_tick_returns_only_the_row_and_the_progress_out_of_band(logged_in, routine):
    item = items_of(routine)[0]
    response = tick(logged_in, TODAY, item, **HTMX)
    assert response.status_code == 200
    fragment = html(response)
    assert "<html" not in fragment
    assert "<main" not in fragment
    assert fragment.count("<li ") == 1
    assert f'id="item-{routine.pk}-{item.pk}"' in fragment
    assert re.search(rf'id="check-{item.pk}" checked', fragment)
    assert re.search(r'id="day-progress"[^>]*data-hx-swap-oob="true"', fragment)
    assert "1 of 2 done" in fragment
    assert "done" in response["HX-Trigger-After-Settle"]

    untick = html(tick(logged_in, TODAY, item, done=False, **HTMX))
    assert not re.search(rf'id="check-{item.pk}" checked', untick)
    assert "0 of 2 done" in untick


def test_a_ticks_progress_counts_what_the_day_page_counts(logged_in, user, make_routine):
    """The tick counts from the day's checks and the plan's items; the day page counts
    the rows it lists. They agree with a paused item, a routine started on a day it isn't
    planned for, a routine with nothing started yet, and a quick session on the day."""
    today_plan = make_routine(user, "Today", days=(TODAY.weekday(),), slugs=("cat-cow", "plank"))
    paused = items_of(today_plan)[1]
    paused.paused = True
    paused.save()
    other_day = (TODAY.weekday() + 1) % 7
    started = make_routine(user, "Started anyway", days=(other_day,), slugs=("bridge", "cat-cow"))
    make_routine(user, "Not today", days=(other_day,), slugs=("childs-pose",))
    tick(logged_in, TODAY, items_of(started)[0])  # starts it today
    logged_in.post(
        "/today/quick/",
        {"exercise": [str(items_of(started)[1].exercise_id)], "submission_key": uuid.uuid4()},
    )

    fragment = html(tick(logged_in, TODAY, items_of(today_plan)[0], **HTMX))

    page = html(logged_in.get(TODAY_URL))
    assert "2 of 3 done" in fragment
    assert "2 of 3 done" in page
    untick = html(tick(logged_in, TODAY, items_of(started)[0], done=False, **HTMX))
    assert "1 of 3 done" in untick
    assert "1 of 3 done" in html(logged_in.get(TODAY_URL))


def test_a_tick_and_an_untick_cost_the_same_few_queries_however_big_the_plan(
    client, user, catalog, make_routine, django_assert_max_num_queries
):
    """A tick reads the day's checks and writes one statement (an update of the check
    it read, an insert or a delete). The plan it needs (its item, flare-up mode, the
    day's items) is read once after each change to the plan, then comes from the cache,
    whose key the tick itself does not move."""
    client.force_login(user)
    slugs = list(catalog)
    small = make_routine(user, "Small", days=EVERY_DAY, slugs=slugs[:1])
    item = items_of(small)[0]
    tick(client, TODAY, item, **HTMX)  # the session exists from the first tick on
    counts = []

    def tick_untick_tick():
        for done in (True, False, True):
            with django_assert_max_num_queries(10) as queries:
                response = tick(client, TODAY, item, done=done, **HTMX)
            assert response.status_code == 200
            # Savepoints are this test's own transaction at work: requests run in
            # autocommit, where a tick's insert is a transaction by itself.
            sql = [query["sql"] for query in queries.captured_queries]
            counts.append(sum(1 for q in sql if not q.startswith(("SAVEPOINT", "RELEASE"))))

    small.save()  # a change to the plan, as the admin would make
    tick_untick_tick()
    for position, slug in enumerate(slugs[1:], start=1):
        RoutineItem.objects.create_with_default_dose(small, catalog[slug], position)
    make_routine(user, "Large", days=EVERY_DAY, slugs=slugs, at="07:00")
    tick_untick_tick()
    assert counts[:3] == counts[3:]
    after_change, untick, with_plan_cached = counts[:3]
    # The plan's items, their exercises and the flare-up spells.
    assert after_change == with_plan_cached + 3
    # An untick deletes the check the day's read found, by its id, and asks nothing
    # else: the request moves the user's version itself, so no signal looks up the owner.
    assert untick == with_plan_cached


def test_check_refuses_get(logged_in, routine):
    item = items_of(routine)[0]
    assert logged_in.get(check_url(TODAY, item)).status_code == 405
    assert ExerciseCheck.objects.count() == 0


# --- The database is the last word -----------------------------------------------------------


def test_database_refuses_a_second_check_for_the_same_exercise_in_a_session(user, routine):
    item = items_of(routine)[0]
    session = SessionLog.objects.create(owner=user, routine=routine, date=TODAY)
    ExerciseCheck.objects.create(session=session, exercise=item.exercise, item=item)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExerciseCheck.objects.create(session=session, exercise=item.exercise, item=item)
    assert ExerciseCheck.objects.count() == 1


def test_database_refuses_a_second_session_for_the_same_routine_and_day(user, routine):
    SessionLog.objects.create(owner=user, routine=routine, date=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionLog.objects.create(owner=user, routine=routine, date=TODAY)
    assert SessionLog.objects.count() == 1
    # Another day, or another person's routine, is a different session.
    SessionLog.objects.create(owner=user, routine=routine, date=TODAY - timedelta(days=1))
    assert SessionLog.objects.count() == 2


def test_session_for_routine_on_returns_the_existing_session(user, routine):
    first = SessionLog.for_routine_on(user, routine, TODAY)
    again = SessionLog.for_routine_on(user, routine, TODAY)
    assert first.pk == again.pk
    assert SessionLog.objects.count() == 1


# --- The session log --------------------------------------------------------------------------


def test_finish_session_stores_pains_effort_notes_and_the_finish_time(logged_in, routine):
    response = log(logged_in, TODAY, routine, pain_before=4, pain_after=2, effort=3, notes="Easy")
    assert response.status_code == 302
    assert response["Location"] == f"{TODAY_URL}#routine-{routine.pk}"
    session = SessionLog.objects.get()
    assert (session.pain_before, session.pain_after, session.effort, session.notes) == (
        4,
        2,
        3,
        "Easy",
    )
    assert session.finished_at == NOW
    page = html(logged_in.get(TODAY_URL))
    assert "Finished: pain 4 before, 2 after; effort 3 of 5." in page


def test_finishing_with_nothing_filled_in_is_allowed(logged_in, routine):
    log(logged_in, TODAY, routine)
    session = SessionLog.objects.get()
    assert session.finished
    assert session.pain_before is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pain_before", "11", PAIN_MESSAGE),
        ("pain_after", "-1", PAIN_MESSAGE),
        ("pain_before", "abc", PAIN_MESSAGE),
        ("pain_after", "4.5", PAIN_MESSAGE),
        ("effort", "6", EFFORT_MESSAGE),
        ("effort", "0", EFFORT_MESSAGE),
        ("effort", "lots", EFFORT_MESSAGE),
    ],
)
def test_bad_values_come_back_with_a_clear_message_and_store_nothing(
    logged_in, routine, field, value, message
):
    if field == "pain_before":  # asked at the start, on its own
        start = reverse("exercises:start", args=[TODAY, routine.pk])
        response = logged_in.post(start, {f"r{routine.pk}-{field}": value}, follow=True)
        assert message in html(response)
        assert SessionLog.objects.count() == 0
        return
    fields = {"pain_after": "2", "effort": "2", field: value}
    response = log(logged_in, TODAY, routine, notes="kept in the form", **fields)
    assert response.status_code == 200
    page = html(response)
    assert message in page
    assert "nothing was saved yet" in page.lower()
    assert "kept in the form" in page  # the answers come back for another try
    assert SessionLog.objects.count() == 0
    assert ExerciseCheck.objects.count() == 0


def test_the_first_bad_answer_gets_focus_when_the_page_comes_back(logged_in, routine):
    response = log(logged_in, TODAY, routine, pain_after="2", effort="9")
    page = html(response)
    effort = page[page.index(f'name="r{routine.pk}-effort"') - 200 :]
    assert "autofocus" in effort[: effort.index(">", 200)]


def test_pain_before_is_asked_at_the_start_and_then_shown(logged_in, routine):
    start = reverse("exercises:start", args=[TODAY, routine.pk])
    page = html(logged_in.get(TODAY_URL))
    assert f'action="{start}#routine-{routine.pk}"' in page
    response = logged_in.post(start, {f"r{routine.pk}-pain_before": "4"})
    assert response.status_code == 302
    assert SessionLog.objects.get().pain_before == 4
    page = html(logged_in.get(TODAY_URL))
    assert "Before you started: pain 4 of 10." in page
    assert "How is your back right now?" not in page


def test_pain_before_with_htmx_swaps_only_its_own_block(logged_in, routine):
    start = reverse("exercises:start", args=[TODAY, routine.pk])
    bad = logged_in.post(start, {f"r{routine.pk}-pain_before": "60"}, **HTMX)
    assert bad.status_code == 422
    assert PAIN_MESSAGE in html(bad)
    assert not SessionLog.objects.exists()
    response = logged_in.post(start, {f"r{routine.pk}-pain_before": "6"}, **HTMX)
    page = html(response).lstrip()
    assert page.startswith(f'<div class="pain-before" id="pain-before-{routine.pk}"')
    assert "Before you started: pain 6 of 10." in page


def test_bad_values_leave_an_existing_session_as_it_was(logged_in, routine):
    item = items_of(routine)[0]
    tick(logged_in, TODAY, item)
    log(logged_in, TODAY, routine, pain_before=3, pain_after=2, effort=2, notes="first")
    before = SessionLog.objects.get()
    response = log(logged_in, TODAY, routine, pain_before=3, pain_after=11, notes="changed")
    assert PAIN_MESSAGE in html(response)
    after = SessionLog.objects.get()
    assert (after.pain_after, after.notes, after.finished_at) == (2, "first", before.finished_at)
    assert ExerciseCheck.objects.count() == 1


def test_finishing_twice_is_harmless(logged_in, routine, frozen_now):
    log(logged_in, TODAY, routine, pain_before=3, pain_after=2)
    frozen_now(NOW + timedelta(minutes=5))
    response = log(logged_in, TODAY, routine, pain_before=3, pain_after=2)
    assert response.status_code == 302
    session = SessionLog.objects.get()
    assert session.finished_at == NOW  # the first finish stands


def test_a_finished_session_can_be_reopened_and_edited(logged_in, routine, frozen_now):
    log(logged_in, TODAY, routine, pain_before=5, pain_after=4)
    page = html(logged_in.get(TODAY_URL))
    assert "Reopen session" in page
    assert "Save changes" in page

    log(logged_in, TODAY, routine, action="reopen", pain_before=5, pain_after=4)
    session = SessionLog.objects.get()
    assert session.finished_at is None
    assert ">Finish session</button>" in html(logged_in.get(TODAY_URL))

    frozen_now(NOW + timedelta(minutes=20))
    log(logged_in, TODAY, routine, pain_before=5, pain_after=3, notes="better")
    session.refresh_from_db()
    assert (session.pain_after, session.notes) == (3, "better")
    assert session.finished_at == NOW + timedelta(minutes=20)


def test_a_finished_session_can_be_edited_without_reopening(logged_in, routine):
    log(logged_in, TODAY, routine, pain_before=5, pain_after=4)
    log(logged_in, TODAY, routine, pain_before=5, pain_after=3, effort=2, notes="typo fixed")
    session = SessionLog.objects.get()
    assert (session.pain_after, session.effort, session.notes) == (3, 2, "typo fixed")
    assert session.finished_at == NOW


# --- Listen to your body ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "eases_off"),
    [(2, 4, True), (3, 4, False), (7, 7, True), (8, 7, True), (6, 6, False), (0, 1, False)],
)
def test_finishing_with_pain_up_two_or_at_seven_shows_the_ease_off_notice(
    logged_in, routine, before, after, eases_off
):
    response = log(logged_in, TODAY, routine, pain_before=before, pain_after=after)
    page = html(logged_in.get(response["Location"]))
    assert (content.EASE_OFF_NOTICE["title"] in unescape(page)) is eases_off
    assert ("Well done" in page) is not eases_off


def test_two_rising_sessions_in_a_row_keep_a_notice_on_today_until_acknowledged(
    logged_in, user, routine, frozen_now
):
    yesterday = TODAY - timedelta(days=1)
    log(logged_in, yesterday, routine, pain_before=2, pain_after=5)
    one_rising = html(logged_in.get(TODAY_URL))  # one session is not a pattern
    assert 'action="/today/acknowledge/"' not in one_rising

    log(logged_in, TODAY, routine, pain_before=3, pain_after=7)
    for _ in range(2):  # it stays, visit after visit
        page = html(logged_in.get(TODAY_URL))
        assert "Your last two sessions both ended with more pain" in page
        assert 'action="/today/acknowledge/"' in page

    frozen_now(NOW + timedelta(minutes=1))
    response = logged_in.post("/today/acknowledge/")
    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.pain_notice_acknowledged_at == NOW + timedelta(minutes=1)
    assert "Your last two sessions" not in html(logged_in.get(TODAY_URL))


def test_the_notice_returns_after_acknowledging_if_pain_keeps_rising(
    logged_in, user, make_routine, frozen_now
):
    first = make_routine(user, "First", days=EVERY_DAY, slugs=("cat-cow",))
    second = make_routine(user, "Second", days=EVERY_DAY, slugs=("bridge",))
    log(logged_in, TODAY - timedelta(days=1), first, pain_before=1, pain_after=4)
    log(logged_in, TODAY - timedelta(days=1), second, pain_before=1, pain_after=4)
    logged_in.post("/today/acknowledge/")
    assert 'action="/today/acknowledge/"' not in html(logged_in.get(TODAY_URL))
    frozen_now(NOW + timedelta(hours=1))
    log(logged_in, TODAY, first, pain_before=2, pain_after=8)
    assert "Your last two sessions" in html(logged_in.get(TODAY_URL))


def test_a_calm_session_between_two_rising_ones_means_no_lasting_notice(
    logged_in, routine, frozen_now
):
    log(logged_in, TODAY - timedelta(days=2), routine, pain_before=2, pain_after=6)
    log(logged_in, TODAY - timedelta(days=1), routine, pain_before=3, pain_after=3)
    log(logged_in, TODAY, routine, pain_before=2, pain_after=6)
    assert "Your last two sessions" not in html(logged_in.get(TODAY_URL))


# --- This hurt ----------------------------------------------------------------------------------


def test_this_hurt_stops_the_exercise_not_done_and_shows_guidance(logged_in, routine):
    item = items_of(routine)[0]
    tick(logged_in, TODAY, item)
    response = logged_in.post(hurt_url(TODAY, item))
    assert response.status_code == 302
    check = ExerciseCheck.objects.get()
    assert check.status == ExerciseCheck.Status.HURT
    page = unescape(html(logged_in.get(TODAY_URL)))
    assert content.HURT_GUIDANCE["text"] in page
    assert "Stopped because it hurt" in page
    assert "0 of 2 done" in page
    item.refresh_from_db()
    assert not item.paused


def test_this_hurt_with_htmx_returns_the_row_with_guidance(logged_in, routine):
    item = items_of(routine)[0]
    response = logged_in.post(hurt_url(TODAY, item), **HTMX)
    fragment = unescape(html(response))
    assert "<html" not in fragment
    assert content.HURT_GUIDANCE["text"] in fragment
    assert "0 of 2 done" in fragment


def test_hurting_in_two_sessions_within_14_days_pauses_the_item_until_resumed(logged_in, routine):
    item, other = items_of(routine)
    logged_in.post(hurt_url(TODAY - timedelta(days=6), item))
    item.refresh_from_db()
    assert not item.paused

    fragment = unescape(html(logged_in.post(hurt_url(TODAY, item), **HTMX)))
    assert "paused it in" in fragment
    item.refresh_from_db()
    assert item.paused
    assert item.pause_reason == RoutineItem.PauseReason.HURT
    other.refresh_from_db()
    assert not other.paused
    assert list(checkbox_labels(html(logged_in.get(TODAY_URL))).values()) == [other.exercise.name]

    plan = unescape(html(logged_in.get("/plan/")))
    assert "Paused because it hurt" in plan
    assert f"Resume {item.exercise.name} in {routine.name}" in plan
    response = logged_in.post(f"/plan/items/{item.pk}/pause/", {"action": "resume", "next": "plan"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.paused
    assert item.pause_reason == ""
    assert "Paused because it hurt" not in html(logged_in.get("/plan/"))
    assert len(checkbox_labels(html(logged_in.get(TODAY_URL)))) == 2


def test_hurting_again_more_than_14_days_later_does_not_pause(logged_in, user, routine):
    item = items_of(routine)[0]
    old = SessionLog.objects.create(owner=user, routine=routine, date=TODAY - timedelta(days=15))
    ExerciseCheck.objects.create(
        session=old, exercise=item.exercise, item=item, status=ExerciseCheck.Status.HURT
    )
    logged_in.post(hurt_url(TODAY, item))
    item.refresh_from_db()
    assert not item.paused


def test_hurting_twice_in_the_same_session_does_not_pause(logged_in, routine):
    item = items_of(routine)[0]
    logged_in.post(hurt_url(TODAY, item))
    logged_in.post(hurt_url(TODAY, item))
    item.refresh_from_db()
    assert not item.paused
    assert ExerciseCheck.objects.count() == 1


# --- Other days ---------------------------------------------------------------------------------


def test_day_pages_work_up_to_seven_days_back(logged_in, routine):
    for days_back in range(1, 8):
        day = TODAY - timedelta(days=days_back)
        response = logged_in.get(day_url(day))
        assert response.status_code == 200, day
        assert len(checkbox_labels(html(response))) == 2


def test_backfilling_a_past_day_stores_that_date_and_returns_to_it(logged_in, routine):
    day = TODAY - timedelta(days=7)
    item = items_of(routine)[0]
    response = tick(logged_in, day, item)
    assert response["Location"] == f"{day_url(day)}#item-{routine.pk}-{item.pk}"
    response = log(logged_in, day, routine, pain_before=3, pain_after=3)
    assert response["Location"] == f"{day_url(day)}#routine-{routine.pk}"
    session = SessionLog.objects.get()
    assert session.date == day
    assert session.finished
    assert session.checks.count() == 1


def test_the_day_page_for_today_is_today(logged_in):
    response = logged_in.get(day_url(TODAY))
    assert response.status_code == 302
    assert response["Location"] == TODAY_URL


@pytest.mark.parametrize(
    ("offset", "message"),
    [(-8, "You can fill in the last 7 days only"), (1, "hasn't happened yet")],
)
def test_older_and_future_days_are_refused_with_a_clear_message(
    logged_in, routine, offset, message
):
    response = logged_in.get(day_url(TODAY + timedelta(days=offset)))
    assert response.status_code == 400
    assert message in unescape(html(response))


@pytest.mark.parametrize("offset", [-8, -30, 1])
def test_posting_to_a_refused_day_stores_nothing(logged_in, routine, offset):
    day = TODAY + timedelta(days=offset)
    item = items_of(routine)[0]
    response = tick(logged_in, day, item)
    assert response.status_code == 302
    assert response["Location"] == TODAY_URL
    assert tick(logged_in, day, item, **HTMX).status_code == 422
    logged_in.post(hurt_url(day, item))
    log(logged_in, day, routine, pain_before=2, pain_after=2)
    assert SessionLog.objects.count() == 0
    assert ExerciseCheck.objects.count() == 0
    page = unescape(html(logged_in.get(TODAY_URL)))
    assert "You can fill in the last 7 days only" in page or "hasn't happened yet" in page


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01", "2026-11-31", "2026-1-05"])
def test_malformed_dates_are_404(logged_in, routine, bad):
    assert logged_in.get(f"/day/{bad}/").status_code == 404
    item = items_of(routine)[0]
    assert logged_in.post(f"/day/{bad}/items/{item.pk}/check/", {"done": "1"}).status_code == 404
    assert ExerciseCheck.objects.count() == 0


def test_today_links_to_yesterday_and_a_past_day_links_back(logged_in, routine):
    yesterday = TODAY - timedelta(days=1)
    today_page = html(logged_in.get(TODAY_URL))
    assert re.search(rf'href="{day_url(yesterday)}">← Yesterday</a>', today_page)
    day_page = html(logged_in.get(day_url(yesterday)))
    assert f'href="{TODAY_URL}"' in day_page
    assert "Monday 23 November" in day_page
    assert 'href="/day/2026-11-22/"' in day_page
    # The oldest day that can be logged has no link further back.
    oldest = html(logged_in.get(day_url(TODAY - timedelta(days=7))))
    assert day_url(TODAY - timedelta(days=8)) not in oldest


# --- Quick session and other activities ---------------------------------------------------------


def test_quick_session_logs_chosen_exercises_as_a_finished_session(logged_in, user, catalog):
    page = html(logged_in.get("/today/quick/"))
    assert sorted(checkbox_labels(page, "exercise").values()) == sorted(
        e.name for e in catalog.values()
    )
    chosen = [catalog["bridge"], catalog["plank"]]
    response = logged_in.post(
        "/today/quick/",
        {
            "exercise": [e.pk for e in chosen],
            "quick-pain_before": "3",
            "quick-pain_after": "2",
            "quick-effort": "2",
        },
    )
    assert response.status_code == 302
    session = SessionLog.objects.get()
    assert (session.owner, session.routine, session.date) == (user, None, TODAY)
    assert session.finished
    assert (session.pain_before, session.pain_after) == (3, 2)
    assert {c.exercise for c in session.checks.all()} == set(chosen)
    today_page = html(logged_in.get(TODAY_URL))
    assert "Quick sessions" in today_page
    assert "Bridge" in today_page


@pytest.mark.parametrize(
    ("chosen", "data", "message"),
    [
        ([], {"quick-pain_before": "3"}, "Tick at least one exercise you did."),
        (["bridge"], {"quick-pain_after": "2"}, "Tick at least one exercise you did."),
        (["BRIDGE_ID"], {"quick-pain_after": "12"}, PAIN_MESSAGE),
        (["BRIDGE_ID"], {"quick-effort": "x"}, EFFORT_MESSAGE),
    ],
)
def test_bad_quick_session_stores_nothing(logged_in, catalog, chosen, data, message):
    """A slug instead of an id is not a choice; bad pains or effort are refused."""
    exercise = [str(catalog["bridge"].pk) if c == "BRIDGE_ID" else c for c in chosen]
    response = logged_in.post("/today/quick/", {"exercise": exercise, **data})
    assert response.status_code == 200
    assert message in html(response)
    assert SessionLog.objects.count() == 0
    assert ExerciseCheck.objects.count() == 0


def test_a_quick_session_can_be_edited_from_the_day_by_its_owner(logged_in, catalog):
    logged_in.post("/today/quick/", {"exercise": [catalog["bridge"].pk]})
    session = SessionLog.objects.get()
    prefix = f"q{session.pk}"
    logged_in.post(
        f"/day/{TODAY}/sessions/{session.pk}/log/",
        {f"{prefix}-pain_before": "4", f"{prefix}-pain_after": "3"},
    )
    session.refresh_from_db()
    assert (session.pain_before, session.pain_after) == (4, 3)


def test_another_activity_is_logged_for_today(logged_in, user):
    response = logged_in.post(
        "/today/activity/", {"kind": "walking", "minutes": "30", "notes": "Round the park"}
    )
    assert response.status_code == 302
    activity = ActivityLog.objects.get()
    assert (activity.owner, activity.date, activity.kind, activity.minutes) == (
        user,
        TODAY,
        "walking",
        30,
    )
    page = html(logged_in.get(TODAY_URL))
    assert "Logged 30 minutes of walking." in page
    assert "Walking: 30 min (Round the park)" in page


@pytest.mark.parametrize(
    ("kind", "minutes"),
    [("walking", "0"), ("walking", "601"), ("walking", "x"), ("walking", ""), ("running", "30")],
)
def test_bad_activity_is_refused_and_nothing_stored(logged_in, kind, minutes):
    response = logged_in.post("/today/activity/", {"kind": kind, "minutes": minutes})
    assert response.status_code == 302
    assert "That activity wasn&#x27;t saved" in html(logged_in.get(TODAY_URL))
    assert ActivityLog.objects.count() == 0


# --- Ownership --------------------------------------------------------------------------------


@pytest.fixture
def theirs(other_user, make_routine):
    return make_routine(other_user, "Theirs", days=EVERY_DAY, slugs=("plank", "bridge"))


def test_another_users_item_cannot_be_ticked_or_hurt(logged_in, theirs):
    item = items_of(theirs)[0]
    assert tick(logged_in, TODAY, item).status_code == 404
    assert tick(logged_in, TODAY, item, **HTMX).status_code == 404
    assert logged_in.post(hurt_url(TODAY, item)).status_code == 404
    assert logged_in.post(hurt_url(TODAY - timedelta(days=1), item)).status_code == 404
    assert SessionLog.objects.count() == 0
    assert ExerciseCheck.objects.count() == 0


def test_another_users_existing_ticks_cannot_be_removed(logged_in, other_user, theirs):
    item = items_of(theirs)[0]
    session = SessionLog.objects.create(owner=other_user, routine=theirs, date=TODAY)
    ExerciseCheck.objects.create(session=session, exercise=item.exercise, item=item)
    assert tick(logged_in, TODAY, item, done=False).status_code == 404
    assert ExerciseCheck.objects.filter(session=session).count() == 1


def test_another_users_routine_cannot_be_logged(logged_in, other_user, theirs):
    assert log(logged_in, TODAY, theirs, pain_before=1, pain_after=1).status_code == 404
    session = SessionLog.objects.create(owner=other_user, routine=theirs, date=TODAY)
    assert log(logged_in, TODAY, theirs, action="finish", notes="mine now").status_code == 404
    assert log(logged_in, TODAY, theirs, action="reopen").status_code == 404
    session.refresh_from_db()
    assert session.notes == ""
    assert session.finished_at is None
    assert SessionLog.objects.count() == 1


def test_another_users_quick_session_cannot_be_edited(logged_in, other_user):
    session = SessionLog.objects.create(
        owner=other_user, routine=None, routine_name="Quick session", date=TODAY, finished_at=NOW
    )
    response = logged_in.post(
        f"/day/{TODAY}/sessions/{session.pk}/log/", {f"q{session.pk}-pain_after": "9"}
    )
    assert response.status_code == 404
    session.refresh_from_db()
    assert session.pain_after is None


def test_another_users_paused_item_cannot_be_resumed_or_progressed(logged_in, theirs):
    item = items_of(theirs)[0]
    RoutineItem.objects.filter(pk=item.pk).update(paused=True, pause_reason="hurt")
    response = logged_in.post(f"/plan/items/{item.pk}/pause/", {"action": "resume"})
    assert response.status_code == 404
    response = logged_in.post(f"/plan/items/{item.pk}/progress/", {"action": "dismiss"})
    assert response.status_code == 404
    item.refresh_from_db()
    assert (item.paused, item.pause_reason, item.progression_dismissed_on) == (True, "hurt", None)


def test_another_users_sessions_never_show_on_my_day(logged_in, other_user, theirs, catalog):
    SessionLog.objects.create(
        owner=other_user, routine=None, routine_name="Their quick one", date=TODAY, finished_at=NOW
    )
    ActivityLog.objects.create(owner=other_user, date=TODAY, kind="yoga", minutes=40)
    page = html(logged_in.get(TODAY_URL))
    assert "Their quick one" not in page
    assert "Theirs" not in page
    assert "Yoga: 40 min" not in page


# --- Time zones -----------------------------------------------------------------------------


def test_users_in_auckland_and_los_angeles_see_their_own_today_at_the_same_instant(
    client, make_user, make_routine
):
    """At 11:30 UTC on Tuesday 24 November it is already Wednesday 00:30 in Auckland and
    still Tuesday 03:30 in Los Angeles."""
    pages, users = {}, {}
    for zone in ("Pacific/Auckland", "America/Los_Angeles"):
        person = make_user(zone.split("/")[1].lower(), time_zone=zone)
        make_routine(person, "Tuesday routine", days=(TUE,), slugs=("cat-cow",))
        make_routine(person, "Wednesday routine", days=(WED,), slugs=("bridge",))
        client.force_login(person)
        pages[zone] = html(client.get(TODAY_URL))
        users[zone] = person
    auckland, los_angeles = pages["Pacific/Auckland"], pages["America/Los_Angeles"]
    assert "Wednesday 25 November" in auckland
    assert "Tuesday 24 November" in los_angeles
    assert "Wednesday routine" in auckland
    assert "Tuesday routine" not in auckland
    assert "Tuesday routine" in los_angeles
    assert "Wednesday routine" not in los_angeles
    assert list(checkbox_labels(auckland).values()) == ["Bridge"]
    assert list(checkbox_labels(los_angeles).values()) == ["Cat-cow stretch"]

    # Ticking from each stores the person's own local date.
    for zone, day in (("Pacific/Auckland", date(2026, 11, 25)), ("America/Los_Angeles", TODAY)):
        person = users[zone]
        client.force_login(person)
        item = RoutineItem.objects.filter(routine__owner=person).get(
            routine__weekdays=weekday_mask([day.weekday()])
        )
        assert tick(client, day, item)["Location"].startswith(TODAY_URL)
        assert SessionLog.objects.get(owner=person).date == day

    # Auckland's "tomorrow" by the server's UTC date is their today; LA's is the future.
    client.force_login(users["America/Los_Angeles"])
    assert client.get(day_url(date(2026, 11, 25))).status_code == 400


def test_the_day_rolls_over_at_the_users_local_midnight(client, make_user, frozen_now):
    person = make_user("kiri", time_zone="Pacific/Auckland")
    client.force_login(person)
    frozen_now(datetime(2026, 11, 24, 10, 59, tzinfo=UTC))  # 23:59 Tuesday in Auckland
    assert "Tuesday 24 November" in html(client.get(TODAY_URL))
    frozen_now(datetime(2026, 11, 24, 11, 0, tzinfo=UTC))  # 00:00 Wednesday in Auckland
    assert "Wednesday 25 November" in html(client.get(TODAY_URL))


# --- Query count ----------------------------------------------------------------------------


def test_today_query_count_is_the_same_for_1_and_20_routine_items(
    client,
    user,
    catalog,
    make_routine,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    client.force_login(user)
    slugs = list(catalog)
    small = make_routine(user, "Small", days=EVERY_DAY, slugs=slugs[:1])
    for item in items_of(small):
        tick(client, TODAY, item)
    client.get(TODAY_URL)  # warm up (and read any flash message)
    with django_assert_max_num_queries(20) as one_item:
        page = html(client.get(TODAY_URL))
    queries_for_one_item = len(one_item)
    assert "1 of 1 done" in page

    for position, slug in enumerate(slugs[1:], start=1):
        RoutineItem.objects.create_with_default_dose(small, catalog[slug], position)
    large = make_routine(user, "Large", days=EVERY_DAY, slugs=slugs, at="07:00")
    for routine in (small, large):
        for item in items_of(routine):
            tick(client, TODAY, item)
    assert RoutineItem.objects.filter(routine__owner=user).count() == 20
    client.get(TODAY_URL)
    with django_assert_num_queries(queries_for_one_item):
        page = html(client.get(TODAY_URL))
    assert "20 of 20 done" in page
    assert Routine.objects.filter(owner=user).count() == 2


def test_replayed_quick_session_is_logged_once(logged_in, user, catalog):
    data = {
        "exercise": [str(catalog["cat-cow"].pk)],
        "quick-pain_before": "3",
        "quick-pain_after": "2",
        "submission_key": "6f1c7f0e-3a8b-4b59-9a53-2f4f8e9b8c11",
    }
    first = logged_in.post("/today/quick/", data)
    replay = logged_in.post("/today/quick/", data, follow=True)
    assert first.status_code == 302
    assert SessionLog.objects.filter(owner=user, routine=None).count() == 1
    assert "already logged" in replay.content.decode()


def test_replayed_activity_is_logged_once(logged_in, user):
    data = {
        "kind": "walking",
        "minutes": "20",
        "submission_key": "0b8f6a52-63a5-4d0c-9d4e-5b0c1e2a7f90",
    }
    logged_in.post("/today/activity/", data)
    logged_in.post("/today/activity/", data)
    assert ActivityLog.objects.filter(owner=user).count() == 1


def test_quick_and_activity_forms_carry_a_fresh_submission_key(logged_in, catalog):
    first = logged_in.get("/today/quick/").content.decode()
    second = logged_in.get("/today/quick/").content.decode()
    key = 'name="submission_key" value="'
    assert key in first
    assert first.split(key)[1][:36] != second.split(key)[1][:36]
    assert key in logged_in.get("/today/").content.decode()
