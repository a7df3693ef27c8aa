"""Routines and their doses (forms and database constraints),
the routine editor with and without HTMX, "Add to plan", starter routines, the week on
/plan/, ownership of every plan URL, no state change on GET, and /plan/'s query count."""

import json
import re
from datetime import UTC, datetime, time, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from exercises import content
from exercises.cache import move_user_version
from exercises.models import WEEKDAY_NAMES, Profile, Routine, RoutineItem, weekday_mask
from tests.conftest import offered_form

pytestmark = pytest.mark.django_db

PLAN = reverse("exercises:plan")
HTMX = {"HX-Request": "true"}


def html(response) -> str:
    return response.content.decode()


def order(routine) -> list[str]:
    return list(routine.items.order_by("position", "id").values_list("exercise__slug", flat=True))


def plan_state() -> list:
    """Everything a plan URL could change, to compare before and after."""
    routines = list(
        Routine.objects.order_by("pk").values_list(
            "pk", "owner_id", "name", "weekdays", "time_of_day", "active", "position"
        )
    )
    items = list(
        RoutineItem.objects.order_by("pk").values_list(
            "pk",
            "routine_id",
            "exercise_id",
            "position",
            "sets",
            "reps",
            "hold_seconds",
            "paused",
            "pause_reason",
            "progression_dismissed_on",
        )
    )
    return [routines, items]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- Routines: create, rename, reschedule, pause, delete -----------------------------------------


def test_create_a_routine_with_days_and_time(logged_in, user, catalog):
    response = logged_in.post(
        reverse("exercises:routine_new"),
        {"name": "Morning stretch", "days": ["0", "2", "4"], "time_of_day": "07:45"},
    )
    routine = Routine.objects.get(owner=user)
    assert response.status_code == 302
    assert response["Location"] == routine.get_absolute_url()
    assert routine.name == "Morning stretch"
    assert routine.weekday_list == [0, 2, 4]
    assert routine.time_of_day == time(7, 45)
    assert routine.active


def weekday_checkbox(page: str, number: int, name: str) -> bool:
    """A real checkbox for the weekday, inside a label that names it."""
    return bool(
        re.search(
            rf'<label[^>]*for="(?P<id>[\w-]+)"[^>]*>\s*<input type="checkbox" name="days" '
            rf'value="{number}"[^>]*id="(?P=id)"[^>]*>\s*{name}\s*</label>',
            page,
        )
    )


def test_new_routine_form_has_labelled_weekday_checkboxes(logged_in):
    page = html(logged_in.get(reverse("exercises:routine_new")))
    for number, name in enumerate(WEEKDAY_NAMES):
        assert weekday_checkbox(page, number, name), name


def test_rename_and_reschedule_a_routine(logged_in, user, make_routine):
    routine = make_routine(user, "Morning", days=(0, 2, 4), at="08:00")
    response = logged_in.post(
        routine.get_absolute_url(),
        {"name": "Lunchtime", "days": ["1", "3"], "time_of_day": "12:30", "active": "on"},
    )
    assert response.status_code == 302
    routine.refresh_from_db()
    assert routine.name == "Lunchtime"
    assert routine.weekday_list == [1, 3]
    assert routine.time_of_day == time(12, 30)
    assert routine.active
    assert order(routine) == ["cat-cow", "plank"]


def test_clearing_the_time_of_day_keeps_the_routine(logged_in, user, make_routine):
    routine = make_routine(user, "Morning", at="08:00")
    logged_in.post(routine.get_absolute_url(), {"name": "Morning", "days": ["0"], "active": "on"})
    routine.refresh_from_db()
    assert routine.time_of_day is None


def test_pause_and_resume_a_routine(logged_in, user, make_routine):
    routine = make_routine(user)
    toggle = reverse("exercises:routine_toggle", args=[routine.pk])

    response = logged_in.post(toggle)
    assert response.status_code == 302
    routine.refresh_from_db()
    assert not routine.active
    assert "is paused" in html(logged_in.get(response["Location"]))

    logged_in.post(toggle)
    routine.refresh_from_db()
    assert routine.active


def test_unticking_active_in_the_editor_pauses_the_routine(logged_in, user, make_routine):
    routine = make_routine(user)
    logged_in.post(routine.get_absolute_url(), {"name": routine.name, "days": ["0"]})
    routine.refresh_from_db()
    assert not routine.active


def test_paused_routine_leaves_the_week_but_stays_in_the_list(logged_in, user, make_routine):
    routine = make_routine(user, "Evening stretch", days=range(7))
    routine.active = False
    routine.save()
    page = html(logged_in.get(PLAN))
    week = page[page.index('<ol class="week">') : page.index("</ol>", page.index('class="week"'))]
    assert "Evening stretch" not in week
    assert "Paused" in page
    assert f'href="{routine.get_absolute_url()}"' in page


def test_delete_asks_first_and_only_post_deletes(logged_in, user, make_routine):
    routine = make_routine(user, "Morning")
    url = reverse("exercises:routine_delete", args=[routine.pk])

    confirm = logged_in.get(url)
    assert confirm.status_code == 200
    assert "Delete “Morning”?" in html(confirm)
    assert re.search(rf'<form method="post" action="{url}">', html(confirm))
    assert Routine.objects.filter(pk=routine.pk).exists()

    response = logged_in.post(url)
    assert response.status_code == 302
    assert response["Location"] == PLAN
    assert not Routine.objects.filter(pk=routine.pk).exists()
    assert not RoutineItem.objects.filter(routine_id=routine.pk).exists()


@pytest.mark.parametrize("name", ["Morning", "morning", "  Morning  "])
def test_a_duplicate_routine_name_is_refused(logged_in, user, make_routine, name):
    make_routine(user, "Morning")
    response = logged_in.post(reverse("exercises:routine_new"), {"name": name, "days": ["1"]})
    assert response.status_code == 200
    assert "You already have a routine with that name." in html(response)
    assert Routine.objects.filter(owner=user).count() == 1


