"""Easier and harder versions: their sections on the exercise page (steps, dose, when to
move), their own address leading there, and the one-click swap in a routine that keeps
the item's history and its dose rules."""

import re
from datetime import timedelta
from html import unescape

import pytest

from exercises.models import Exercise, ExerciseCheck, RoutineItem, SessionLog, swapped_dose

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def html(response) -> str:
    return unescape(response.content.decode())


def section(page: str, section_id: str) -> str:
    start = page.index(f'id="{section_id}"')
    return page[start : page.index("</section>", start)]


def version(slug) -> Exercise:
    return Exercise.objects.select_related("version_of").get(slug=slug)


# --- On the exercise page -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "kind", "version_slug"),
    [
        ("plank", "easier", "wall-plank"),
        ("plank", "harder", "full-plank"),
        ("bridge", "harder", "single-leg-bridge"),
        ("superman", "easier", "back-extension-forearms"),
        ("seated-spinal-twist", "easier", "knee-rolls"),
        ("cat-cow", "easier", "seated-cat-cow"),
        ("knee-to-chest", "harder", "double-knee-to-chest"),
    ],
)
def test_the_exercise_page_has_the_versions_steps_dose_and_when_to_move(
    client, catalog, slug, kind, version_slug
):
    other = version(version_slug)
    page = html(client.get(f"/exercises/{slug}/"))
    box = section(page, kind)
    assert f"{kind.capitalize()}</span> {other.name}" in box
    for step in other.step_list:
        assert step in box
    assert other.dose_label in box
    assert "When to move to it" in box
    assert other.when_to_move in box
    for line in other.check_first_list:
        assert line in box


def test_an_exercise_without_versions_has_no_such_sections(client, catalog):
    page = html(client.get("/exercises/childs-pose/"))
    assert 'id="easier"' not in page
    assert 'id="harder"' not in page


def test_a_versions_own_address_leads_to_its_section(client, catalog):
    response = client.get("/exercises/full-plank/")
    assert response.status_code == 302
    assert response["Location"] == "/exercises/plank/#harder"
    assert (
        client.get("/exercises/knee-rolls/")["Location"] == "/exercises/seated-spinal-twist/#easier"
    )


def test_versions_are_not_listed_in_the_catalog_or_the_routine_picker(
    client, logged_in, user, catalog, make_routine
):
    assert "Full plank" not in html(client.get("/exercises/"))
    assert "Full plank" not in html(client.get("/exercises/", {"q": "plank"}))
    routine = make_routine(user, "Mine", slugs=("cat-cow",))
    picker = html(logged_in.get(routine.get_absolute_url(), {"q": "plank"}, **HTMX))
    assert "Add Plank" in picker
    assert "Full plank" not in picker


def test_steps_never_state_a_count_that_could_disagree_with_the_plan(catalog):
    counting = re.compile(
        r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+"
        r"(times|rounds|reps|repetitions|seconds|more|on each side|holds)\b"
        r"|\bdo \d+\b|\bhold for \d+",
        re.I,
    )
    for exercise in Exercise.objects.all():
        for step in exercise.step_list:
            assert not counting.search(step), (exercise.slug, step)


# --- The dose rule of a swap (pure) ---------------------------------------------------------


def test_a_swap_to_an_easier_version_keeps_the_amount_when_counted_the_same_way(catalog):
    superman, extension = version("superman"), version("back-extension-forearms")
    item = RoutineItem(sets=2, reps=9)
    assert swapped_dose(item, superman, extension) == (2, 9, None)


def test_a_swap_to_a_harder_version_starts_no_higher_than_its_starting_amount(catalog):
    plank, full = version("plank"), version("full-plank")
    assert swapped_dose(RoutineItem(sets=3, hold_seconds=40), plank, full) == (2, None, 10)
    assert swapped_dose(RoutineItem(sets=1, hold_seconds=5), plank, full) == (1, None, 5)
    # Back down from the harder one keeps what the user had.
    assert swapped_dose(RoutineItem(sets=2, hold_seconds=20), full, plank) == (2, None, 20)


