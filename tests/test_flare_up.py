"""Flare-up mode: the eased dose (a pure rule), starting and ending it at /flare-up/ and
refusing bad day counts, what Today and the plan show while it is on, the gentle starter
set, that it ends by itself when its last day passes, that its days never break a streak,
that progression pauses during it and for a week after, where it is offered, and query
counts.

"Now" is frozen at Tuesday 24 November 2026, 11:30 UTC; the user is in UTC."""

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from django.utils import timezone

from exercises import content, flare_up, planning, progress
from exercises.cache import move_user_version
from exercises.models import (
    ExerciseCheck,
    FlareUp,
    Routine,
    RoutineItem,
    SessionLog,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 24, 11, 30, tzinfo=UTC)
TODAY = NOW.date()
EVERY_DAY = tuple(range(7))
TODAY_URL = "/today/"
FLARE_URL = "/flare-up/"
END_URL = "/flare-up/end/"
DAYS_MESSAGE = "Choose a number of days from 1 to 14, for example 3."
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    """Freeze django.utils.timezone.now; returns a function to move the clock."""

    def move_to(moment: datetime):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    move_to(NOW)
    return move_to


def html(response) -> str:
    return unescape(response.content.decode())


def text_of(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def checkbox_labels(page: str) -> list[str]:
    """The names on the page's exercise checkboxes, in order."""
    ids = re.findall(r'<input type="checkbox" name="done"[^>]*\bid="([^"]+)"', page)
    labels = {
        m.group(1): text_of(m.group(2))
        for m in re.finditer(r'<label[^>]*\bfor="([^"]+)"[^>]*>(.*?)</label>', page, re.S)
    }
    return [labels[i] for i in ids]


def dose_of(page: str, name: str) -> str:
    """The dose line of the check row whose checkbox is labelled `name`."""
    row = page[page.index(f"{name}\n") :]
    return text_of(
        re.search(r'<div class="dose-line">(.*?)<div class="row-actions">', row, re.S).group(1)
    )


def set_dose(routine, slug, sets, reps=None, hold=None):
    RoutineItem.objects.filter(routine=routine, exercise__slug=slug).update(
        sets=sets, reps=reps, hold_seconds=hold
    )


@pytest.fixture
def routine(user, make_routine):
    """Two gentle exercises at a grown dose and one that isn't gentle."""
    routine = make_routine(
        user, "Every day", days=EVERY_DAY, slugs=("cat-cow", "plank", "childs-pose")
    )
    set_dose(routine, "cat-cow", 2, reps=10)
    set_dose(routine, "plank", 3, hold=30)
    set_dose(routine, "childs-pose", 3, hold=30)
    return routine


def start(client, days="3"):
    return client.post(FLARE_URL, {"days": days})


# --- The eased dose -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("usual", "eased"),
    [
        ((2, 10, None), (1, 5, None)),
        ((1, 5, None), (1, 3, None)),
        ((3, 7, None), (2, 4, None)),
        ((2, 3, None), (1, 3, None)),
        ((1, 2, None), (1, 2, None)),  # never more than usual
        ((3, None, 30), (2, None, 15)),
        ((2, None, 20), (1, None, 10)),
        ((1, None, 45), (1, None, 25)),
        ((2, None, 15), (1, None, 10)),
        ((1, None, 5), (1, None, 5)),
    ],
)
def test_the_eased_dose_is_a_set_fewer_half_the_reps_and_about_half_the_hold(usual, eased):
    assert flare_up.ease(*usual) == eased


def test_the_eased_dose_is_never_more_than_usual_and_always_valid():
    for sets in range(1, 11):
        for reps in range(1, 51):
            s, r, _ = flare_up.ease(sets, reps, None)
            assert 1 <= s <= sets
            assert 1 <= r <= reps
        for hold in range(5, 301, 5):
            s, _, h = flare_up.ease(sets, None, hold)
            assert 1 <= s <= sets
            assert 5 <= h <= hold


def test_the_page_states_the_easing_rule_it_applies():
    easing = content.FLARE_UP["easing"]
    assert "one set fewer (at least one)" in easing
    assert "half the repetitions (rounded up, at least 3)" in easing
    assert "about half as long (at least 10 seconds)" in easing
    assert flare_up.MIN_EASED_REPS == 3
    assert flare_up.MIN_EASED_HOLD == 10