def test_renaming_onto_another_routines_name_is_refused(logged_in, user, make_routine):
    make_routine(user, "Morning")
    evening = make_routine(user, "Evening")
    response = logged_in.post(evening.get_absolute_url(), {"name": "Morning", "days": ["1"]})
    assert response.status_code == 200
    assert "You already have a routine with that name." in html(response)
    evening.refresh_from_db()
    assert evening.name == "Evening"


def test_two_people_may_use_the_same_routine_name(logged_in, user, other_user, make_routine):
    make_routine(other_user, "Morning")
    logged_in.post(reverse("exercises:routine_new"), {"name": "Morning", "days": ["1"]})
    assert Routine.objects.filter(name="Morning").count() == 2


def test_the_database_refuses_a_duplicate_routine_name(user, make_routine):
    make_routine(user, "Morning")
    with pytest.raises(IntegrityError), transaction.atomic():
        Routine.objects.create(owner=user, name="Morning", weekdays=1)


def test_a_routine_without_a_name_is_refused(logged_in, user):
    response = logged_in.post(reverse("exercises:routine_new"), {"name": "", "days": ["1"]})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not Routine.objects.filter(owner=user).exists()


# --- Doses: the database has the last word, the forms say it kindly ------------------------------


@pytest.fixture
def empty_routine(user, make_routine):
    return make_routine(user, "Doses", slugs=())


@pytest.mark.parametrize(
    "dose",
    [
        {"sets": 0, "reps": 10, "hold_seconds": None},
        {"sets": 11, "reps": 10, "hold_seconds": None},
        {"sets": 2, "reps": 0, "hold_seconds": None},
        {"sets": 2, "reps": 51, "hold_seconds": None},
        {"sets": 2, "reps": None, "hold_seconds": 4},
        {"sets": 2, "reps": None, "hold_seconds": 301},
        {"sets": 2, "reps": 10, "hold_seconds": 30},
        {"sets": 2, "reps": None, "hold_seconds": None},
    ],
    ids=["sets-0", "sets-11", "reps-0", "reps-51", "hold-4", "hold-301", "both", "neither"],
)
def test_the_database_refuses_a_dose_out_of_range(empty_routine, catalog, dose):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoutineItem.objects.create(routine=empty_routine, exercise=catalog["bridge"], **dose)
    assert not empty_routine.items.exists()


@pytest.mark.parametrize(
    "dose",
    [
        {"sets": 1, "reps": 1, "hold_seconds": None},
        {"sets": 10, "reps": 50, "hold_seconds": None},
        {"sets": 1, "reps": None, "hold_seconds": 5},
        {"sets": 10, "reps": None, "hold_seconds": 300},
    ],
)
def test_the_database_accepts_the_edges_of_the_ranges(empty_routine, catalog, dose):
    item = RoutineItem.objects.create(routine=empty_routine, exercise=catalog["bridge"], **dose)
    assert item.pk


def test_the_database_refuses_the_same_exercise_twice_in_a_routine(user, make_routine, catalog):
    routine = make_routine(user, slugs=("plank",))
    with pytest.raises(IntegrityError), transaction.atomic():
        RoutineItem.objects.create(
            routine=routine, exercise=catalog["plank"], sets=1, hold_seconds=10
        )


REPS_CASES = [
    ("0", "8", "Sets must be between 1 and 10."),
    ("11", "8", "Sets must be between 1 and 10."),
    ("2", "0", "Reps must be between 1 and 50."),
    ("2", "51", "Reps must be between 1 and 50."),
    ("2", "", "Reps must be between 1 and 50."),
    ("two", "8", "Sets must be between 1 and 10."),
]
HOLD_CASES = [
    ("2", "4", "A hold must be between 5 and 300 seconds."),
    ("2", "301", "A hold must be between 5 and 300 seconds."),
    ("2", "", "A hold must be between 5 and 300 seconds."),
]


@pytest.fixture
def dose_routine(user, make_routine):
    return make_routine(user, "Doses", slugs=("bridge", "plank"))


def dose_data(item, sets, amount) -> dict:
    field = "hold_seconds" if item.exercise.uses_hold else "reps"
    return {f"item{item.pk}-sets": sets, f"item{item.pk}-{field}": amount}


def item_for(routine, slug) -> RoutineItem:
    return routine.items.select_related("exercise").get(exercise__slug=slug)


@pytest.mark.parametrize(("sets", "reps", "message"), REPS_CASES)
def test_the_dose_form_refuses_bad_reps_without_js(logged_in, dose_routine, sets, reps, message):
    item = item_for(dose_routine, "bridge")
    before = plan_state()
    response = logged_in.post(
        reverse("exercises:item_dose", args=[item.pk]), dose_data(item, sets, reps)
    )
    assert response.status_code == 200
    assert escape(message) in html(response)
    assert html(response).startswith("<!doctype html>")
    assert plan_state() == before


@pytest.mark.parametrize(("sets", "hold", "message"), HOLD_CASES)
def test_the_dose_form_refuses_bad_holds_via_htmx(logged_in, dose_routine, sets, hold, message):
    item = item_for(dose_routine, "plank")
    before = plan_state()
    response = logged_in.post(
        reverse("exercises:item_dose", args=[item.pk]), dose_data(item, sets, hold), headers=HTMX
    )
    assert response.status_code == 422
    page = html(response)
    assert page.lstrip().startswith(f'<div class="dose-form" id="item-{item.pk}-dose"')
    assert "<html" not in page
    assert escape(message) in page
    assert 'aria-invalid="true"' in page
    assert "Saved" not in page
    assert plan_state() == before


def test_a_reps_exercise_ignores_a_smuggled_hold(logged_in, dose_routine):
    item = item_for(dose_routine, "bridge")
    data = dose_data(item, "3", "12") | {f"item{item.pk}-hold_seconds": "30"}
    logged_in.post(reverse("exercises:item_dose", args=[item.pk]), data)
    item.refresh_from_db()
    assert (item.sets, item.reps, item.hold_seconds) == (3, 12, None)


