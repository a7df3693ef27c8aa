"""Two changes to one item at once (two tabs, a phone and a laptop, a double click): an
item removed stays removed, and the change that lost gets a 404 saying so, never a 500
or the item back.

The deterministic tests delete the row at the worst moment: just before the view's
UPDATE, through Django's documented connection.execute_wrapper() hook, as a Remove
committed by another request a moment earlier would. The last test fires real requests
from threads at a live server.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from html import unescape
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from exercises.models import ActivityLog, Routine, RoutineItem, SessionLog
from exercises.views.gone import ACTIVITY_GONE, ITEM_GONE, ROUTINE_GONE
from tests.conftest import PASSWORD
from tests.test_gunicorn import Client

pytestmark = pytest.mark.django_db


@contextmanager
def deleted_before_update(model, pk):
    """Delete the row `pk` of `model` just before the first UPDATE of its table."""
    table = model._meta.db_table
    fired = []

    def delete_first(execute, sql, params, many, context):
        if not fired and sql.lstrip().upper().startswith(f'UPDATE "{table.upper()}"'):
            fired.append(sql)
            model.objects.filter(pk=pk).delete()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(delete_first):
        yield fired


def page(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def routine(user, make_routine):
    return make_routine(user, "Morning", slugs=("cat-cow", "bridge", "plank"))


@pytest.fixture
def item(routine):
    return routine.items.select_related("exercise").get(exercise__slug="bridge")


def dose_data(item, sets="3") -> dict:
    data = {f"item{item.pk}-sets": sets}
    field = "hold_seconds" if item.exercise.uses_hold else "reps"
    data[f"item{item.pk}-{field}"] = "30" if item.exercise.uses_hold else "8"
    return data


def assert_gone(item, routine):
    assert not RoutineItem.objects.filter(pk=item.pk).exists()
    assert not routine.items.filter(exercise=item.exercise).exists()


@pytest.mark.parametrize("htmx", [False, True])
def test_a_dose_saved_while_the_item_is_removed_does_not_bring_it_back(
    logged_in, routine, item, htmx
):
    headers = {"HX-Request": "true"} if htmx else {}
    with deleted_before_update(RoutineItem, item.pk) as fired:
        response = logged_in.post(f"/plan/items/{item.pk}/dose/", dose_data(item), headers=headers)
    assert fired, "the view never updated the item"
    assert response.status_code == 404
    assert ITEM_GONE in page(response)
    if htmx:  # htmx swaps nothing on a 404, so the message is announced
        assert ITEM_GONE in unescape(response["HX-Trigger"].encode().decode("unicode_escape"))
    assert_gone(item, routine)


def test_a_pause_while_the_item_is_removed_is_a_404_that_says_so(logged_in, routine, item):
    with deleted_before_update(RoutineItem, item.pk) as fired:
        response = logged_in.post(f"/plan/items/{item.pk}/pause/", {"action": "pause"})
    assert fired
    assert response.status_code == 404
    assert ITEM_GONE in page(response)
    assert_gone(item, routine)


def test_a_swap_while_the_item_is_removed_is_a_404_that_says_so(logged_in, user, make_routine):
    routine = make_routine(user, "Versions", slugs=("plank",))
    item = routine.items.get()
    with deleted_before_update(RoutineItem, item.pk) as fired:
        response = logged_in.post(f"/plan/items/{item.pk}/swap/", {"to": "full-plank"})
    assert fired
    assert response.status_code == 404
    assert ITEM_GONE in page(response)
    assert not routine.items.exists()


def test_a_suggestion_dismissed_while_the_item_is_removed_is_a_404(logged_in, routine, item):
    with deleted_before_update(RoutineItem, item.pk) as fired:
        response = logged_in.post(f"/plan/items/{item.pk}/progress/", {"action": "dismiss"})
    assert fired
    assert response.status_code == 404
    assert ITEM_GONE in page(response)
    assert_gone(item, routine)


def test_a_routine_paused_while_it_is_deleted_is_a_404_and_stays_deleted(logged_in, routine):
    with deleted_before_update(Routine, routine.pk) as fired:
        response = logged_in.post(f"/plan/routines/{routine.pk}/toggle/")
    assert fired
    assert response.status_code == 404
    assert ROUTINE_GONE in page(response)
    assert not Routine.objects.filter(pk=routine.pk).exists()


def test_an_activity_edited_while_it_is_removed_stays_removed(logged_in, user):
    today = user.profile.today()
    activity = ActivityLog.objects.create(owner=user, date=today, kind="walking", minutes=20)
    url = f"/day/{today}/activities/{activity.pk}/"
    with deleted_before_update(ActivityLog, activity.pk) as fired:
        response = logged_in.post(url, {"kind": "yoga", "minutes": "30", "notes": ""})
    assert fired
    assert response.status_code == 404
    assert ACTIVITY_GONE in page(response)
    assert not ActivityLog.objects.exists()


# --- Stale pages: the item went before the request came -----------------------------------


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("dose", None),
        ("pause", {"action": "pause"}),
        ("move", {"direction": "up"}),
        ("swap", {"to": "full-plank"}),
        ("remove", {}),
        ("progress", {"action": "dismiss"}),
        ("undo-add", {}),
    ],
)
def test_every_action_on_a_removed_item_is_a_404_that_says_so(
    logged_in, routine, item, action, data
):
    data = dose_data(item) if data is None else data
    logged_in.post(f"/plan/items/{item.pk}/remove/")
    for headers in ({}, {"HX-Request": "true"}):
        response = logged_in.post(f"/plan/items/{item.pk}/{action}/", data, headers=headers)
        assert response.status_code == 404
        assert ITEM_GONE in page(response)
    assert_gone(item, routine)


@pytest.mark.parametrize("action", ["check", "hurt"])
def test_a_tick_on_a_removed_item_is_a_404_and_records_nothing(
    logged_in, user, routine, item, action
):
    today = user.profile.today()
    logged_in.post(f"/plan/items/{item.pk}/remove/")
    response = logged_in.post(f"/day/{today}/items/{item.pk}/{action}/", {"done": "1"})
    assert response.status_code == 404
    assert ITEM_GONE in page(response)
    assert not routine.session_logs.filter(checks__exercise=item.exercise).exists()


def test_undo_after_the_routine_was_deleted_is_a_404(logged_in, routine, item):
    logged_in.post(f"/plan/items/{item.pk}/remove/")
    logged_in.post(f"/plan/routines/{routine.pk}/delete/")
    response = logged_in.post(f"/plan/routines/{routine.pk}/items/undo-remove/")
    assert response.status_code == 404
    assert ROUTINE_GONE in page(response)
    assert not Routine.objects.filter(pk=routine.pk).exists()
    assert not RoutineItem.objects.filter(exercise=item.exercise).exists()


# --- Real requests at once, against a live server --------------------------------------------

ROUNDS = 25


def released_together(calls) -> list:
    """Run each zero-argument call in a thread of its own, all released together, as
    several tabs or devices would send them; their results, in order."""
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def all_at_once(client, requests) -> list[tuple[str, int, str]]:
    """POST each (path, data) from a thread of its own, all released together, as htmx
    would from several tabs; (path, status, body) for each, in order."""

    def fire(path, data):
        status, body = client.post(path, data, htmx=True, keep_cookies=False)
        return path, status, body

    return released_together([partial(fire, path, data) for path, data in requests])


@pytest.mark.django_db(transaction=True)
def test_remove_racing_dose_pause_and_ticks_never_500s_or_brings_an_item_back(
    live_server, make_user, make_routine
):
    """Each round puts an exercise back in the routine, then fires Remove, a dose, a
    pause, a move, a tick and "This hurt" at it from six threads at once."""
    user = make_user("racer")
    routine = make_routine(user, "Race", days=range(7), slugs=("cat-cow", "plank"))
    client = Client(urlparse(live_server.url).port).log_in("racer")
    today = user.profile.today().isoformat()
    problems, removed = [], 0
    for round_number in range(ROUNDS):
        if routine.items.filter(exercise_id=_bridge_id()).exists():
            break  # reported below
        item = RoutineItem.objects.create(
            routine=routine, exercise_id=_bridge_id(), position=9, sets=2, reps=8
        )
        requests = [
            (f"/plan/items/{item.pk}/remove/", {}),
            (f"/plan/items/{item.pk}/dose/", dose_data(item, sets=str(1 + round_number % 5))),
            (f"/plan/items/{item.pk}/pause/", {"action": "pause"}),
            (f"/plan/items/{item.pk}/move/", {"direction": "up"}),
            (f"/day/{today}/items/{item.pk}/check/", {"done": "1"}),
            (f"/day/{today}/items/{item.pk}/hurt/", {}),
        ]
        results = all_at_once(client, requests)
        for path, status, body in results:
            if status >= 500 or status not in (200, 302, 404):
                problems.append((round_number, path, status))
            elif status == 404 and ITEM_GONE not in unescape(body):
                problems.append((round_number, path, "404 without the message"))
        removed += results[0][1] == 200
        if (
            RoutineItem.objects.filter(pk=item.pk).exists()
            or routine.items.filter(exercise_id=_bridge_id()).exists()
        ):
            problems.append((round_number, "the removed item is back"))
    assert problems == []
    assert removed == ROUNDS  # each Remove won or waited its turn
    assert list(routine.items.values_list("exercise__slug", flat=True)) == ["cat-cow", "plank"]


def _bridge_id() -> int:
    from exercises.models import Exercise

    return Exercise.objects.only("pk").get(slug="bridge").pk


@pytest.mark.django_db(transaction=True)
def test_ticks_racing_a_removal_or_a_routine_deletion_never_500(
    live_server, make_user, make_routine
):
    """A tick takes no lock of its own, so this is where a wrong lock order would show as
    a deadlock (a 500). Each round: a fresh routine, whose session for the day exists in
    odd rounds only (the first tick starts it otherwise), then from six threads at once a
    tick, an untick and "This hurt" on one item, a tick on the other, and the item's
    removal and the routine's deletion."""
    user = make_user("racer")
    client = Client(urlparse(live_server.url).port).log_in("racer")
    today = user.profile.today().isoformat()
    problems = []
    for round_number in range(16):
        routine = make_routine(user, f"Race {round_number}", days=range(7), slugs=_RACE_SLUGS)
        bridge, plank = (routine.items.get(exercise__slug=slug) for slug in _RACE_SLUGS)
        if round_number % 2:
            assert client.tick(today, plank.pk, done=True, htmx=True) == 200
        requests = [
            (f"/day/{today}/items/{bridge.pk}/check/", {"done": "1"}),
            (f"/day/{today}/items/{bridge.pk}/check/", {"done": "0"}),
            (f"/day/{today}/items/{bridge.pk}/hurt/", {}),
            (f"/day/{today}/items/{plank.pk}/check/", {"done": "1"}),
            (f"/plan/items/{bridge.pk}/remove/", {}),
            (f"/plan/routines/{routine.pk}/delete/", {}),
        ]
        for path, status, _ in all_at_once(client, requests):
            if status not in (200, 302, 404):
                problems.append((round_number, path, status))
        if Routine.objects.filter(pk=routine.pk).exists():
            problems.append((round_number, "the routine is back"))
    assert problems == []
    assert not RoutineItem.objects.filter(routine__owner=user).exists()


