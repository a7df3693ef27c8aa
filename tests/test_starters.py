"""Starter plans keep their promises: "Desk-break relief" needs no floor, every starter
dose is below the exercise's usual one, each starter shows its total time and level, its
button's name contains its visible text, and a starter picked on a day it doesn't
include offers "Start today anyway" (a one-off on Today; its weekly days stay).

"Now" is frozen at Saturday 28 November 2026, 10:00 UTC unless a test moves it."""

import re
from datetime import UTC, date, datetime, timedelta
from html import escape, unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from exercises import content, starters
from exercises.models import Exercise, Routine, SessionLog, weekday_mask

pytestmark = pytest.mark.django_db

SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
STARTERS_URL = reverse("exercises:starters")
HTMX = {"HX-Request": "true"}
# Where each kind of equipment puts you: a chair or a wall means sitting or standing.
DESK_OR_STANDING = {Exercise.Equipment.CHAIR, Exercise.Equipment.WALL}
FLOOR_WORDS = re.compile(r"\b(lie|lying|kneel|kneeling|hands and knees|on a mat)\b", re.I)


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    def move_to(moment: datetime):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    move_to(SATURDAY)
    return move_to


def page_text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def starter_entry(slug: str) -> dict:
    return next(s for s in content.STARTERS if s["slug"] == slug)


def starter_card(page: str, name: str) -> str:
    start = page.index(f"<h2>{name}</h2>")
    return page[start : page.index("</li>\n", page.index("</form>", start))]


# --- What each starter asks of you ----------------------------------------------------------------


def test_desk_break_relief_has_only_exercises_done_sitting_or_standing(catalog):
    desk_break = starter_entry("desk-break")
    assert desk_break["items"]
    for item in desk_break["items"]:
        exercise = catalog[item["exercise"]]
        assert exercise.equipment in DESK_OR_STANDING, f"{exercise.name} needs the floor"
        first_step = exercise.step_list[0]
        assert first_step.startswith(("Sit", "Stand")), f"{exercise.name} starts: {first_step}"
        assert not FLOOR_WORDS.search(exercise.steps), f"{exercise.name} goes down on the floor"


@pytest.mark.parametrize(
    ("slug", "entry"),
    [(s["slug"], item) for s in content.STARTERS for item in s["items"]],
    ids=lambda value: value if isinstance(value, str) else value["exercise"],
)
def test_no_starter_dose_is_above_the_exercises_starting_dose(catalog, slug, entry):
    """ "Start slowly": a starter never asks more than the beginner's dose the page suggests."""
    exercise = catalog[entry["exercise"]]
    if exercise.uses_hold:
        assert entry["reps"] is None
        mine, usual = (
            (entry["sets"], entry["hold_seconds"]),
            (
                exercise.default_sets,
                exercise.default_hold_seconds,
            ),
        )
    else:
        assert entry["hold_seconds"] is None
        mine, usual = (entry["sets"], entry["reps"]), (exercise.default_sets, exercise.default_reps)
    assert all(m <= u for m, u in zip(mine, usual, strict=True)), f"{mine} above {usual}"


def test_starters_page_shows_days_total_time_level_and_each_dose(logged_in, catalog):
    page = logged_in.get(STARTERS_URL).content.decode()
    for starter in starters.all_starters():
        card = unescape(starter_card(page, starter.name))
        assert f"<dt>Days</dt><dd>{', '.join(starter.days)}" in card
        assert f"<dt>Time</dt><dd>about {starter.minutes} min</dd>" in card
        assert f"<dt>Level</dt><dd>{starter.level}</dd>" in card
        for item in starter.items:
            assert f"{item.exercise.name}</a>: {item.dose_label}" in card


@pytest.mark.parametrize("slug", [s["slug"] for s in content.STARTERS])
def test_a_starters_total_time_is_what_the_copied_routine_estimates(logged_in, user, catalog, slug):
    starter = starters.find(slug)
    logged_in.post(STARTERS_URL, {"starter": slug})
    routine = Routine.objects.with_items().get(owner=user)
    assert starter.minutes == routine.estimated_minutes()
    assert starter.minutes >= len(starter.items)


def test_a_starters_level_reaches_its_hardest_exercise(catalog):
    by_slug = {s.slug: s for s in starters.all_starters()}
    assert by_slug["gentle-first-week"].level == "Gentle"
    assert by_slug["desk-break"].level == "Gentle to moderate"
    assert by_slug["core-stability"].level == "Gentle to challenging"
    for starter in by_slug.values():
        hardest = max(
            (item.exercise.level for item in starter.items), key=starters.LEVEL_ORDER.index
        )
        assert starter.hardest_level == hardest
        assert starter.level.lower().endswith(Exercise.Level(hardest).label.lower())


def test_add_buttons_name_starts_with_their_visible_text(logged_in, catalog):
    page = logged_in.get(STARTERS_URL).content.decode()
    buttons = re.findall(
        r'<button type="submit" aria-label="([^"]+)">Add to my plan</button>', page
    )
    assert buttons == [f"Add to my plan: {escape(s['name'])}" for s in content.STARTERS]


# --- Picked on a day it doesn't include -----------------------------------------------------------


def test_a_starter_picked_on_one_of_its_days_opens_the_routine(
    logged_in, user, catalog, frozen_now
):
    frozen_now(MONDAY)
    response = logged_in.post(STARTERS_URL, {"starter": "desk-break"})
    routine = Routine.objects.get(owner=user)
    assert response["Location"] == routine.get_absolute_url()
    assert "Start today anyway" not in page_text(logged_in.get(response["Location"]))