def test_a_valid_dose_edit_via_htmx_saves_and_says_so_in_place(logged_in, dose_routine):
    item = item_for(dose_routine, "plank")
    response = logged_in.post(
        reverse("exercises:item_dose", args=[item.pk]), dose_data(item, "3", "45"), headers=HTMX
    )
    assert response.status_code == 200
    page = html(response)
    assert page.lstrip().startswith(f'<div class="dose-form" id="item-{item.pk}-dose"')
    assert "<html" not in page
    item.refresh_from_db()
    assert (item.sets, item.hold_seconds) == (3, 45)
    assert 'value="45"' in page
    assert "✓ Saved" in page


def test_save_routine_saves_a_changed_dose_with_the_name(logged_in, dose_routine):
    """One submit, as a browser without JavaScript sends it: every field on the page."""
    url = dose_routine.get_absolute_url()
    offered = offered_form(html(logged_in.get(url)), url)
    bridge = item_for(dose_routine, "bridge")
    assert offered[f"item{bridge.pk}-reps"] == [str(bridge.reps)]  # the dose rides along
    offered |= {"name": ["Doses, renamed"], f"item{bridge.pk}-reps": ["7"]}
    response = logged_in.post(url, offered)
    assert response.status_code == 302
    bridge.refresh_from_db()
    dose_routine.refresh_from_db()
    assert (dose_routine.name, bridge.reps) == ("Doses, renamed", 7)


def test_save_routine_with_a_bad_dose_saves_nothing_and_says_where(logged_in, dose_routine):
    url = dose_routine.get_absolute_url()
    bridge = item_for(dose_routine, "bridge")
    offered = offered_form(html(logged_in.get(url)), url)
    offered |= {"name": ["Renamed"], f"item{bridge.pk}-reps": ["99"]}
    before = plan_state()
    response = logged_in.post(url, offered)
    assert response.status_code == 200
    assert "Reps must be between 1 and 50." in html(response)
    assert plan_state() == before


def test_the_editor_warns_before_leaving_with_unsaved_changes(logged_in, dose_routine):
    page = html(logged_in.get(dose_routine.get_absolute_url()))
    assert 'id="routine-form" data-warn-unsaved' in page


def test_a_valid_dose_edit_without_js_redirects_back(logged_in, dose_routine):
    item = item_for(dose_routine, "bridge")
    response = logged_in.post(
        reverse("exercises:item_dose", args=[item.pk]), dose_data(item, "4", "15")
    )
    assert response.status_code == 302
    assert response["Location"] == dose_routine.get_absolute_url()
    item.refresh_from_db()
    assert (item.sets, item.reps) == (4, 15)


# --- The routine editor --------------------------------------------------------------------------


def test_editor_shows_items_in_order_with_move_buttons(logged_in, user, make_routine):
    routine = make_routine(user, slugs=("cat-cow", "bridge", "plank"))
    response = logged_in.get(routine.get_absolute_url())
    assert response.status_code == 200
    page = html(response)
    assert "Move up: Cat-cow stretch" in page
    assert "Move down: Plank" in page
    positions = [page.index(f">{name}</a></h3>") for name in ("Cat-cow stretch", "Bridge", "Plank")]
    assert positions == sorted(positions)


def test_add_an_exercise_without_js(logged_in, user, make_routine, catalog):
    routine = make_routine(user, slugs=("cat-cow",))
    response = logged_in.post(
        reverse("exercises:item_add", args=[routine.pk]), {"exercise": catalog["bridge"].pk}
    )
    assert response.status_code == 302
    assert response["Location"] == routine.get_absolute_url()
    assert order(routine) == ["cat-cow", "bridge"]
    item = item_for(routine, "bridge")
    assert (item.sets, item.reps, item.hold_seconds) == (
        catalog["bridge"].default_sets,
        catalog["bridge"].default_reps,
        None,
    )
    assert "Added Bridge." in messages_of(logged_in.get(response["Location"]))


def test_add_an_exercise_via_htmx_returns_the_items_and_focuses_its_dose(
    logged_in, user, make_routine, catalog
):
    routine = make_routine(user, slugs=("cat-cow",))
    response = logged_in.post(
        reverse("exercises:item_add", args=[routine.pk]),
        {"exercise": catalog["plank"].pk},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert html(response).lstrip().startswith('<div id="items">')
    item = item_for(routine, "plank")
    settle = json.loads(response["HX-Trigger-After-Settle"])
    assert settle["backcare:focus"] == {"id": f"item-{item.pk}-sets"}
    assert f'id="item-{item.pk}-sets"' in html(response)


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["no-js", "htmx"])
def test_adding_an_exercise_twice_says_so_and_does_not_duplicate(
    logged_in, user, make_routine, catalog, headers
):
    routine = make_routine(user, slugs=("cat-cow", "plank"))
    before = plan_state()
    response = logged_in.post(
        reverse("exercises:item_add", args=[routine.pk]),
        {"exercise": catalog["plank"].pk},
        headers=headers,
    )
    assert plan_state() == before
    if headers:
        settle = json.loads(response["HX-Trigger-After-Settle"])
        assert settle["backcare:announce"]["message"] == "Plank is already in this routine."
    else:
        followed = logged_in.get(response["Location"])
        assert "Plank is already in this routine." in messages_of(followed)


def test_adding_an_unknown_exercise_is_404(logged_in, user, make_routine):
    routine = make_routine(user)
    response = logged_in.post(
        reverse("exercises:item_add", args=[routine.pk]), {"exercise": 999999}
    )
    assert response.status_code == 404


def test_the_picker_offers_only_exercises_not_yet_in_the_routine(logged_in, user, make_routine):
    routine = make_routine(user, slugs=("plank",))
    page = html(logged_in.get(routine.get_absolute_url()))
    picker = page[page.index('id="picker-results"') :]
    assert "Add Bridge" in picker
    assert "Add Plank" not in picker


