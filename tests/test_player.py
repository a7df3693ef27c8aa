"""The guided session player's page: the Start session link, the steps and their JSON,
resuming, the step-through without JavaScript, flare-up mode, pain before, ownership, the
back-fill window, the player settings, the page's query count and its weight.

"Now" is frozen at Tuesday 24 November 2026, 11:30 UTC for every test here."""

import gzip
import json
import re
from datetime import UTC, date, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from exercises import flare_up
from exercises.forms import PlayerSettingsForm
from exercises.models import (
    GET_READY_RANGE,
    REST_RANGE,
    ExerciseCheck,
    Profile,
    RoutineItem,
    SessionLog,
)
from tests.conftest import offered_form

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 24, 11, 30, tzinfo=UTC)
TODAY = NOW.date()
EVERY_DAY = tuple(range(7))
SLUGS = ("childs-pose", "knee-to-chest", "bridge")


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def routine(user, make_routine):
    return make_routine(user, "Morning back", days=EVERY_DAY, slugs=SLUGS)


def play_url(routine, day: date = TODAY, step=None) -> str:
    url = reverse("exercises:play", args=[day, routine.pk])
    return f"{url}?step={step}" if step is not None else url


def html(response) -> str:
    return response.content.decode()


def player_data(response) -> dict:
    found = re.search(
        r'<script id="player-data" type="application/json">(.*?)</script>', html(response), re.S
    )
    return json.loads(found.group(1))


def visible_steps(page: str) -> list[str]:
    """The exercise names of the steps shown (not `hidden`)."""
    return [
        unescape(name)
        for attrs, name in re.findall(
            r'<li class="player-step[^"]*"([^>]*)>.*?<h2[^>]*>(.*?)</h2>', page, re.S
        )
        if " hidden" not in attrs
    ]


def items_of(routine) -> list[RoutineItem]:
    return list(routine.items.select_related("exercise").order_by("position"))


def tick(client, item, day=TODAY):
    return client.post(reverse("exercises:check", args=[day, item.pk]), {"done": "1"})


def done_on_step(client, routine, response, step: int):
    """Press a step's Done button as the page offers it (without JavaScript)."""
    action = f"{play_url(routine)}?step={step}"
    return client.post(action, offered_form(html(response), action))


# --- Starting it -------------------------------------------------------------------------------


def test_today_offers_start_session_for_each_routine(logged_in, user, routine, make_routine):
    other = make_routine(user, "Evening", days=EVERY_DAY, slugs=("plank",))
    page = html(logged_in.get("/today/"))
    for each in (routine, other):
        assert (
            f'<a class="button" href="{play_url(each)}" aria-label="Start session: {each.name}">'
            "Start session</a>" in page
        )


def test_a_back_filled_day_offers_start_session_for_that_day(logged_in, routine):
    yesterday = TODAY - timedelta(days=1)
    page = html(logged_in.get(f"/day/{yesterday}/"))
    assert f'href="{play_url(routine, yesterday)}"' in page


def test_the_page_lists_every_exercise_in_order_with_dose_steps_breathing_and_picture(
    logged_in, routine, catalog
):
    response = logged_in.get(play_url(routine))
    assert response.status_code == 200
    page = html(response)
    names = re.findall(r'<h2 class="player-step__name"[^>]*>(.*?)</h2>', page)
    assert [unescape(n) for n in names] == ["Child's pose", "Knee-to-chest stretch", "Bridge"]
    assert "2 × 20 s hold" in page
    assert "2 × 15 s hold, each side" in page
    assert "1 × 5 reps" in page
    for slug in SLUGS:
        exercise = catalog[slug]
        assert f"picture--{slug}" in page
        assert exercise.step_list[0] in unescape(page)
        assert exercise.breathing in unescape(page)
    assert "picture--mirrored" in page  # the second side of Knee-to-chest
    assert page.count("picture--mirrored") == 1


