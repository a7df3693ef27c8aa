"""Crafted values against every URL a logged-in user can POST to: ids too large for the
database, numbers Python's str.isdigit() accepts and int() refuses, NUL bytes, lists
where one value is expected. Never a 500; a bad value gets a 4xx or a message, and stores
nothing.

The URLs come from exercises/urls.py itself and the field names from the pages the app
shows, so a new URL or a new field is covered without touching this file.
"""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import Resolver404, get_resolver, resolve, reverse

from exercises import content
from exercises.models import (
    ActivityLog,
    ExerciseCheck,
    Routine,
    RoutineItem,
    SessionLog,
)
from tests.test_production import walk_patterns

pytestmark = pytest.mark.django_db

# Never a valid id or number for any field.
BAD = [
    str(2**63),  # one past the largest BIGINT
    str(2**64),
    "9" * 400,  # past Python's own limit for int("…")
    "-1",
    "²",  # str.isdigit() says yes, int() says no
    "1e3",
    "0x1",
    "1.5",
    "x" * 5000,
    "3\x00",
    "\x00",
]
# Odd but fair: a number with a space, a number in Arabic-Indic digits, nothing at all.
# These may be accepted; they must never give a 500.
ODD = ["", " 1", "١", "0"]

# The buttons whose press takes no value: the action happens whatever else is sent, so
# these are left out of "stores nothing". Every other POST URL must store nothing bad.
BUTTONS = {
    "routine_toggle",
    "routine_delete",
    "start_today",
    "undo_remove",
    "item_pause",
    "item_remove",
    "item_progress",
    "undo_add",
    "acknowledge",
    "check",
    "hurt",
    "flare_up_end",
    "gentle_check",
    "gentle_hurt",
    "activity_delete",
    "regenerate_calendar_token",
}

# Values views read by hand (buttons' hidden fields) besides the fields pages render.
HAND_READ = {"exercise", "done", "direction", "action", "next", "to", "proposed", "starter"}


@pytest.fixture
def account(user, make_routine, catalog):
    """A plan with items (one paused), sessions with ticks, a quick session, an activity."""
    routine = make_routine(user, "Every day", days=range(7), slugs=("cat-cow", "plank", "bridge"))
    items = list(routine.items.all())
    RoutineItem.objects.filter(pk=items[2].pk).update(
        paused=True, pause_reason=RoutineItem.PauseReason.USER
    )
    today = user.profile.today()
    for back in range(2):  # today's not started yet, so its page asks "pain before"
        session = SessionLog.objects.create(
            owner=user,
            routine=routine,
            routine_name=routine.name,
            date=today - timedelta(days=back),
            pain_before=3 if back else None,
        )
        session.set_check(items[0].exercise, ExerciseCheck.Status.DONE, item=items[0])
    quick = SessionLog.objects.create(owner=user, routine=None, routine_name="Quick", date=today)
    ExerciseCheck.objects.create(session=quick, exercise=catalog["childs-pose"])
    activity = ActivityLog.objects.create(owner=user, date=today, kind="walking", minutes=20)
    return {
        "routine": routine,
        "item": items[0],
        "quick": quick,
        "activity": activity,
        "today": today,
    }


def arguments(name: str, converters: dict, user, account) -> dict:
    ids = {
        "routine_id": account["routine"].pk,
        "item_id": account["item"].pk,
        "session_id": account["quick"].pk,
        "activity_id": account["activity"].pk,
    }
    values = {}
    for parameter in converters:
        if parameter in ids:
            values[parameter] = ids[parameter]
        elif parameter == "day":
            values[parameter] = account["today"]
        elif parameter == "slug":
            gentle = name.startswith("gentle_")
            values[parameter] = content.FLARE_UP_STARTER[0]["exercise"] if gentle else "bridge"
        elif parameter == "token":
            values[parameter] = user.profile.calendar_token
        else:
            raise AssertionError(f"no value for <{parameter}> of {name}: add one here")
    return values