# --- The page, starting and ending ----------------------------------------------------------


def test_the_page_explains_a_flare_up_and_offers_days_and_start(logged_in, catalog):
    page = html(logged_in.get(FLARE_URL))
    assert content.FLARE_UP["what"] in page
    for step in content.FLARE_UP["plan"]:
        assert step["title"] in page
        assert step["text"] in page
    for words in ("Keep moving gently", "Do less, not nothing", "Pace yourself", "heat"):
        assert words in page
    assert re.search(r'<label for="id_days">Days</label>', page)
    assert re.search(r'<input type="number" name="days" value="3"[^>]*min="1"[^>]*max="14"', page)
    assert ">Start flare-up mode</button>" in page
    assert "End flare-up mode" not in page
    for flag in content.RED_FLAGS:
        assert flag["sign"] in page


def test_starting_turns_it_on_for_the_chosen_days_and_goes_to_today(logged_in, user, catalog):
    response = start(logged_in, "3")
    assert response.status_code == 302
    assert response["Location"] == TODAY_URL
    spell = FlareUp.objects.get(owner=user)
    assert (spell.start, spell.last_day, spell.ended_on) == (
        TODAY,
        TODAY + timedelta(days=2),
        None,
    )
    page = html(logged_in.get(TODAY_URL))
    assert "Flare-up mode is on until the end of Thursday 26 November" in page
    page = html(logged_in.get(FLARE_URL))
    assert "Flare-up mode is on" in page
    assert "Thursday 26 November" in page
    assert ">End flare-up mode</button>" in page
    assert ">Start flare-up mode</button>" not in page


@pytest.mark.parametrize(
    "days", ["0", "15", "abc", "²", "", "99999999999999999999", "-1", "2.5", " ", "1e3", "٣٣"]
)
def test_bad_day_counts_are_refused_with_a_clear_message_and_store_nothing(
    logged_in, catalog, days
):
    response = start(logged_in, days)
    assert response.status_code == 200
    page = html(response)
    assert DAYS_MESSAGE in page
    assert 'aria-invalid="true"' in page
    assert not FlareUp.objects.exists()
    assert "Flare-up mode is on" not in page


def test_a_missing_day_count_is_refused_too(logged_in, catalog):
    response = logged_in.post(FLARE_URL, {})
    assert DAYS_MESSAGE in html(response)
    assert not FlareUp.objects.exists()


def test_starting_twice_keeps_one_spell_and_a_new_press_sets_a_new_last_day(logged_in, user):
    start(logged_in, "3")
    start(logged_in, "3")
    assert FlareUp.objects.filter(owner=user).count() == 1
    start(logged_in, "7")
    spell = FlareUp.objects.get(owner=user)
    assert spell.last_day == TODAY + timedelta(days=6)


def test_ending_turns_it_off_from_today_and_says_so(logged_in, user, routine):
    start(logged_in, "5")
    response = logged_in.post(END_URL, {"next": "today"})
    assert response.status_code == 302
    assert response["Location"] == TODAY_URL
    spell = FlareUp.objects.get(owner=user)
    assert spell.ended_on == TODAY
    page = html(logged_in.get(TODAY_URL))
    assert "Flare-up mode is off. Your usual plan is back." in page
    assert "End flare-up mode" not in page
    # Started and ended on the same day: it covered no day at all.
    assert flare_up.days_between(user, TODAY - timedelta(days=7), TODAY) == set()


def test_ending_when_it_is_off_changes_nothing(logged_in, user):
    response = logged_in.post(END_URL)
    assert response["Location"] == FLARE_URL
    assert "already off" in html(logged_in.get(FLARE_URL))
    assert not FlareUp.objects.exists()


def test_ending_from_the_plan_goes_back_to_the_plan(logged_in, user, routine):
    start(logged_in)
    assert logged_in.post(END_URL, {"next": "plan"})["Location"] == "/plan/"
    assert logged_in.post(END_URL, {"next": "https://evil.example/"})["Location"] == FLARE_URL