def test_the_json_block_carries_each_step_and_the_endpoints_today_uses(logged_in, routine):
    data = player_data(logged_in.get(play_url(routine)))
    child, _knee, _bridge = items_of(routine)
    assert [s["name"] for s in data["steps"]] == ["Child's pose", "Knee-to-chest stretch", "Bridge"]
    assert data["steps"][0] | {} == {
        "name": "Child's pose",
        "dose": "2 × 20 s hold",
        "sets": 2,
        "reps": None,
        "hold": 20,
        "perSide": False,
        "status": None,
        "speech": "Child's pose. Two holds of twenty seconds.",
        "check": reverse("exercises:check", args=[TODAY, child.pk]),
        "hurt": reverse("exercises:hurt", args=[TODAY, child.pk]),
    }
    assert data["steps"][1]["perSide"] is True
    assert data["steps"][1]["speech"] == (
        "Knee-to-chest stretch. Two holds of fifteen seconds, each side."
    )
    assert data["steps"][2]["speech"] == "Bridge. One set of five."
    assert data["settings"] == {
        "getReady": 5,
        "rest": 30,
        "switchSides": 5,
        "repSeconds": 3,
        "countReps": True,
        "autoAdvance": True,
        "tones": True,
        "speech": True,
        "vibration": True,
    }
    assert data["start"] == 0


def test_no_script_runs_inline_and_the_player_script_is_our_own(logged_in, routine):
    page = html(logged_in.get(play_url(routine)))
    for tag, _body in re.findall(r"(<script\b[^>]*>)(.*?)</script>", page, re.S):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
    assert re.search(r'<script src="/static/js/player\.[0-9a-f]+\.js" defer>', page)
    assert re.search(r'href="/static/css/player\.[0-9a-f]+\.css"', page)
    assert "style=" not in page


def test_it_resumes_at_the_first_exercise_not_yet_done(logged_in, routine):
    child, _knee, _bridge = items_of(routine)
    tick(logged_in, child)
    response = logged_in.get(play_url(routine))
    assert player_data(response)["start"] == 1
    assert player_data(response)["steps"][0]["status"] == "done"
    assert visible_steps(html(response)) == ["Knee-to-chest stretch"]


def test_a_step_that_hurt_counts_as_finished_for_resuming(logged_in, routine):
    child, knee, _bridge = items_of(routine)
    logged_in.post(reverse("exercises:hurt", args=[TODAY, child.pk]))
    tick(logged_in, knee)
    response = logged_in.get(play_url(routine))
    assert player_data(response)["start"] == 2
    assert visible_steps(html(response)) == ["Bridge"]


def test_with_everything_done_it_opens_at_how_did_it_go(logged_in, routine):
    for item in items_of(routine):
        tick(logged_in, item)
    page = html(logged_in.get(play_url(routine)))
    assert visible_steps(page) == []
    assert re.search(r'<section class="player__finish card" id="player-finish"[^>]*>', page)
    assert 'id="player-finish" aria-labelledby="finish-heading">' in page  # not hidden
    assert "Bridge: ✓ done" in page


# --- Without JavaScript: one exercise per page -------------------------------------------------


@pytest.mark.parametrize(
    ("step", "shown"), [(1, "Child's pose"), (2, "Knee-to-chest stretch"), (3, "Bridge")]
)
def test_step_n_shows_that_one_exercise(logged_in, routine, step, shown):
    assert visible_steps(html(logged_in.get(play_url(routine, step=step)))) == [shown]


@pytest.mark.parametrize("bad", ["0", "99", "-1", "two", "", "1.5", "9" * 40, "²"])
def test_a_step_that_does_not_exist_is_ignored(logged_in, routine, bad):
    response = logged_in.get(f"{play_url(routine)}?step={bad}")
    assert response.status_code == 200
    assert visible_steps(html(response)) == ["Child's pose"]


def test_done_ticks_the_step_and_goes_to_the_next(logged_in, user, routine):
    response = logged_in.get(play_url(routine))
    moved = done_on_step(logged_in, routine, response, 1)
    assert moved.status_code == 302
    assert moved["Location"] == play_url(routine, step=2)
    check = ExerciseCheck.objects.get(session__owner=user)
    assert (check.exercise.slug, check.status, check.item) == (
        "childs-pose",
        "done",
        items_of(routine)[0],
    )
    page = html(logged_in.get(moved["Location"]))
    assert visible_steps(page) == ["Knee-to-chest stretch"]
    assert "Child&#x27;s pose done." in page