def test_the_picker_search_returns_only_its_results_via_htmx(logged_in, user, make_routine):
    routine = make_routine(user, slugs=())
    response = logged_in.get(routine.get_absolute_url(), {"q": "twist"}, headers=HTMX)
    page = html(response)
    assert page.lstrip().startswith('<div id="picker-results">')
    assert "Add Seated spinal twist" in page
    assert "Add Bridge" not in page


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["no-js", "htmx"])
def test_remove_an_exercise(logged_in, user, make_routine, headers):
    routine = make_routine(user, slugs=("cat-cow", "bridge", "plank"))
    bridge = item_for(routine, "bridge")
    response = logged_in.post(reverse("exercises:item_remove", args=[bridge.pk]), headers=headers)
    assert order(routine) == ["cat-cow", "plank"]
    assert list(routine.items.order_by("position").values_list("position", flat=True)) == [0, 1]
    if headers:
        assert response.status_code == 200
        assert html(response).lstrip().startswith('<div id="items">')
        settle = json.loads(response["HX-Trigger-After-Settle"])
        assert settle["backcare:focus"] == {"id": "items-list"}  # not the next Remove
        assert "Removed Bridge." in html(response)
        assert ">Undo<" in html(response)
    else:
        assert response.status_code == 302
        assert response["Location"] == routine.get_absolute_url()


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["no-js", "htmx"])
def test_undo_puts_a_removed_exercise_back_where_it_was(logged_in, user, make_routine, headers):
    routine = make_routine(user, slugs=("cat-cow", "bridge", "plank"))
    bridge = item_for(routine, "bridge")
    RoutineItem.objects.filter(pk=bridge.pk).update(sets=3, reps=7)
    logged_in.post(reverse("exercises:item_remove", args=[bridge.pk]), headers=headers)
    editor = html(logged_in.get(routine.get_absolute_url()))
    assert "Removed Bridge." in editor
    undo = reverse("exercises:undo_remove", args=[routine.pk])
    logged_in.post(undo, headers=headers)
    assert order(routine) == ["cat-cow", "bridge", "plank"]
    back = item_for(routine, "bridge")
    assert (back.sets, back.reps) == (3, 7)
    assert "Removed Bridge." not in html(logged_in.get(routine.get_absolute_url()))
    logged_in.post(undo, headers=headers)  # a second Undo has nothing to do
    assert order(routine) == ["cat-cow", "bridge", "plank"]


def test_undo_is_offered_only_in_the_routine_it_came_from(logged_in, user, make_routine):
    first = make_routine(user, "First", slugs=("cat-cow", "bridge"))
    second = make_routine(user, "Second", slugs=("plank",))
    removal = reverse("exercises:item_remove", args=[item_for(first, "bridge").pk])
    assert "Removed Bridge." in html(logged_in.post(removal, follow=True))
    assert "Removed Bridge." not in html(logged_in.get(second.get_absolute_url()))
    logged_in.post(reverse("exercises:undo_remove", args=[second.pk]))
    assert order(second) == ["plank"]