def test_a_swap_counted_the_other_way_starts_at_the_new_versions_amount(catalog):
    twist, rolls = version("seated-spinal-twist"), version("knee-rolls")
    assert twist.uses_hold
    assert not rolls.uses_hold
    assert swapped_dose(RoutineItem(sets=3, hold_seconds=30), twist, rolls) == (
        rolls.default_sets,
        rolls.default_reps,
        None,
    )
    assert swapped_dose(RoutineItem(sets=1, reps=9), rolls, twist) == (
        twist.default_sets,
        None,
        twist.default_hold_seconds,
    )


# --- The swap in a routine ------------------------------------------------------------------


@pytest.fixture
def superman_item(user, make_routine):
    routine = make_routine(user, "Back work", days=range(7), slugs=("superman", "cat-cow"))
    item = routine.items.get(exercise__slug="superman")
    RoutineItem.objects.filter(pk=item.pk).update(sets=2, reps=8)
    item.refresh_from_db()
    today = user.profile.today()
    for back in (1, 2, 3):
        session = SessionLog.objects.create(
            owner=user, routine=routine, date=today - timedelta(days=back), finished_at=None
        )
        session.set_check(item.exercise, ExerciseCheck.Status.DONE, item=item)
    return item


def swap(client, item, to, **headers):
    return client.post(f"/plan/items/{item.pk}/swap/", {"to": to}, **headers)


def test_the_routine_editor_offers_each_other_version_as_one_button(logged_in, superman_item):
    page = html(logged_in.get(superman_item.routine.get_absolute_url()))
    row = page[page.index(f'id="item-{superman_item.pk}"') :]
    row = row[: row.index("</li>")]
    assert (
        "Swap to Back extension on your forearms (easier)"
        '<span class="visually-hidden">, instead of Superman</span>'
    ) in row
    assert 'name="to" value="back-extension-forearms"' in row
    cat_cow = superman_item.routine.items.get(exercise__slug="cat-cow")
    cat_cow_row = page[page.index(f'id="item-{cat_cow.pk}"') :]
    assert "Seated cat-cow (easier)" in cat_cow_row[: cat_cow_row.index("</li>")]


def test_swapping_to_the_easier_version_keeps_the_items_history_and_dose_rules(
    logged_in, user, superman_item
):
    pk, checks_before = superman_item.pk, set(superman_item.checks.values_list("pk", flat=True))
    assert len(checks_before) == 3

    response = swap(logged_in, superman_item, "back-extension-forearms")

    assert response.status_code == 302
    assert response["Location"] == superman_item.routine.get_absolute_url()
    editor = html(logged_in.get(response["Location"]))
    assert "Swapped Superman for Back extension on your forearms, 2 × 8 reps." in editor
    item = RoutineItem.objects.select_related("exercise").get(pk=pk)  # the same row
    assert item.exercise.slug == "back-extension-forearms"
    assert (item.sets, item.reps, item.hold_seconds) == (2, 8, None)
    assert set(item.checks.values_list("pk", flat=True)) == checks_before
    # What was done stays named as it was done; Today now names the new version.
    assert set(item.checks.values_list("exercise__slug", flat=True)) == {"superman"}
    history = html(logged_in.get("/history/"))
    assert "Superman" in history
    today = html(logged_in.get("/today/"))
    assert "Back extension on your forearms" in today
    assert f'id="check-{pk}"' in today