def test_done_twice_keeps_one_tick(logged_in, user, routine):
    response = logged_in.get(play_url(routine))
    done_on_step(logged_in, routine, response, 1)
    done_on_step(logged_in, routine, response, 1)  # a double tap or a replay
    assert ExerciseCheck.objects.filter(session__owner=user).count() == 1


def test_the_last_done_leads_to_the_finish_form_and_finishing_works(logged_in, user, routine):
    for step in (1, 2, 3):
        response = logged_in.get(play_url(routine, step=step))
        moved = done_on_step(logged_in, routine, response, step)
    assert moved["Location"] == play_url(routine, step=4)
    page = html(logged_in.get(moved["Location"]))
    assert visible_steps(page) == []
    assert "How did it go?" in page
    log = reverse("exercises:log", args=[TODAY, routine.pk])
    data = offered_form(page, log)
    data[f"r{routine.pk}-pain_after"] = ["2"]
    data["action"] = ["finish"]
    finished = logged_in.post(log, data)
    assert finished["Location"] == f"/today/#routine-{routine.pk}"
    session = SessionLog.objects.get(owner=user, routine=routine)
    assert session.finished
    assert session.pain_after == 2
    assert session.checks.filter(status="done").count() == 3


@pytest.mark.parametrize("exercise", ["", "x", "999999", "99999999999999999999", "²", "\x00"])
def test_done_for_an_exercise_outside_the_session_stores_nothing(
    logged_in, user, routine, exercise
):
    response = logged_in.post(play_url(routine, step=1), {"exercise": exercise})
    assert response.status_code == 302
    assert "isn&#x27;t part of this session" in html(logged_in.get(response["Location"]))
    assert not ExerciseCheck.objects.exists()


def test_done_for_another_routines_exercise_stores_nothing(logged_in, user, routine, catalog):
    response = logged_in.post(play_url(routine), {"exercise": catalog["plank"].pk})
    assert response.status_code == 302
    assert not ExerciseCheck.objects.exists()


# --- Pain before ------------------------------------------------------------------------------


def test_pain_before_is_asked_at_the_start_through_todays_endpoint(logged_in, routine):
    page = html(logged_in.get(play_url(routine)))
    assert "How is your back right now?" in page
    start = reverse("exercises:start", args=[TODAY, routine.pk])
    assert f'data-hx-post="{start}"' in page
    assert f'name="r{routine.pk}-pain_before"' in page


def test_pain_before_without_javascript_is_saved_and_comes_back_to_the_player(
    logged_in, user, routine
):
    response = logged_in.get(play_url(routine))
    action = play_url(routine)
    data = offered_form(html(response), action)
    data[f"r{routine.pk}-pain_before"] = ["4"]
    saved = logged_in.post(action, data)
    assert saved["Location"] == play_url(routine, step=1)
    assert SessionLog.objects.get(owner=user, routine=routine).pain_before == 4
    assert not ExerciseCheck.objects.exists()  # saving pain before ticks nothing
    assert "How is your back right now?" not in html(logged_in.get(saved["Location"]))


def test_a_bad_pain_before_is_refused_with_a_message(logged_in, user, routine):
    data = {"action": "pain-before", "step": "1", f"r{routine.pk}-pain_before": "12"}
    saved = logged_in.post(play_url(routine), data)
    page = html(logged_in.get(saved["Location"]))
    assert "Pain is a number from 0 to 10." in page
    assert not SessionLog.objects.filter(pain_before__isnull=False).exists()


def test_pain_before_is_not_asked_again_once_given(logged_in, routine):
    start = reverse("exercises:start", args=[TODAY, routine.pk])
    logged_in.post(start, {f"r{routine.pk}-pain_before": "3"})
    assert "How is your back right now?" not in html(logged_in.get(play_url(routine)))


# --- Flare-up mode --------------------------------------------------------------------------