def test_move_up_and_down_without_js_redirect_back(logged_in, user, make_routine):
    routine = make_routine(user, slugs=("cat-cow", "bridge", "plank"))
    plank = item_for(routine, "plank")
    move = reverse("exercises:item_move", args=[plank.pk])

    response = logged_in.post(move, {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"] == routine.get_absolute_url()
    assert order(routine) == ["cat-cow", "plank", "bridge"]

    logged_in.post(move, {"direction": "up"})
    assert order(routine) == ["plank", "cat-cow", "bridge"]

    logged_in.post(move, {"direction": "up"})  # already first: nothing moves
    assert order(routine) == ["plank", "cat-cow", "bridge"]

    logged_in.post(move, {"direction": "down"})
    assert order(routine) == ["cat-cow", "plank", "bridge"]


def test_move_via_htmx_returns_only_the_items_and_keeps_focus(logged_in, user, make_routine):
    routine = make_routine(user, slugs=("cat-cow", "bridge", "plank"))
    cat_cow = item_for(routine, "cat-cow")

    response = logged_in.post(
        reverse("exercises:item_move", args=[cat_cow.pk]), {"direction": "down"}, headers=HTMX
    )

    assert response.status_code == 200
    page = html(response)
    assert page.lstrip().startswith('<div id="items">')
    assert "<html" not in page
    assert "<nav" not in page
    assert page.index(">Bridge</a>") < page.index(">Cat-cow stretch</a>")
    assert order(routine) == ["bridge", "cat-cow", "plank"]
    settle = json.loads(response["HX-Trigger-After-Settle"])
    assert settle["backcare:focus"] == {"id": f"item-{cat_cow.pk}-down"}
    assert settle["backcare:announce"]["message"] == "Cat-cow stretch is now number 2 of 3."


def test_moving_the_last_item_down_keeps_focus_on_a_usable_button(logged_in, user, make_routine):
    routine = make_routine(user, slugs=("cat-cow", "plank"))
    cat_cow = item_for(routine, "cat-cow")
    response = logged_in.post(
        reverse("exercises:item_move", args=[cat_cow.pk]), {"direction": "down"}, headers=HTMX
    )
    settle = json.loads(response["HX-Trigger-After-Settle"])
    assert settle["backcare:focus"] == {"id": f"item-{cat_cow.pk}-up"}
    assert order(routine) == ["plank", "cat-cow"]


def test_pause_and_resume_one_exercise(logged_in, user, make_routine):
    routine = make_routine(user, slugs=("cat-cow", "plank"))
    plank = item_for(routine, "plank")
    url = reverse("exercises:item_pause", args=[plank.pk])
    logged_in.post(url, {"action": "pause"})
    plank.refresh_from_db()
    assert plank.paused
    assert plank.pause_reason == RoutineItem.PauseReason.USER
    logged_in.post(url, {"action": "resume"})
    plank.refresh_from_db()
    assert not plank.paused
    assert plank.pause_reason == ""


# --- Add to plan from an exercise page -----------------------------------------------------------


def add_url(slug="bridge") -> str:
    return reverse("exercises:add_to_plan", args=[slug])


def test_add_to_plan_form_has_the_spec_labels(logged_in, catalog):
    page = html(logged_in.get(add_url("bridge")))
    assert '<label for="id_routine">Routine</label>' in page
    assert '<label for="id_new_routine_name">New routine name</label>' in page
    for number, name in enumerate(WEEKDAY_NAMES):
        assert weekday_checkbox(page, number, name), name
    assert '<label for="id_sets">Sets</label>' in page
    assert '<label for="id_reps">Reps</label>' in page
    assert '<button type="submit">Add</button>' in page
    hold_page = html(logged_in.get(add_url("plank")))
    assert '<label for="id_hold_seconds">Hold (seconds)</label>' in hold_page


def test_add_to_plan_into_a_new_routine(logged_in, user, catalog):
    response = logged_in.post(
        add_url("bridge"),
        {
            "routine": "new",
            "new_routine_name": "Strong back",
            "days": ["1", "3", "5"],
            "sets": "2",
            "reps": "8",
        },
    )
    routine = Routine.objects.get(owner=user, name="Strong back")
    item = routine.items.get()
    assert response.status_code == 302
    assert response["Location"] == f"/exercises/bridge/?added={item.pk}"
    assert routine.weekday_list == [1, 3, 5]
    assert (item.exercise.slug, item.sets, item.reps, item.hold_seconds) == ("bridge", 2, 8, None)
    page = html(logged_in.get(response["Location"]))
    assert "Added to “Strong back”." in page
    assert ">Undo<" in page
    assert "In your plan" in page
    assert "Your plan: 2 × 8 reps" in page


def test_the_add_form_offers_the_suggested_dose_and_adds_it_as_offered(logged_in, user, catalog):
    """A new user types only a name and picks days; the dose is the one suggested."""
    url = add_url("bridge")
    offered = offered_form(html(logged_in.get(url)), url)
    assert offered["routine"] == ["new"]  # no routines yet
    assert offered["sets"] == [str(catalog["bridge"].default_sets)]
    assert offered["reps"] == [str(catalog["bridge"].default_reps)]
    response = logged_in.post(
        url, {**offered, "new_routine_name": ["Morning strength"], "days": ["0", "3"]}
    )
    assert response.status_code == 302
    item = RoutineItem.objects.get(routine__owner=user)
    assert (item.sets, item.reps) == (
        catalog["bridge"].default_sets,
        catalog["bridge"].default_reps,
    )


def test_the_add_form_defaults_to_the_routine_last_added_to(logged_in, user, make_routine, catalog):
    make_routine(user, "Morning", slugs=("cat-cow",))
    evening = make_routine(user, "Evening", slugs=("plank",))
    url = add_url("bridge")
    assert offered_form(html(logged_in.get(url)), url)["routine"] == [str(evening.pk)]
    morning = Routine.objects.get(name="Morning")
    RoutineItem.objects.create_with_default_dose(morning, catalog["superman"], 5)
    assert offered_form(html(logged_in.get(url)), url)["routine"] == [str(morning.pk)]


def test_each_add_to_plan_error_shows_once_beside_its_field(logged_in, user, catalog):
    response = logged_in.post(
        add_url("bridge"),
        {"routine": "new", "new_routine_name": "", "days": [], "sets": "", "reps": ""},
    )
    page = html(response)
    for message in (
        "Give your new routine a name.",
        "Pick at least one day for the new routine.",
        "Sets must be between 1 and 10.",
        "Reps must be between 1 and 50.",
    ):
        assert page.count(escape(message)) == 1, message
    sets = re.search(
        r'<div class="field field--error">\s*<label for="id_sets">.*?</div>', page, re.S
    )
    assert sets
    assert "Sets must be between 1 and 10." in sets.group(0)


def test_undo_takes_the_exercise_out_and_an_empty_new_routine_with_it(logged_in, user, catalog):
    logged_in.post(
        add_url("bridge"),
        {"routine": "new", "new_routine_name": "Oops", "days": ["1"], "sets": "2", "reps": "8"},
    )
    item = RoutineItem.objects.get(routine__owner=user)
    response = logged_in.post(reverse("exercises:undo_add", args=[item.pk]), follow=True)
    assert "Removed Bridge from “Oops”." in html(response)
    assert not Routine.objects.filter(owner=user).exists()
    assert "In your plan" not in html(response)


def test_undo_keeps_a_routine_that_has_other_exercises(logged_in, user, make_routine, catalog):
    routine = make_routine(user, "Morning", slugs=("cat-cow",))
    logged_in.post(
        add_url("bridge"), {"routine": str(routine.pk), "days": [], "sets": "2", "reps": "8"}
    )
    item = routine.items.get(exercise__slug="bridge")
    logged_in.post(reverse("exercises:undo_add", args=[item.pk]))
    assert order(routine) == ["cat-cow"]


def test_undo_of_another_users_item_is_404(logged_in, other_user, make_routine, catalog):
    theirs = make_routine(other_user, "Theirs", slugs=("bridge",))
    item = theirs.items.get()
    response = logged_in.post(reverse("exercises:undo_add", args=[item.pk]))
    assert response.status_code == 404
    assert RoutineItem.objects.filter(pk=item.pk).exists()


def test_add_to_plan_with_htmx_swaps_the_plan_box(logged_in, user, catalog):
    url = add_url("plank")
    form = logged_in.get(url, headers=HTMX)
    assert html(form).lstrip().startswith('<div id="plan-box"')
    bad = logged_in.post(
        url,
        {"routine": "new", "new_routine_name": "", "sets": "2", "hold_seconds": "20"},
        headers=HTMX,
    )
    assert bad.status_code == 422
    assert "Give your new routine a name." in html(bad)
    good = logged_in.post(
        url,
        {
            "routine": "new",
            "new_routine_name": "Core",
            "days": ["2"],
            "sets": "2",
            "hold_seconds": "20",
        },
        headers=HTMX,
    )
    assert good.status_code == 200
    assert "Added to “Core”." in html(good)
    assert "Your plan: 2 × 20 s hold" in html(good)


def test_the_exercise_page_shows_the_users_own_dose(logged_in, user, make_routine, catalog):
    routine = make_routine(user, "Morning", slugs=("bridge",))
    RoutineItem.objects.filter(routine=routine).update(sets=3, reps=6)
    page = html(logged_in.get(reverse("exercises:detail", args=["bridge"])))
    assert "Your plan: 3 × 6 reps" in page
    assert "Suggested to start" in page


def test_add_to_plan_into_an_existing_routine_adds_the_ticked_days(
    logged_in, user, make_routine, catalog
):
    routine = make_routine(user, "Morning", days=(0, 2), slugs=("cat-cow",))
    response = logged_in.post(
        add_url("plank"),
        {"routine": str(routine.pk), "days": ["2", "6"], "sets": "2", "hold_seconds": "20"},
    )
    assert response.status_code == 302
    routine.refresh_from_db()
    assert routine.weekday_list == [0, 2, 6]
    assert order(routine) == ["cat-cow", "plank"]
    plank = item_for(routine, "plank")
    assert (plank.sets, plank.hold_seconds, plank.reps) == (2, 20, None)


def test_add_to_plan_when_already_in_the_routine_says_so(logged_in, user, make_routine, catalog):
    routine = make_routine(user, "Morning", days=(0,), slugs=("plank",))
    before = plan_state()
    response = logged_in.post(
        add_url("plank"),
        {"routine": str(routine.pk), "days": ["4"], "sets": "2", "hold_seconds": "20"},
    )
    assert response.status_code == 200
    assert "Plank is already in “Morning”." in html(response)
    assert plan_state() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sets": "11"}, "Sets must be between 1 and 10."),
        ({"sets": "0"}, "Sets must be between 1 and 10."),
        ({"reps": "51"}, "Reps must be between 1 and 50."),
        ({"reps": ""}, "Reps must be between 1 and 50."),
        ({"days": []}, "Pick at least one day for the new routine."),
        ({"new_routine_name": ""}, "Give your new routine a name."),
        ({"new_routine_name": "morning"}, "You already have a routine with that name."),
        ({"routine": "999999"}, "Select a valid choice."),
    ],
)
def test_add_to_plan_with_bad_input_stores_nothing(
    logged_in, user, make_routine, catalog, changes, message
):
    make_routine(user, "Morning", slugs=("cat-cow",))
    before = plan_state()
    data = {
        "routine": "new",
        "new_routine_name": "Strong back",
        "days": ["1"],
        "sets": "2",
        "reps": "8",
    }
    data.update(changes)
    response = logged_in.post(add_url("bridge"), data)
    assert response.status_code == 200
    assert escape(message) in html(response)
    assert plan_state() == before