_RACE_SLUGS = ("bridge", "plank")


def delete_while_ticking(laptop, phone, ticks, stagger):
    """The account's deletion from `laptop` and each (path, data) of `ticks` from `phone`,
    all released together, the ticks `stagger` seconds apart; (deletion's status, the
    ticks' statuses)."""

    def delete():
        return laptop.post("/accounts/delete/", {"password": PASSWORD}, keep_cookies=False)[0]

    def tick(delay, path, data):
        time.sleep(delay)
        return phone.post(path, data, htmx=True, keep_cookies=False)[0]

    ticking = [partial(tick, stagger * index, *request) for index, request in enumerate(ticks)]
    deleted, *statuses = released_together([delete, *ticking])
    return deleted, statuses


@pytest.mark.django_db(transaction=True)
def test_ticks_from_a_phone_racing_the_accounts_deletion_never_500(
    live_server, make_user, make_routine
):
    """Someone deletes their account on the laptop while the phone, still logged in, ticks.
    Each round: a fresh account with a routine, whose session for the day exists in odd
    rounds only; the deletion and six ticks and "This hurt"s go at once, the ticks a
    millisecond or so apart, so that some land while the deletion is under way. The
    deletion must succeed and take everything with it; a tick may be refused (its login
    is gone), never a 500."""
    port = urlparse(live_server.url).port
    problems = []
    for round_number in range(12):
        username = f"leaver{round_number}"
        user = make_user(username)
        routine = make_routine(user, "Race", days=range(7), slugs=_RACE_SLUGS)
        bridge, plank = (routine.items.get(exercise__slug=slug) for slug in _RACE_SLUGS)
        phone, laptop = Client(port).log_in(username), Client(port).log_in(username)
        today = user.profile.today().isoformat()
        if round_number % 2:
            assert phone.tick(today, plank.pk, done=True, htmx=True) == 200
        ticks = [
            (f"/day/{today}/items/{bridge.pk}/check/", {"done": "1"}),
            (f"/day/{today}/items/{plank.pk}/check/", {"done": "0"}),
            (f"/day/{today}/items/{bridge.pk}/hurt/", {}),
            (f"/day/{today}/items/{plank.pk}/check/", {"done": "1"}),
            (f"/day/{today}/items/{bridge.pk}/check/", {"done": "0"}),
            (f"/day/{today}/items/{plank.pk}/hurt/", {}),
        ]
        stagger = 0.0005 * (round_number % 4)
        deleted, statuses = delete_while_ticking(laptop, phone, ticks, stagger)
        if deleted != 302:
            problems.append((round_number, "the deletion", deleted))
        for (path, _), status in zip(ticks, statuses, strict=True):
            if status >= 500:
                problems.append((round_number, path, status))
        if get_user_model().objects.filter(pk=user.pk).exists():
            problems.append((round_number, "the account is still there"))
        if SessionLog.objects.filter(owner_id=user.pk).exists():
            problems.append((round_number, "a session outlived its account"))
    assert problems == []