def test_starting_again_the_day_it_was_ended_turns_it_back_on(logged_in, user):
    start(logged_in, "3")
    logged_in.post(END_URL)
    start(logged_in, "2")
    spell = FlareUp.objects.get(owner=user)
    assert (spell.last_day, spell.ended_on) == (TODAY + timedelta(days=1), None)
    assert flare_up.state(user, TODAY).on


def test_the_days_are_the_users_local_days(client, make_user, frozen_now):
    kiri = make_user("kiri", time_zone="Pacific/Kiritimati")  # UTC+14: already Wednesday
    client.force_login(kiri)
    start(client, "1")
    spell = FlareUp.objects.get(owner=kiri)
    assert spell.start == spell.last_day == TODAY + timedelta(days=1)


def test_the_database_refuses_a_spell_that_ends_before_it_starts(user):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        FlareUp.objects.create(owner=user, start=TODAY, last_day=TODAY - timedelta(days=1))
    with pytest.raises(IntegrityError), transaction.atomic():
        FlareUp.objects.create(
            owner=user, start=TODAY, last_day=TODAY, ended_on=TODAY.replace(day=1)
        )


# --- Today, while it is on ------------------------------------------------------------------


def test_flare_up_mode_offers_only_gentle_exercises_at_the_eased_dose(logged_in, routine):
    before = html(logged_in.get(TODAY_URL))
    assert checkbox_labels(before) == ["Cat-cow stretch", "Plank", "Child's pose"]
    assert dose_of(before, "Cat-cow stretch").startswith("2 × 10 reps How to do it")

    start(logged_in, "3")
    page = html(logged_in.get(TODAY_URL))

    assert "Flare-up mode" in page
    assert "until the end of Thursday 26 November" in page
    assert ">End flare-up mode</button>" in page
    assert checkbox_labels(page) == ["Cat-cow stretch", "Child's pose"]
    assert dose_of(page, "Cat-cow stretch").startswith("1 × 5 reps eased for the flare-up")
    assert dose_of(page, "Child's pose").startswith("2 × 15 s hold eased")
    resting = text_of(re.search(r'<p class="resting">(.*?)</p>', page, re.S).group(1))
    assert resting.startswith("Resting for now: Plank.")
    assert "0 of 2 done" in page
    # The plan itself is untouched: only what is offered changes.
    cat_cow = routine.items.get(exercise__slug="cat-cow")
    assert (cat_cow.sets, cat_cow.reps) == (2, 10)


def test_ending_it_restores_todays_exercises_and_doses(logged_in, routine):
    start(logged_in, "3")
    logged_in.post(END_URL)
    page = html(logged_in.get(TODAY_URL))
    assert checkbox_labels(page) == ["Cat-cow stretch", "Plank", "Child's pose"]
    assert dose_of(page, "Cat-cow stretch").startswith("2 × 10 reps How to do it")
    assert "Resting for now" not in page
    assert 'id="flare-up-banner"' not in page


def test_it_ends_by_itself_when_its_last_day_has_passed(logged_in, user, routine, frozen_now):
    start(logged_in, "2")  # today and tomorrow
    frozen_now(NOW + timedelta(days=1))
    page = html(logged_in.get(TODAY_URL))
    assert checkbox_labels(page) == ["Cat-cow stretch", "Child's pose"]
    assert "until the end of Wednesday 25 November" in page

    frozen_now(NOW + timedelta(days=2))
    page = html(logged_in.get(TODAY_URL))
    assert checkbox_labels(page) == ["Cat-cow stretch", "Plank", "Child's pose"]
    assert "Flare-up mode" not in page
    assert dose_of(page, "Cat-cow stretch").startswith("2 × 10 reps How to do it")
    assert not flare_up.state(user, TODAY + timedelta(days=2)).on
    assert FlareUp.objects.get().ended_on is None  # nothing had to be written to end it


def test_ticks_during_a_flare_up_are_recorded_as_usual(logged_in, user, routine):
    start(logged_in)
    cat_cow = routine.items.get(exercise__slug="cat-cow")
    response = logged_in.post(f"/day/{TODAY}/items/{cat_cow.pk}/check/", {"done": "1"}, **HTMX)
    fragment = html(response)
    assert "1 of 2 done" in fragment
    assert "1 × 5 reps" in fragment
    assert "eased for the flare-up" in fragment
    check = ExerciseCheck.objects.get()
    assert (check.item, check.status, check.session.date) == (cat_cow, "done", TODAY)