def test_swapping_announces_itself_and_going_back_up_starts_gently(logged_in, superman_item):
    response = swap(logged_in, superman_item, "back-extension-forearms", **HTMX)
    assert response.status_code == 200
    fragment = html(response)
    assert "<html" not in fragment
    assert "Swap to Superman (usual version)" in fragment
    assert "Swapped Superman for Back extension on your forearms, 2 × 8 reps." in (
        response["HX-Trigger-After-Settle"].encode().decode("unicode_escape")
    )
    assert f"item-{superman_item.pk}-swap" in response["HX-Trigger-After-Settle"]

    # Back up to the usual exercise: no more than its starting amount, to build up again.
    swap(logged_in, superman_item, "superman")
    superman_item.refresh_from_db()
    superman = superman_item.exercise
    assert superman.slug == "superman"
    assert (superman_item.sets, superman_item.reps) == (
        superman.default_sets,
        superman.default_reps,
    )


def test_a_swap_to_a_hold_version_gets_a_hold_and_no_reps(logged_in, user, make_routine):
    routine = make_routine(user, "Core", slugs=("plank",))
    item = routine.items.get()
    RoutineItem.objects.filter(pk=item.pk).update(sets=3, hold_seconds=45)
    swap(logged_in, item, "full-plank")
    item.refresh_from_db()
    assert (item.exercise.slug, item.sets, item.reps, item.hold_seconds) == (
        "full-plank",
        2,
        None,
        10,
    )
    item.full_clean()


def test_a_swap_between_reps_and_holds_revalidates_the_dose(logged_in, user, make_routine):
    routine = make_routine(user, "Desk", slugs=("seated-spinal-twist",))
    item = routine.items.get()
    swap(logged_in, item, "knee-rolls")
    item.refresh_from_db()
    assert item.exercise.slug == "knee-rolls"
    assert item.hold_seconds is None
    assert item.reps == item.exercise.default_reps
    item.full_clean()
    swap(logged_in, item, "seated-spinal-twist")
    item.refresh_from_db()
    assert (item.reps, item.hold_seconds) == (None, item.exercise.default_hold_seconds)


@pytest.mark.parametrize("target", ["plank", "nonsense", "", "superman"])
def test_a_target_that_is_not_another_version_changes_nothing(logged_in, superman_item, target):
    response = swap(logged_in, superman_item, target)
    assert response.status_code == 302
    superman_item.refresh_from_db()
    assert superman_item.exercise.slug == "superman"
    assert "isn't another version of Superman" in html(logged_in.get(response["Location"]))


def test_a_swap_to_a_version_already_in_the_routine_changes_nothing(logged_in, user, make_routine):
    routine = make_routine(user, "Both", slugs=("plank", "full-plank"))
    plank = routine.items.get(exercise__slug="plank")
    response = swap(logged_in, plank, "full-plank")
    plank.refresh_from_db()
    assert plank.exercise.slug == "plank"
    assert "Full plank is already in this routine" in html(logged_in.get(response["Location"]))
    response = swap(logged_in, plank, "full-plank", **HTMX)
    assert response.status_code == 200
    assert "already in this routine" in response["HX-Trigger-After-Settle"]


def test_another_users_item_cannot_be_swapped(logged_in, other_user, make_routine):
    theirs = make_routine(other_user, "Theirs", slugs=("superman",)).items.get()
    assert swap(logged_in, theirs, "back-extension-forearms").status_code == 404
    theirs.refresh_from_db()
    assert theirs.exercise.slug == "superman"


def test_swapping_needs_a_post(logged_in, superman_item):
    assert logged_in.get(f"/plan/items/{superman_item.pk}/swap/").status_code == 405


def test_the_routine_editor_query_count_stays_the_same_with_versions(
    logged_in, user, make_routine, django_assert_max_num_queries
):
    from .test_plan import queries_for

    few = make_routine(user, "Few", slugs=("plank",))
    many = make_routine(
        user,
        "Many",
        slugs=("plank", "bridge", "superman", "cat-cow", "knee-to-chest", "knee-rolls"),
    )
    assert queries_for(logged_in, few.get_absolute_url(), django_assert_max_num_queries) == (
        queries_for(logged_in, many.get_absolute_url(), django_assert_max_num_queries)
    )