def test_a_starter_picked_on_another_day_offers_to_start_today_anyway(logged_in, user, catalog):
    response = logged_in.post(STARTERS_URL, {"starter": "desk-break"})
    routine = Routine.objects.get(owner=user)
    assert response.status_code == 302
    assert response["Location"] == f"{STARTERS_URL}?added={routine.pk}"
    page = logged_in.get(response["Location"])
    text = page_text(page)
    assert "“Desk-break relief” is in your plan" in text
    assert "planned for Monday, Tuesday, Wednesday, Thursday, Friday" in text
    assert "isn't on today's list (Saturday)" in text
    start_url = reverse("exercises:start_today", args=[routine.pk])
    assert f'<form method="post" action="{start_url}">' in page.content.decode()


def test_start_today_anyway_puts_it_on_today_once_and_keeps_its_days(logged_in, user, catalog):
    logged_in.post(STARTERS_URL, {"starter": "desk-break"})
    routine = Routine.objects.get(owner=user)
    start_url = reverse("exercises:start_today", args=[routine.pk])

    response = logged_in.post(start_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("exercises:today")
    today = page_text(logged_in.get(response["Location"]))
    assert "“Desk-break relief” is on today's list, just for today." in today
    assert "Seated spinal twist" in today
    assert "Wall angels" in today
    assert "Nothing planned today" not in today

    logged_in.post(start_url)  # pressed twice: still one session, days unchanged
    assert SessionLog.objects.filter(owner=user, routine=routine).count() == 1
    routine.refresh_from_db()
    assert routine.weekdays == weekday_mask(range(5))


def test_a_one_off_routine_ticks_and_counts_on_today(logged_in, user, catalog):
    logged_in.post(STARTERS_URL, {"starter": "desk-break"})
    routine = Routine.objects.get(owner=user)
    logged_in.post(reverse("exercises:start_today", args=[routine.pk]))
    twist = routine.items.get(exercise__slug="seated-spinal-twist")
    day = SATURDAY.date()
    response = logged_in.post(
        reverse("exercises:check", args=[day, twist.pk]), {"done": "1"}, headers=HTMX
    )
    assert "1 of 2 done" in page_text(response)
    assert "1 of 2 done" in page_text(logged_in.get(reverse("exercises:today")))


def test_a_one_off_is_only_for_the_day_it_was_started(logged_in, user, catalog, frozen_now):
    logged_in.post(STARTERS_URL, {"starter": "desk-break"})
    routine = Routine.objects.get(owner=user)
    logged_in.post(reverse("exercises:start_today", args=[routine.pk]))
    frozen_now(SATURDAY + timedelta(days=1))
    sunday = page_text(logged_in.get(reverse("exercises:today")))
    assert "Seated spinal twist" not in sunday
    assert "Nothing planned today" in sunday
    saturday = page_text(logged_in.get(reverse("exercises:day", args=[date(2026, 11, 28)])))
    assert "Seated spinal twist" in saturday  # the day it was started still shows it


def test_start_today_for_a_routine_already_on_today_adds_nothing(logged_in, user, make_routine):
    routine = make_routine(user, "Weekend", days=(5, 6))
    response = logged_in.post(reverse("exercises:start_today", args=[routine.pk]))
    assert response["Location"] == reverse("exercises:today")
    assert not SessionLog.objects.exists()


def test_start_today_for_a_paused_routine_says_resume_first(logged_in, user, make_routine):
    routine = make_routine(user, "Weekdays", days=range(5), active=False)
    response = logged_in.post(reverse("exercises:start_today", args=[routine.pk]), follow=True)
    assert "“Weekdays” is paused. Resume it in your plan first." in page_text(response)
    assert not SessionLog.objects.exists()


def test_start_today_for_another_users_routine_is_404(logged_in, other_user, make_routine):
    theirs = make_routine(other_user, "Theirs", days=(0,))
    assert logged_in.post(reverse("exercises:start_today", args=[theirs.pk])).status_code == 404
    assert not SessionLog.objects.exists()


def test_start_today_needs_a_post(logged_in, user, make_routine):
    routine = make_routine(user, "Weekdays", days=range(5))
    assert logged_in.get(reverse("exercises:start_today", args=[routine.pk])).status_code == 405
    assert not SessionLog.objects.exists()


def test_the_added_notice_ignores_another_users_routine(logged_in, other_user, make_routine):
    theirs = make_routine(other_user, "Their secret plan", days=(0,))
    page = page_text(logged_in.get(f"{STARTERS_URL}?added={theirs.pk}"))
    assert "Their secret plan" not in page
    assert "Start today anyway" not in page
    assert "is in your plan" not in page
    assert logged_in.get(f"{STARTERS_URL}?added=nonsense").status_code == 200
    assert logged_in.get(f"{STARTERS_URL}?added={'9' * 30}").status_code == 200


def test_starters_page_query_count_is_the_same_with_one_or_many_routines(
    logged_in, user, catalog, make_routine, django_assert_num_queries
):
    first = make_routine(user, "First")
    url = f"{STARTERS_URL}?added={first.pk}"
    logged_in.get(url)
    with django_assert_num_queries(2) as few:
        logged_in.get(url)
    for number in range(10):
        make_routine(user, f"Routine {number}", slugs=("bridge", "plank", "cat-cow"))
    with django_assert_num_queries(len(few)):
        logged_in.get(url)