def test_a_back_filled_day_inside_the_flare_up_shows_it_and_one_before_does_not(
    logged_in, user, routine
):
    FlareUp.objects.create(owner=user, start=TODAY - timedelta(days=2), last_day=TODAY)
    inside = html(logged_in.get(f"/day/{TODAY - timedelta(days=1)}/"))
    assert checkbox_labels(inside) == ["Cat-cow stretch", "Child's pose"]
    before = html(logged_in.get(f"/day/{TODAY - timedelta(days=3)}/"))
    assert checkbox_labels(before) == ["Cat-cow stretch", "Plank", "Child's pose"]


@pytest.fixture
def strong(user, make_routine):
    """A routine with nothing gentle in it."""
    return make_routine(user, "Strong", days=EVERY_DAY, slugs=("plank", "bridge", "superman"))


def test_a_routine_with_nothing_gentle_gets_the_gentle_starter_set(logged_in, user, strong):
    start(logged_in)
    page = html(logged_in.get(TODAY_URL))
    assert checkbox_labels(page) == ["Pelvic tilts", "Knee rolls", "Knee-to-chest stretch"]
    assert "gentle starter set" in page
    assert "Resting for now: Plank, Bridge, Superman." in text_of(page)
    assert "0 of 3 done" in page
    assert {entry["exercise"] for entry in content.FLARE_UP_STARTER} == {
        "pelvic-tilts",
        "knee-rolls",
        "knee-to-chest",
    }


def test_a_starter_set_tick_is_recorded_in_the_routines_session(logged_in, user, strong):
    start(logged_in)
    url = f"/day/{TODAY}/routines/{strong.pk}/gentle/knee-rolls/check/"
    fragment = html(logged_in.post(url, {"done": "1"}, **HTMX))
    assert "<html" not in fragment
    assert "1 of 3 done" in fragment
    check = ExerciseCheck.objects.get()
    assert (check.exercise.slug, check.item, check.status) == ("knee-rolls", None, "done")
    assert check.session.routine == strong
    assert "1 of 3 done" in html(logged_in.get(TODAY_URL))

    # Unticking without JavaScript: a plain form post, back to the row.
    response = logged_in.post(url, {})
    assert response.status_code == 302
    assert response["Location"].startswith(f"{TODAY_URL}#gentle-{strong.pk}-")
    assert not ExerciseCheck.objects.exists()


def test_this_hurt_on_a_starter_exercise_stops_it_with_the_guidance(logged_in, strong):
    start(logged_in)
    url = f"/day/{TODAY}/routines/{strong.pk}/gentle/pelvic-tilts/hurt/"
    fragment = html(logged_in.post(url, **HTMX))
    assert content.HURT_GUIDANCE["text"] in fragment
    assert ExerciseCheck.objects.get().status == ExerciseCheck.Status.HURT


def test_the_starter_set_cannot_be_ticked_when_flare_up_mode_is_off(logged_in, strong):
    url = f"/day/{TODAY}/routines/{strong.pk}/gentle/knee-rolls/check/"
    response = logged_in.post(url, {"done": "1"})
    assert response.status_code == 302
    assert not SessionLog.objects.exists()
    assert not ExerciseCheck.objects.exists()


def test_only_starter_exercises_on_ones_own_routines_can_be_ticked(
    logged_in, user, other_user, strong, make_routine
):
    start(logged_in)
    theirs = make_routine(other_user, "Theirs", days=EVERY_DAY, slugs=("plank",))
    assert (
        logged_in.post(
            f"/day/{TODAY}/routines/{theirs.pk}/gentle/knee-rolls/check/", {"done": "1"}
        ).status_code
        == 404
    )
    assert (
        logged_in.post(
            f"/day/{TODAY}/routines/{strong.pk}/gentle/plank/check/", {"done": "1"}
        ).status_code
        == 404
    )
    assert (
        logged_in.get(f"/day/{TODAY}/routines/{strong.pk}/gentle/knee-rolls/check/").status_code
        == 405
    )
    assert not ExerciseCheck.objects.exists()