def test_add_to_plan_refuses_a_bad_hold(logged_in, user, make_routine, catalog):
    routine = make_routine(user, "Morning", slugs=("cat-cow",))
    before = plan_state()
    response = logged_in.post(
        add_url("plank"), {"routine": str(routine.pk), "sets": "2", "hold_seconds": "301"}
    )
    assert "A hold must be between 5 and 300 seconds." in html(response)
    assert plan_state() == before


def test_add_to_plan_cannot_use_another_users_routine(logged_in, other_user, make_routine, catalog):
    theirs = make_routine(other_user, "Theirs", slugs=("cat-cow",))
    before = plan_state()
    response = logged_in.post(
        add_url("bridge"), {"routine": str(theirs.pk), "days": ["1"], "sets": "2", "reps": "8"}
    )
    assert response.status_code == 200
    assert "Select a valid choice." in html(response)
    assert "Theirs" not in html(response)
    assert plan_state() == before


def test_add_to_plan_lists_only_the_users_own_routines(
    logged_in, user, other_user, make_routine, catalog
):
    make_routine(user, "Mine")
    make_routine(other_user, "Theirs")
    page = html(logged_in.get(add_url("bridge")))
    assert ">Mine</option>" in page
    assert "Theirs" not in page


# --- Starters ------------------------------------------------------------------------------------


def test_starters_page_lists_at_least_three_starters(logged_in, catalog):
    response = logged_in.get(reverse("exercises:starters"))
    assert response.status_code == 200
    page = html(response)
    assert len(content.STARTERS) >= 3
    for starter in content.STARTERS:
        assert f"<h2>{escape(starter['name'])}</h2>" in page
        assert escape(starter["why"]) in page
        assert f'value="{starter["slug"]}"' in page


@pytest.mark.parametrize("starter", content.STARTERS, ids=lambda s: s["slug"])
def test_copying_a_starter_creates_an_editable_routine(
    logged_in, user, catalog, starter, monkeypatch
):
    # On one of its own days it opens in the editor (on other days, see test_starters.py).
    first_day = datetime(2026, 11, 23, 9, 0, tzinfo=UTC) + timedelta(days=starter["weekdays"][0])
    monkeypatch.setattr(timezone, "now", lambda: first_day)
    response = logged_in.post(reverse("exercises:starters"), {"starter": starter["slug"]})

    routine = Routine.objects.get(owner=user)
    assert response.status_code == 302
    assert response["Location"] == routine.get_absolute_url()
    assert routine.name == starter["name"]
    assert routine.weekday_list == sorted(starter["weekdays"])
    if starter["time_hint"]:
        assert routine.time_of_day == time.fromisoformat(starter["time_hint"])
    items = list(routine.items.order_by("position").select_related("exercise"))
    assert [(item.exercise.slug, item.sets, item.reps, item.hold_seconds) for item in items] == [
        (entry["exercise"], entry["sets"], entry["reps"], entry["hold_seconds"])
        for entry in starter["items"]
    ]

    # Fully editable: rename it, change a dose, reorder and remove.
    logged_in.post(routine.get_absolute_url(), {"name": "My version", "days": ["6"]})
    first, second = items[0], items[1]
    logged_in.post(reverse("exercises:item_dose", args=[first.pk]), dose_data(first, "1", "10"))
    logged_in.post(reverse("exercises:item_move", args=[first.pk]), {"direction": "down"})
    assert order(routine)[:2] == [second.exercise.slug, first.exercise.slug]
    logged_in.post(reverse("exercises:item_remove", args=[items[-1].pk]))
    routine.refresh_from_db()
    first.refresh_from_db()
    assert routine.name == "My version"
    assert routine.weekday_list == [6]
    assert first.sets == 1
    assert routine.items.count() == len(items) - 1


def test_copying_a_starter_twice_gives_two_routines_with_distinct_names(logged_in, user, catalog):
    for _ in range(2):
        logged_in.post(reverse("exercises:starters"), {"starter": "core-stability"})
    assert sorted(Routine.objects.filter(owner=user).values_list("name", flat=True)) == [
        "Core stability",
        "Core stability (2)",
    ]