def test_in_flare_up_mode_only_gentle_exercises_at_an_eased_dose(logged_in, user, routine):
    flare_up.start(user, TODAY, 3)
    response = logged_in.get(play_url(routine))
    page = html(response)
    assert "Flare-up mode" in page
    assert "(until Thursday 26 November)" in page
    assert "End flare-up mode" in page
    assert "Resting for now: Bridge." in page
    data = player_data(response)
    assert [s["name"] for s in data["steps"]] == ["Child's pose", "Knee-to-chest stretch"]
    assert data["steps"][0]["dose"] == "1 × 10 s hold"
    assert data["steps"][1]["dose"] == "1 × 10 s hold, each side"
    assert "eased for the flare-up" in page


def test_a_routine_with_nothing_gentle_offers_the_starter_set_in_flare_up_mode(
    logged_in, user, make_routine
):
    strong = make_routine(user, "Strong", days=EVERY_DAY, slugs=("bridge", "plank"))
    flare_up.start(user, TODAY, 3)
    response = logged_in.get(play_url(strong))
    data = player_data(response)
    assert [s["name"] for s in data["steps"]] == [
        "Pelvic tilts",
        "Knee rolls",
        "Knee-to-chest stretch",
    ]
    check = reverse("exercises:gentle_check", args=[TODAY, strong.pk, "pelvic-tilts"])
    assert data["steps"][0]["check"] == check
    moved = done_on_step(logged_in, strong, response, 1)
    assert moved["Location"] == play_url(strong, step=2)
    assert ExerciseCheck.objects.get().exercise.slug == "pelvic-tilts"


def test_ending_flare_up_mode_is_offered_only_for_today(logged_in, user, routine):
    flare_up.start(user, TODAY - timedelta(days=1), 5)
    yesterday = html(logged_in.get(play_url(routine, TODAY - timedelta(days=1))))
    assert "Flare-up mode" in yesterday
    assert "End flare-up mode" not in yesterday


# --- Ownership and the back-fill window ---------------------------------------------------------


def test_another_users_routine_is_404(logged_in, other_user, make_routine):
    theirs = make_routine(other_user, "Theirs", days=EVERY_DAY, slugs=("bridge",))
    assert logged_in.get(play_url(theirs)).status_code == 404
    exercise = items_of(theirs)[0].exercise.pk
    assert logged_in.post(play_url(theirs), {"exercise": exercise}).status_code == 404
    assert not ExerciseCheck.objects.exists()


def test_the_player_needs_login(client, routine):
    response = client.get(play_url(routine))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("offset", [1, settings.BACKCARE_BACKFILL_DAYS + 1])
def test_a_day_outside_the_back_fill_window_is_refused(logged_in, routine, offset):
    day = TODAY + timedelta(days=offset) if offset == 1 else TODAY - timedelta(days=offset)
    response = logged_in.get(play_url(routine, day))
    assert response.status_code == 400
    assert "That day can't be logged" in html(response)
    posted = logged_in.post(play_url(routine, day), {"exercise": items_of(routine)[0].exercise.pk})
    assert posted.status_code == 302
    assert posted["Location"] == "/today/"
    assert not ExerciseCheck.objects.exists()


def test_the_last_day_of_the_window_can_be_played(logged_in, routine):
    day = TODAY - timedelta(days=settings.BACKCARE_BACKFILL_DAYS)
    assert logged_in.get(play_url(routine, day)).status_code == 200


# --- Settings ------------------------------------------------------------------------------------