def test_the_starter_set_respects_the_back_fill_window(logged_in, user, strong):
    FlareUp.objects.create(owner=user, start=TODAY - timedelta(days=9), last_day=TODAY)
    old = TODAY - timedelta(days=8)
    logged_in.post(f"/day/{old}/routines/{strong.pk}/gentle/knee-rolls/check/", {"done": "1"})
    assert not ExerciseCheck.objects.exists()


# --- The plan, while it is on --------------------------------------------------------------


def test_the_plan_shows_the_flare_up_plan_with_an_end_button(logged_in, routine, strong):
    start(logged_in, "3")
    page = html(logged_in.get("/plan/"))
    box = page[page.index('id="flare-up-plan"') :]
    box = box[: box.index("</section>")]
    assert "Flare-up mode" in box
    assert "until the end of Thursday 26 November" in box
    assert ">End flare-up mode</button>" in box
    text = text_of(box)
    assert "Cat-cow stretch 1 × 5 reps" in text
    assert "Child's pose 2 × 15 s hold" in text
    assert "Resting for now: Plank." in text
    assert "Knee rolls 1 × 5 reps, each side gentle starter set" in text
    assert "Resting for now: Plank, Bridge, Superman." in text
    # The usual week is still there, for when it ends.
    assert "Your week" in page

    logged_in.post(END_URL, {"next": "plan"})
    assert 'id="flare-up-plan"' not in html(logged_in.get("/plan/"))


# --- History: flare-up days never count against the user -----------------------------------

MON = date(2026, 11, 2)  # a Monday, three weeks before this week's


def fact(day, routine_id=1):
    return progress.SessionFact(day, routine_id, True, checked=1)


def test_a_flare_up_week_short_of_the_goal_does_not_break_the_streak():
    weeks = [MON + timedelta(weeks=n) for n in range(3)]  # 2, 9 and 16 November
    sessions = [fact(weeks[0]), fact(weeks[0] + timedelta(days=2))]  # goal met
    sessions += [fact(weeks[2]), fact(weeks[2] + timedelta(days=1))]  # goal met
    # Week two: nothing done, during a flare-up.
    flare_days = {weeks[1] + timedelta(days=d) for d in range(3)}
    today = date(2026, 11, 24)
    with_flare = progress.weekly_goal(today, 0, 2, sessions, weeks[0], flare_days=flare_days)
    assert (with_flare.current_streak, with_flare.best_streak) == (2, 2)
    without = progress.weekly_goal(today, 0, 2, sessions, weeks[0])
    assert (without.current_streak, without.best_streak) == (1, 1)


def test_a_planned_day_left_undone_during_a_flare_up_is_not_missed():
    plan = progress.RoutinePlan(1, 0b1111111, date(2026, 1, 1))
    day = date(2026, 11, 20)
    assert progress.day_status(day, TODAY, [plan], []) == progress.MISSED
    assert progress.day_status(day, TODAY, [plan], [], flare=True) == progress.FLARE
    assert progress.day_status(day, TODAY, [plan], [fact(day)], flare=True) == progress.DONE


def test_adherence_leaves_out_sessions_not_done_on_flare_up_days():
    plan = progress.RoutinePlan(1, 0b1111111, date(2026, 1, 1))
    week = date(2026, 11, 16)
    sessions = [fact(week + timedelta(days=d)) for d in (0, 1, 2, 3)]
    flare_days = {week + timedelta(days=d) for d in (4, 5, 6)}
    weeks = progress.weekly_adherence(TODAY, 0, [plan], sessions, weeks=2, flare_days=flare_days)
    assert (weeks[0].scheduled, weeks[0].finished, weeks[0].percent) == (4, 4, 100)
    plain = progress.weekly_adherence(TODAY, 0, [plan], sessions, weeks=2)
    assert plain[0].percent == 57