def test_an_unknown_starter_creates_nothing(logged_in, user, catalog):
    response = logged_in.post(reverse("exercises:starters"), {"starter": "marathon"})
    assert response.status_code == 302
    assert not Routine.objects.filter(owner=user).exists()
    assert "That starter plan doesn&#x27;t exist." in html(logged_in.get(response["Location"]))


# --- /plan/: the week -----------------------------------------------------------------------------


def week_days(page: str) -> list[tuple[str, bool]]:
    """(day name, is marked as today) for each day of the week grid, in page order."""
    week = page[page.index('<ol class="week">') :]
    days = re.findall(r'<li class="day[^"]*"( aria-current="date")?>\s*<h3><span>(\w+)', week)
    return [(name, bool(current)) for current, name in days]


def test_empty_plan_invites_the_user_to_a_starter(logged_in):
    response = logged_in.get(PLAN)
    assert response.status_code == 200
    page = html(response)
    assert "Your plan is empty" in page
    assert f'href="{reverse("exercises:starters")}"' in page
    assert f'href="{reverse("exercises:routine_new")}"' in page


def test_plan_week_starts_on_monday_by_default_with_today_marked(logged_in, user, make_routine):
    make_routine(user)
    days = week_days(html(logged_in.get(PLAN)))
    assert [name for name, _ in days] == WEEKDAY_NAMES
    today = user.profile.today().weekday()
    assert [current for _, current in days] == [day == today for day in range(7)]


def test_plan_week_starts_on_sunday_when_the_user_chose_it(client, make_user, make_routine):
    user = make_user("sunny", week_start=6)
    make_routine(user)
    client.force_login(user)
    days = week_days(html(client.get(PLAN)))
    assert [name for name, _ in days] == [WEEKDAY_NAMES[6], *WEEKDAY_NAMES[:6]]
    assert sum(current for _, current in days) == 1
    today_name = WEEKDAY_NAMES[user.profile.today().weekday()]
    assert dict(days)[today_name]


def test_today_on_the_plan_is_the_users_local_day(client, make_user, make_routine):
    """At any instant, UTC+14 and UTC-11 are on different calendar days."""
    east = make_user("east", time_zone="Pacific/Kiritimati")
    west = make_user("west", time_zone="Pacific/Pago_Pago")
    marked = {}
    for person in (east, west):
        make_routine(person)
        client.force_login(person)
        days = week_days(html(client.get(PLAN)))
        marked[person.username] = next(name for name, current in days if current)
        assert marked[person.username] == WEEKDAY_NAMES[person.profile.today().weekday()]
    assert marked["east"] != marked["west"]


def test_plan_lists_each_days_routines_exercises_and_minutes(logged_in, user, make_routine):
    morning = make_routine(user, "Morning", days=(0, 2), slugs=("cat-cow", "plank"), at="07:00")
    evening = make_routine(user, "Evening", days=(2,), slugs=("childs-pose",), at="20:00")
    page = html(logged_in.get(PLAN))
    start = page.index('<ol class="week">')
    week = page[start : page.index("</ol>", start)]
    day_blocks = re.split(r'<li class="day(?: day--today)?"', week)[1:8]
    by_name = {WEEKDAY_NAMES[i]: block for i, block in enumerate(day_blocks)}

    wednesday = by_name["Wednesday"]
    assert wednesday.index("Morning") < wednesday.index("Evening")
    assert "Cat-cow stretch" in wednesday
    assert "Child&#x27;s pose" in wednesday
    minutes = morning.estimated_minutes() + evening.estimated_minutes()
    assert f"~{minutes} min" in wednesday

    monday = by_name["Monday"]
    assert "Morning" in monday
    assert "Evening" not in monday
    assert f"~{morning.estimated_minutes()} min" in monday

    assert "Nothing planned" in by_name["Sunday"]
    assert "Morning" not in by_name["Sunday"]


def test_paused_items_are_left_out_of_the_week_and_its_minutes(logged_in, user, make_routine):
    routine = make_routine(user, "Morning", days=(0,), slugs=("cat-cow", "plank"))
    plank = item_for(routine, "plank")
    plank.paused = True
    plank.save()
    routine = Routine.objects.with_items().get(pk=routine.pk)
    page = html(logged_in.get(PLAN))
    monday = page[page.index("<span>Monday") : page.index("<span>Tuesday")]
    assert "Plank" not in monday
    assert f"~{routine.estimated_minutes()} min" in monday


def test_estimated_minutes_follow_the_dose(user, make_routine):
    routine = make_routine(user, slugs=("plank",))
    item = item_for(routine, "plank")
    default_minutes = item.estimated_minutes()
    item.sets *= 3
    assert item.estimated_minutes() > default_minutes


def test_plan_shows_only_the_users_own_routines(logged_in, user, other_user, make_routine):
    make_routine(user, "Mine")
    make_routine(other_user, "Secret routine of someone else")
    page = html(logged_in.get(PLAN))
    assert "Mine" in page
    assert "Secret routine" not in page


# --- Ownership: another user's ids give 404 and change nothing -----------------------------------

OWNED_URLS = [
    # (url name, takes "routine" or "item", accepts GET, POST data for the owner's action)
    ("exercises:routine", "routine", True, {"name": "Taken over", "days": ["0"]}),
    ("exercises:routine_toggle", "routine", False, {}),
    ("exercises:routine_delete", "routine", True, {}),
    ("exercises:item_add", "routine", False, {"exercise": "bridge"}),
    ("exercises:item_dose", "item", False, {"sets": "1", "amount": "5"}),
    ("exercises:item_move", "item", False, {"direction": "up"}),
    ("exercises:item_pause", "item", False, {"action": "pause"}),
    ("exercises:item_remove", "item", False, {}),
    ("exercises:item_progress", "item", False, {"action": "dismiss"}),
]