def player_settings(**changes) -> dict:
    data = {
        "section": "player",
        "get_ready_seconds": "10",
        "rest_seconds": "60",
        "switch_sides_seconds": "8",
        "rep_seconds": "4",
        "auto_advance": "on",
        "cue_speech": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_player_settings_are_saved_and_reach_the_player(logged_in, user, routine):
    response = logged_in.post(reverse("exercises:settings"), player_settings())
    assert response.status_code == 302
    assert response["Location"] == reverse("exercises:settings") + "#player"
    profile = Profile.objects.get(user=user)
    assert (profile.get_ready_seconds, profile.rest_seconds) == (10, 60)
    assert (profile.switch_sides_seconds, profile.rep_seconds) == (8, 4)
    assert profile.auto_advance
    assert profile.cue_speech
    assert not (profile.count_reps)
    assert not (profile.cue_tones)
    assert not (profile.cue_vibration)
    data = player_data(logged_in.get(play_url(routine)))["settings"]
    assert data["getReady"] == 10
    assert data["tones"] is False
    assert data["countReps"] is False


def test_the_settings_page_shows_the_player_fields(logged_in):
    page = html(logged_in.get(reverse("exercises:settings")))
    assert "Guided sessions" in page
    assert '<label for="id_get_ready_seconds">Get ready (seconds)</label>' in page
    assert f'max="{REST_RANGE[1]}"' in page
    assert '<label for="id_cue_speech">Spoken cues</label>' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("get_ready_seconds", "1", "Get ready must be a whole number from 3 to 50 seconds."),
        ("rest_seconds", "301", "Rest must be a whole number from 5 to 300 seconds."),
        ("switch_sides_seconds", "", "Switch sides must be a whole number from 3 to 50 seconds."),
        ("rep_seconds", "fast", "Seconds per rep must be a whole number from 1 to 30 seconds."),
    ],
)
def test_bad_player_settings_get_a_clear_message_and_store_nothing(
    logged_in, user, field, value, message
):
    response = logged_in.post(reverse("exercises:settings"), player_settings(**{field: value}))
    assert response.status_code == 200
    assert message in html(response)
    assert "Nothing was saved yet." in html(response)
    profile = Profile.objects.get(user=user)
    assert (profile.get_ready_seconds, profile.rest_seconds, profile.cue_tones) == (5, 30, True)


def test_the_player_ranges_reach_ten_times_their_defaults():
    """Timing adjustable: anyone who needs more time can have ten times as much."""
    form = PlayerSettingsForm()
    for name in ("get_ready_seconds", "rest_seconds", "switch_sides_seconds", "rep_seconds"):
        default = Profile._meta.get_field(name).default
        low, high = form.RANGES[name][0]
        assert low <= default, name
        assert high >= 10 * default, name
    assert (form.fields["get_ready_seconds"].min_value, 50) == GET_READY_RANGE


def test_the_database_refuses_a_timing_out_of_range(user):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.filter(user=user).update(rest_seconds=REST_RANGE[1] + 1)


def test_saving_player_settings_leaves_the_other_settings_alone(logged_in, user):
    logged_in.post(reverse("exercises:settings"), player_settings())
    profile = Profile.objects.get(user=user)
    assert (profile.time_zone, profile.week_start, profile.reminder_lead_minutes) == ("UTC", 0, 15)


# --- Light ---------------------------------------------------------------------------------------


def test_the_player_script_and_css_stay_under_ten_kilobytes_compressed():
    static = Path(settings.BASE_DIR) / "static"
    files = [static / "js" / "player.js", static / "css" / "player.css"]
    compressed = sum(len(gzip.compress(path.read_bytes())) for path in files)
    assert compressed <= 10 * 1024, f"{compressed} bytes gzipped"


def test_the_page_runs_the_same_queries_for_one_exercise_or_ten(
    logged_in, user, catalog, make_routine, django_assert_max_num_queries, django_assert_num_queries
):
    small = make_routine(user, "Small", days=EVERY_DAY, slugs=("bridge",))
    tick(logged_in, items_of(small)[0])
    logged_in.get(play_url(small))  # warm up (and read the flash message)
    with django_assert_max_num_queries(12) as one:
        assert logged_in.get(play_url(small)).status_code == 200
    queries_for_one = len(one)  # before the next request clears Django's query log
    large = make_routine(user, "Large", days=EVERY_DAY, slugs=list(catalog))
    for item in items_of(large)[:5]:
        tick(logged_in, item)
    logged_in.get(play_url(large))
    with django_assert_num_queries(queries_for_one):
        response = logged_in.get(play_url(large))
    assert len(player_data(response)["steps"]) == 10