def test_history_marks_flare_up_days_and_keeps_the_streak(logged_in, user, make_routine):
    routine = make_routine(user, "Daily", days=EVERY_DAY, slugs=("cat-cow",))
    Routine.objects.filter(pk=routine.pk).update(created_at=NOW - timedelta(days=40))
    this_monday = TODAY - timedelta(days=TODAY.weekday())
    for weeks_back in (3, 1):  # goal of 1 met in those weeks; week 2 back is a flare-up
        SessionLog.objects.create(
            owner=user,
            routine=routine,
            date=this_monday - timedelta(weeks=weeks_back),
            finished_at=NOW,
        )
    logged_in.post("/history/goal/", {"weekly_goal": "1"})
    flare_start = this_monday - timedelta(weeks=2)
    FlareUp.objects.create(owner=user, start=flare_start, last_day=flare_start + timedelta(6))

    page = html(logged_in.get("/history/"))
    assert (
        f"{flare_start:%A} {flare_start.day} {flare_start:%B}: flare-up mode, taking it gently"
        in page
    )
    assert "heat--flare-day" in page
    assert "Flare-up mode</li>" in page  # the legend
    streak = re.search(
        r'stat__value">(\d+) weeks?</span><span class="stat__label">current streak', page
    )
    assert streak.group(1) == "2"


def test_the_clinician_summary_lists_flare_ups(logged_in, user):
    FlareUp.objects.create(
        owner=user,
        start=TODAY - timedelta(days=10),
        last_day=TODAY - timedelta(days=6),
        ended_on=TODAY - timedelta(days=8),
    )
    page = html(logged_in.get("/history/summary/"))
    assert '<h2 id="flare-heading">Flare-up mode,' in page  # over the summary's own dates
    assert "14 Nov to 15 Nov (ended early)" in page


def test_the_export_includes_flare_ups(logged_in, user):
    start(logged_in, "4")
    data = logged_in.get("/accounts/export/?download=json").json()
    assert data["flare_ups"] == [
        {"start": "2026-11-24", "last_day": "2026-11-27", "ended_on": None}
    ]


# --- Progression waits during a flare-up and a week after -----------------------------------


@pytest.fixture
def steady(user, make_routine):
    """A daily routine done every day for two weeks with pain falling: ready for a step."""
    routine = make_routine(user, "Steady", days=EVERY_DAY, slugs=("cat-cow", "plank"))
    Routine.objects.filter(pk=routine.pk).update(created_at=NOW - timedelta(days=30))
    for n in range(1, 15):
        session = SessionLog.objects.create(
            owner=user,
            routine=routine,
            date=TODAY - timedelta(days=n),
            pain_before=4,
            pain_after=2,
            finished_at=NOW,
        )
        for item in routine.items.select_related("exercise"):
            session.set_check(item.exercise, ExerciseCheck.Status.DONE, item=item)
    return routine


def suggestions_for(user):
    profile = user.profile
    routines = planning.routines_with_items(user)
    flare = flare_up.state(user, TODAY)
    return planning.progression_suggestions(user, profile, routines, TODAY, flare=flare)


def test_progression_suggestions_pause_during_a_flare_up_and_for_a_week_after(
    logged_in, user, steady
):
    assert suggestions_for(user)
    assert "Ready for a small step?" in html(logged_in.get("/plan/"))

    spell = FlareUp.objects.create(owner=user, start=TODAY, last_day=TODAY + timedelta(days=2))
    assert suggestions_for(user) == []
    assert "Ready for a small step?" not in html(logged_in.get("/plan/"))

    # Ended three days ago: still paused, and the plan says until when.
    spell.start, spell.last_day = TODAY - timedelta(days=5), TODAY - timedelta(days=3)
    spell.save()
    assert suggestions_for(user) == []
    page = html(logged_in.get("/plan/"))
    assert "Ready for a small step?" not in page
    assert "paused until Saturday 28 November" in page

    # A week and a day after its last day: back.
    spell.start, spell.last_day = TODAY - timedelta(days=10), TODAY - timedelta(days=8)
    spell.save()
    assert suggestions_for(user)
    assert "Ready for a small step?" in html(logged_in.get("/plan/"))


# --- Where it is offered -------------------------------------------------------------------


def test_the_ease_off_notice_offers_flare_up_mode_and_shows_the_warning_signs(logged_in, routine):
    for day, before, after in ((TODAY - timedelta(days=1), 2, 5), (TODAY, 3, 7)):
        url = f"/day/{day}/routines/{routine.pk}"
        logged_in.post(f"{url}/start/", {f"r{routine.pk}-pain_before": before})
        logged_in.post(f"{url}/log/", {f"r{routine.pk}-pain_after": after, "action": "finish"})
    page = html(logged_in.get(TODAY_URL))
    notice = page[page.index('id="ease-off-heading"') :]
    notice = notice[: notice.index("I've read this")]
    assert f'href="{FLARE_URL}"' in notice
    assert "Try flare-up mode" in notice
    for tier in content.RED_FLAG_TIERS:
        assert tier["title"] in notice
        assert tier["advice"] in notice
    for flag in content.RED_FLAGS:
        assert flag["sign"] in notice