def post_data(template: dict, item, catalog) -> dict:
    data = dict(template)
    if "exercise" in data:
        data["exercise"] = catalog[data["exercise"]].pk
    if "amount" in data:
        data = dose_data(item, data["sets"], data["amount"])
    return data


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["no-js", "htmx"])
@pytest.mark.parametrize(
    ("name", "kind", "accepts_get", "template"), OWNED_URLS, ids=[row[0] for row in OWNED_URLS]
)
def test_another_users_routine_or_item_is_404_and_unchanged(
    logged_in, other_user, make_routine, catalog, name, kind, accepts_get, template, method, headers
):
    theirs = make_routine(other_user, "Theirs", slugs=("cat-cow", "plank"))
    item = item_for(theirs, "plank")
    target = theirs.pk if kind == "routine" else item.pk
    url = reverse(name, args=[target])
    before = plan_state()

    if method == "post":
        response = logged_in.post(url, post_data(template, item, catalog), headers=headers)
    else:
        response = logged_in.get(url, headers=headers)

    if method == "post" or accepts_get:
        assert response.status_code == 404
    else:
        # POST-only: refused before any lookup, exactly as for an id that doesn't exist.
        assert response.status_code == 405
        assert logged_in.get(reverse(name, args=[999999])).status_code == 405
    assert "Theirs" not in html(response)
    assert plan_state() == before


@pytest.mark.parametrize(
    ("name", "kind", "accepts_get", "template"), OWNED_URLS, ids=[row[0] for row in OWNED_URLS]
)
def test_the_owner_can_use_every_plan_url(
    logged_in, user, make_routine, catalog, name, kind, accepts_get, template
):
    """The other side of the ownership test: the same requests work for the owner."""
    mine = make_routine(user, "Mine", slugs=("cat-cow", "plank"))
    item = item_for(mine, "plank")
    url = reverse(name, args=[mine.pk if kind == "routine" else item.pk])
    before = plan_state()
    response = logged_in.post(url, post_data(template, item, catalog))
    assert response.status_code == 302
    assert plan_state() != before


# --- No state change on GET ----------------------------------------------------------------------


def test_no_plan_url_changes_anything_on_get(logged_in, user, make_routine, catalog):
    routine = make_routine(user, "Morning", slugs=("cat-cow", "plank"))
    item = item_for(routine, "plank")
    urls = [
        PLAN,
        reverse("exercises:starters") + "?starter=core-stability",
        reverse("exercises:routine_new") + "?name=Sneaky&days=1",
        routine.get_absolute_url() + "?name=Renamed&days=1",
        reverse("exercises:add_to_plan", args=["bridge"])
        + f"?routine={routine.pk}&days=6&sets=2&reps=8",
    ]
    for name, kind, _, template in OWNED_URLS:
        query = "&".join(f"{k}={v}" for k, v in post_data(template, item, catalog).items())
        urls.append(
            reverse(name, args=[routine.pk if kind == "routine" else item.pk]) + "?" + query
        )
    before = plan_state()
    for url in urls:
        for headers in ({}, HTMX):
            response = logged_in.get(url, headers=headers)
            assert response.status_code in (200, 405), url
    assert plan_state() == before


# --- Queries --------------------------------------------------------------------------------------


def make_routines(owner, make_routine, count: int) -> None:
    slug_sets = [
        ("cat-cow", "plank", "bridge"),
        ("childs-pose", "pelvic-tilts", "superman"),
        ("wall-angels", "knee-to-chest", "seated-spinal-twist"),
    ]
    for number in range(count):
        make_routine(
            owner,
            f"Routine {number}",
            days=[(number + offset) % 7 for offset in range(3)],
            slugs=slug_sets[number % 3],
            at=time(6 + number % 12, 0) if number % 2 else None,
        )


def queries_for(client, url, django_assert_max_num_queries) -> int:
    """Queries for a full render: the CSRF cookie is set (so the page is cacheable) and the
    user's data version is moved (so the cache misses), as after any change they make."""
    client.get(url)
    for user_id in Profile.objects.values_list("user_id", flat=True):
        move_user_version(user_id)
    with django_assert_max_num_queries(30) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_plan_queries_are_the_same_for_1_and_30_routines(
    client, make_user, make_routine, django_assert_max_num_queries
):
    small, large = make_user("small"), make_user("large")
    make_routines(small, make_routine, 1)
    make_routines(large, make_routine, 30)
    assert RoutineItem.objects.filter(routine__owner=large).count() == 90

    client.force_login(small)
    at_one = queries_for(client, PLAN, django_assert_max_num_queries)
    client.force_login(large)
    at_thirty = queries_for(client, PLAN, django_assert_max_num_queries)

    assert at_one == at_thirty
    page = html(client.get(PLAN))
    assert "Routine 29" in page


def test_editor_queries_do_not_grow_with_the_number_of_items(
    logged_in, user, make_routine, django_assert_max_num_queries
):
    few = make_routine(user, "Few", slugs=("plank",))
    many = make_routine(user, "Many", slugs=[item["slug"] for item in content.EXERCISES])
    at_few = queries_for(logged_in, few.get_absolute_url(), django_assert_max_num_queries)
    at_many = queries_for(logged_in, many.get_absolute_url(), django_assert_max_num_queries)
    assert at_few == at_many


def test_routine_created_today_appears_in_the_plan_at_once(logged_in, user, catalog):
    logged_in.post(
        reverse("exercises:routine_new"),
        {"name": "Daily", "days": [str(d) for d in range(7)]},
    )
    routine = Routine.objects.get(owner=user, name="Daily")
    assert routine.weekdays == weekday_mask(range(7))
    page = html(logged_in.get(PLAN))
    assert sum(1 for _ in re.finditer(r"<strong>Daily</strong>", page)) == 7


def test_plan_highlight_moves_with_the_clock(logged_in, user, make_routine, monkeypatch):
    make_routine(user)
    # This week's Monday at noon UTC: near the real clock, so the login session stays valid.
    real_now = timezone.now()
    monday_noon = datetime.combine(
        real_now.date() - timedelta(days=real_now.weekday()), time(12), tzinfo=UTC
    )
    for offset in range(7):
        instant = monday_noon + timedelta(days=offset)
        monkeypatch.setattr(timezone, "now", lambda instant=instant: instant)
        days = week_days(html(logged_in.get(PLAN)))
        assert [current for _, current in days] == [day == offset for day in range(7)]