def post_urls(user, account) -> dict[str, str]:
    """Every URL of exercises/urls.py, by route name, with the account's real ids."""
    urls = {}
    for name, converters in walk_patterns(get_resolver()):
        if name.startswith("exercises:"):
            short = name.removeprefix("exercises:")
            urls[short] = reverse(name, kwargs=arguments(short, converters, user, account))
    return urls


FIELD = re.compile(r'<(?:input|select|textarea|button)\b[^>]*\bname="([^"]+)"')


def field_names(client, urls: dict[str, str]) -> set[str]:
    """Every field name the app's pages offer (as a browser would send them back)."""
    names = set(HAND_READ)
    for url in urls.values():
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            if response.status_code == 200 and not response.streaming:
                names.update(FIELD.findall(response.content.decode()))
    names.discard("csrfmiddlewaretoken")
    return names


CATALOG = {"exercises.Exercise", "exercises.Focus", "exercises.Benefit"}


def stored() -> dict[str, list]:
    """Every row a user's requests can write: every BackCare model but the catalog's, and
    the users; not the data version (which moves after any POST, by design, so cached
    pages are never stale)."""
    models = [
        model
        for model in apps.get_app_config("exercises").get_models(include_auto_created=True)
        if model._meta.label not in CATALOG
        and not (model._meta.auto_created and model._meta.auto_created._meta.label in CATALOG)
    ]
    models.append(get_user_model())
    rows = {}
    for model in models:
        fields = [f.attname for f in model._meta.concrete_fields]
        rows[model._meta.label] = list(model.objects.order_by("pk").values_list(*fields))
    return rows


def changes(before: dict, after: dict) -> dict:
    return {
        label: (before[label], after[label]) for label in after if before[label] != after[label]
    }


def test_every_post_url_refuses_crafted_values_without_a_500_and_stores_nothing(
    client, user, account
):
    client.raise_request_exception = False
    client.force_login(user)
    urls = post_urls(user, account)
    assert len(urls) > 40
    assert set(urls) >= BUTTONS, BUTTONS - set(urls)
    names = field_names(client, urls)
    # The fields that matter were found on the pages, so every form is being sent.
    item = account["item"].pk
    routine = account["routine"].pk
    expected = {
        f"item{item}-sets",
        f"r{routine}-pain_before",
        f"r{routine}-pain_after",
        "weekly_goal",
        "minutes",
        "days",
        "quick-pain_before",
    }
    assert expected <= names, expected - names
    errors, kept = [], []
    # Each request's writes are undone afterwards, so every request meets the same
    # account (a Remove doesn't take the item from the next URL).
    before = stored()
    for name, url in urls.items():
        for value in BAD + ODD:
            checked = value in BAD and name not in BUTTONS
            # One value in every field, as a form; then a list where one value is expected
            # (the last one counts), as htmx.
            single, listed = dict.fromkeys(names, value), {n: ["1", value] for n in names}
            for data, headers in ((single, {}), (listed, {"HX-Request": "true"})):
                with transaction.atomic():
                    response = client.post(url, data, headers=headers)
                    after = stored() if checked else before
                    transaction.set_rollback(True)
                if response.status_code >= 500:
                    errors.append((url, repr(value)[:20], response.status_code))
                elif after != before:
                    kept.append((url, repr(value)[:20], changes(before, after)))
    assert errors == []
    assert "\n".join(f"{u} {v} {list(c)}" for u, v, c in kept) == ""


def crafted_paths(url: str, real_id: int) -> list[str]:
    return [url.replace(f"/{real_id}/", f"/{quote(value)}/") for value in [*BAD, "0", "007x"]]


def test_ids_out_of_range_match_no_url_and_are_404s_before_any_query(client, user, account):
    """An id the database can't hold (2**63 and up), 0, negative or not a number: the URL
    doesn't match, so the view never runs and the database is never asked."""
    client.raise_request_exception = False
    client.force_login(user)
    urls = post_urls(user, account)
    real = {account[key].pk for key in ("routine", "item", "quick", "activity")}
    tried = 0
    for url in urls.values():
        for real_id in real:
            if f"/{real_id}/" not in url:
                continue
            for path in crafted_paths(url, real_id):
                raw = path.replace("%00", "\x00")
                with pytest.raises(Resolver404):
                    resolve(raw.split("?")[0])
                response = client.post(path)
                assert response.status_code == 404, path
                tried += 1
    assert tried > 20