def test_a_second_this_hurt_offers_flare_up_mode_and_the_warning_signs(logged_in, user, routine):
    cat_cow = routine.items.get(exercise__slug="cat-cow")
    first = logged_in.post(f"/day/{TODAY - timedelta(days=3)}/items/{cat_cow.pk}/hurt/", **HTMX)
    assert f'href="{FLARE_URL}"' not in html(first)

    fragment = html(logged_in.post(f"/day/{TODAY}/items/{cat_cow.pk}/hurt/", **HTMX))
    assert content.HURT_AGAIN["text"] in fragment
    assert f'href="{FLARE_URL}"' in fragment
    assert "Call your local emergency number" in fragment
    for flag in content.RED_FLAGS:
        assert flag["sign"] in fragment

    # Without JavaScript the row is gone (paused), so Today itself offers it, once.
    page = html(logged_in.get(TODAY_URL))
    notice = page[page.index('id="hurt-again-heading"') :]
    notice = notice[: notice.index("I've read this")]
    assert f'href="{FLARE_URL}"' in notice
    assert "Call your local emergency number" in notice
    ExerciseCheck.objects.update(checked_at=NOW)  # the model's default reads the real clock
    logged_in.post("/today/acknowledge/")
    assert 'id="hurt-again-heading"' not in html(logged_in.get(TODAY_URL))


def test_the_hurt_notice_is_not_offered_while_flare_up_mode_is_on(logged_in, user, routine):
    cat_cow = routine.items.get(exercise__slug="cat-cow")
    logged_in.post(f"/day/{TODAY - timedelta(days=3)}/items/{cat_cow.pk}/hurt/")
    logged_in.post(f"/day/{TODAY}/items/{cat_cow.pk}/hurt/")
    start(logged_in)
    assert 'id="hurt-again-heading"' not in html(logged_in.get(TODAY_URL))


# --- Query counts ------------------------------------------------------------------------


def render_again(client, user, url):
    """A full render: the page was seen (so the CSRF cookie is set), then the user's data
    version moves, as after any change, so the page cache misses."""
    client.get(url)
    move_user_version(user.pk)


def test_today_in_flare_up_mode_runs_the_same_queries_for_1_and_20_items(
    client, user, catalog, make_routine, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(user)
    start(client)
    slugs = list(catalog)
    small = make_routine(user, "Small", days=EVERY_DAY, slugs=["plank"])
    render_again(client, user, TODAY_URL)
    with django_assert_max_num_queries(25) as few:
        page = html(client.get(TODAY_URL))
    queries_for_few = len(few)  # read now: the next request clears Django's query log
    assert "gentle starter set" in page

    large = make_routine(user, "Large", days=EVERY_DAY, slugs=slugs, at="07:00")
    for position, slug in enumerate(slugs[:9]):
        if slug != "plank":
            RoutineItem.objects.create_with_default_dose(small, catalog[slug], position + 1)
    assert RoutineItem.objects.filter(routine__owner=user).count() == 19
    RoutineItem.objects.create_with_default_dose(
        Routine.objects.create(owner=user, name="Third", weekdays=127), catalog["bridge"], 0
    )
    render_again(client, user, TODAY_URL)
    with django_assert_num_queries(queries_for_few):
        page = html(client.get(TODAY_URL))
    assert large.name in page


def test_the_plan_in_flare_up_mode_runs_the_same_queries_at_two_sizes(
    client, make_user, make_routine, django_assert_max_num_queries
):
    def queries(user, routines):
        for n in range(routines):
            make_routine(user, f"R{n}", days=EVERY_DAY, slugs=("plank", "cat-cow", "bridge"))
        client.force_login(user)
        start(client)
        render_again(client, user, "/plan/")
        with django_assert_max_num_queries(30) as captured:
            assert "Your flare-up plan" in html(client.get("/plan/"))
        return len(captured)

    assert queries(make_user("one"), 1) == queries(make_user("many"), 12)