def test_the_largest_id_a_database_holds_still_matches_and_is_a_plain_404(logged_in):
    path = f"/plan/items/{2**63 - 1}/pause/"
    assert resolve(path).kwargs == {"item_id": 2**63 - 1}
    response = logged_in.post(path)
    assert response.status_code == 404
    assert "That exercise isn't in your routine any more" in unescape(response.content.decode())


@pytest.mark.parametrize("value", ["abc", "²", str(2**64), "1e3", "\x00", "-1"])
def test_adding_a_crafted_exercise_id_to_a_routine_says_so_and_adds_nothing(
    logged_in, user, make_routine, value
):
    routine = make_routine(user)
    before = list(routine.items.values_list("pk", flat=True))
    response = logged_in.post(f"/plan/routines/{routine.pk}/items/", {"exercise": value})
    assert response.status_code == 404
    assert "That exercise isn't in the catalog, so nothing was added." in unescape(
        response.content.decode()
    )
    htmx = logged_in.post(
        f"/plan/routines/{routine.pk}/items/", {"exercise": value}, HTTP_HX_REQUEST="true"
    )
    assert htmx.status_code == 404
    assert "nothing was added" in htmx["HX-Trigger"]
    assert list(routine.items.values_list("pk", flat=True)) == before


@pytest.mark.parametrize("value", ["²", "١٢", str(2**64), "1e3", "\x00"])
def test_a_quick_session_with_a_crafted_exercise_is_refused_and_stores_nothing(
    logged_in, catalog, value
):
    response = logged_in.post(
        "/today/quick/", {"exercise": [str(catalog["bridge"].pk), value], "quick-effort": "2"}
    )
    assert response.status_code == 200
    assert "Tick at least one exercise you did." in response.content.decode()
    assert SessionLog.objects.count() == 0


@pytest.mark.parametrize("value", ["²", "³", str(2**64), "\x00", ["2", "x"]])
def test_a_crafted_weekly_goal_is_refused_with_a_message(logged_in, user, value):
    response = logged_in.post("/history/goal/", {"weekly_goal": value}, follow=True)
    assert response.status_code == 200
    assert "A weekly goal is a number of sessions from 1 to 21. Nothing was changed." in (
        response.content.decode()
    )
    user.profile.refresh_from_db()
    assert user.profile.weekly_goal is None


def test_a_routine_that_is_not_yours_is_a_404_whatever_the_exercise(
    logged_in, other_user, make_routine
):
    theirs = make_routine(other_user, "Theirs")
    response = logged_in.post(f"/plan/routines/{theirs.pk}/items/", {"exercise": "x"})
    assert response.status_code == 404
    assert "That routine isn't in your plan any more" in unescape(response.content.decode())
    assert Routine.objects.get(pk=theirs.pk).items.count() == 2


# Query parameters pages read besides their forms' fields.
QUERY_READ = {"added", "download", "q", "from", "to", "next"}


def test_every_page_shrugs_off_crafted_query_parameters(client, user, account):
    """The same values in every query parameter a page reads (or its forms could send):
    the page comes back, maybe with a message, never a 500; nothing is stored."""
    client.raise_request_exception = False
    client.force_login(user)
    urls = post_urls(user, account)
    names = field_names(client, urls) | QUERY_READ
    before = stored()
    errors = []
    for url in urls.values():
        for value in BAD:
            response = client.get(url, dict.fromkeys(names, value))
            if response.status_code >= 500:
                errors.append((url, repr(value)[:20], response.status_code))
    assert errors == []
    assert stored() == before


@pytest.mark.parametrize("value", ["²", "0", "-3", str(2**64), "\x00"])
def test_the_starters_added_notice_ignores_a_crafted_id(logged_in, value):
    response = logged_in.get("/plan/starters/", {"added": value})
    assert response.status_code == 200
    assert "is now in your plan" not in unescape(response.content.decode())
