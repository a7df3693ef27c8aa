"""A tick reads the user's plan (its item, flare-up mode, the day's items) from the cache,
under a plan version that every change to the plan moves and that ticks, pain and
session notes leave alone. Whatever changes the plan, and however, the next tick shows
it; a tick never records anything against an item that is gone."""

import re
from html import unescape

import pytest
from django.urls import URLResolver, get_resolver

from exercises import days, signals
from exercises.cache import plan_version, user_version
from exercises.models import ExerciseCheck, FlareUp, Routine, RoutineItem
from exercises.views.gone import ITEM_GONE
from tests.conftest import offered_form

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def routine(user, make_routine):
    return make_routine(user, "Every day", days=range(7), slugs=("cat-cow", "bridge", "plank"))


@pytest.fixture
def today(user):
    return user.profile.today()


def item_of(routine, slug) -> RoutineItem:
    return routine.items.select_related("exercise").get(exercise__slug=slug)


def tick(client, day, item, done=True):
    url = f"/day/{day}/items/{item.pk}/check/"
    return client.post(url, {"done": "1" if done else "0"}, headers=HTMX)


def text(response) -> str:
    return unescape(response.content.decode())


def test_a_tick_moves_the_users_version_but_not_the_plan_version(logged_in, user, routine, today):
    versions = user_version(user.pk), plan_version(user.pk)
    assert tick(logged_in, today, item_of(routine, "bridge")).status_code == 200
    assert user_version(user.pk) != versions[0]
    assert plan_version(user.pk) == versions[1]


def test_a_dose_changed_in_the_editor_shows_in_the_next_tick(logged_in, user, routine, today):
    item = item_of(routine, "bridge")
    tick(logged_in, today, item)  # the plan is cached now
    before = plan_version(user.pk)
    field = "hold_seconds" if item.hold_seconds else "reps"
    response = logged_in.post(
        f"/plan/items/{item.pk}/dose/",
        {f"item{item.pk}-sets": "4", f"item{item.pk}-{field}": "9"},
    )
    assert response.status_code in (200, 302)
    assert plan_version(user.pk) != before
    row = text(tick(logged_in, today, item, done=False))
    assert "4 × 9" in row


def test_a_change_made_in_the_admin_or_shell_shows_in_the_next_tick(
    logged_in, user, routine, today
):
    item = item_of(routine, "plank")
    tick(logged_in, today, item)
    item.sets = 5
    item.save()  # no request of the user's: the signals move the plan version
    assert "5 × " in text(tick(logged_in, today, item, done=False))


def row_links(html: str, item) -> list[str]:
    """The addresses one row of the day page sends to or links to, in order."""
    row = re.search(rf'<li[^>]* id="item-{item.routine_id}-{item.pk}".*?</li>', html, re.S)
    return re.findall(r'(?:action|data-hx-post|href)="([^"]+)"', row.group(0))


def test_a_ticks_row_links_where_the_day_pages_row_does(logged_in, routine, today):
    item = item_of(routine, "bridge")
    tick(logged_in, today, item)  # the plan, with its rows' URLs, is cached now
    on_page = row_links(text(logged_in.get("/today/")), item)
    from_tick = row_links(text(tick(logged_in, today, item)), item)
    assert from_tick == on_page
    assert f"/day/{today}/items/{item.pk}/check/" in from_tick
    assert f"/day/{today}/items/{item.pk}/hurt/" in from_tick
    assert "/exercises/bridge/" in from_tick


def test_an_exercise_renamed_in_the_admin_links_to_its_new_page_in_the_next_tick(
    logged_in, routine, today
):
    item = item_of(routine, "bridge")
    tick(logged_in, today, item)
    exercise = item.exercise
    exercise.slug = "glute-bridge"
    exercise.save()  # moves the catalog version, part of the cached plan's key
    links = row_links(text(tick(logged_in, today, item, done=False)), item)
    assert "/exercises/glute-bridge/" in links
    assert "/exercises/bridge/" not in links


def test_starting_flare_up_mode_eases_the_dose_in_the_next_tick(logged_in, user, routine, today):
    item = item_of(routine, "cat-cow")  # a gentle exercise: it stays, at an eased dose
    assert "eased for the flare-up" not in text(tick(logged_in, today, item))
    page = text(logged_in.get("/flare-up/"))
    logged_in.post("/flare-up/", offered_form(page, "/flare-up/"))
    assert FlareUp.objects.filter(owner=user).exists()
    assert "eased for the flare-up" in text(tick(logged_in, today, item, done=False))


# --- A tick writes what it read, and settles what changed since --------------------------


@pytest.fixture
def stale_read(monkeypatch):
    """The day's checks as a request read them a moment before another tab wrote: the
    read runs, then `change` runs, and the tick writes on."""

    def arrange(change):
        read = days.DayChecks.of

        def read_then_change(user, day):
            checks = read(user, day)
            change()
            return checks

        monkeypatch.setattr(days.DayChecks, "of", read_then_change)

    return arrange


def test_a_tick_after_another_tabs_tick_of_the_same_row_keeps_one_check(
    logged_in, user, routine, today, stale_read
):
    bridge, plank = item_of(routine, "bridge"), item_of(routine, "plank")
    tick(logged_in, today, plank)  # the day's session exists
    session = user.session_logs.get()
    stale_read(lambda: session.set_check(bridge.exercise, "hurt", item=bridge))
    response = tick(logged_in, today, bridge)
    assert response.status_code == 200
    assert list(session.checks.filter(exercise=bridge.exercise).values_list("status")) == [
        ("done",)
    ]


def test_a_tick_after_another_tabs_untick_of_the_same_row_stores_it_again(
    logged_in, user, routine, today, stale_read
):
    bridge = item_of(routine, "bridge")
    tick(logged_in, today, bridge)
    tick(logged_in, today, bridge, done=False)
    tick(logged_in, today, bridge)
    session = user.session_logs.get()
    session.set_check(bridge.exercise, "hurt", item=bridge)  # the read finds a check
    stale_read(lambda: session.set_check(bridge.exercise, None))
    assert tick(logged_in, today, bridge).status_code == 200
    assert session.checks.get(exercise=bridge.exercise).status == "done"


def test_an_untick_after_another_tab_already_unticked_is_harmless(
    logged_in, user, routine, today, stale_read
):
    bridge = item_of(routine, "bridge")
    tick(logged_in, today, bridge)
    session = user.session_logs.get()
    stale_read(lambda: session.set_check(bridge.exercise, None))
    response = tick(logged_in, today, bridge, done=False)
    assert response.status_code == 200
    assert "0 of 3 done" in text(response)
    assert not session.checks.exists()


# The database checks a row's foreign keys when its transaction commits: these tests
# commit for real, as requests do.
@pytest.mark.django_db(transaction=True)
def test_a_tick_on_an_item_removed_before_the_plan_version_moved_is_a_404_that_stores_nothing(
    logged_in, user, routine, today, monkeypatch
):
    """Another request removes the item and commits, and has not yet moved the plan
    version when the tick reads the plan: the check's foreign key refuses the write."""
    tick(logged_in, today, item_of(routine, "cat-cow"))  # the plan is cached now
    removed = item_of(routine, "bridge")
    monkeypatch.setattr(signals, "move_plan_version", lambda user_id: None)
    monkeypatch.setattr(signals, "move_user_version", lambda user_id: None)
    RoutineItem.objects.filter(pk=removed.pk).delete()
    response = tick(logged_in, today, removed)
    assert response.status_code == 404
    assert ITEM_GONE in text(response)
    assert not ExerciseCheck.objects.filter(exercise=removed.exercise).exists()
    assert not RoutineItem.objects.filter(pk=removed.pk).exists()
    # The same item refused again, and the rest of the routine ticks as usual.
    assert tick(logged_in, today, removed).status_code == 404
    assert tick(logged_in, today, item_of(routine, "plank")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_first_tick_on_a_routine_deleted_meanwhile_starts_no_session(
    logged_in, user, routine, today, monkeypatch
):
    logged_in.get("/today/")
    other = Routine.objects.create(owner=user, name="Evening", weekdays=127)
    item = RoutineItem.objects.create_with_default_dose(
        other, item_of(routine, "plank").exercise, 0
    )
    tick(logged_in, today, item_of(routine, "cat-cow"))  # caches the plan with "Evening"
    monkeypatch.setattr(signals, "move_plan_version", lambda user_id: None)
    monkeypatch.setattr(signals, "move_user_version", lambda user_id: None)
    other.delete()
    response = tick(logged_in, today, item)
    assert response.status_code == 404
    assert not user.session_logs.filter(routine_name="Evening").exists()


def test_another_users_item_is_a_404_even_with_their_plan_cached(
    client, user, other_user, make_routine, today
):
    theirs = make_routine(other_user, "Sam's", days=range(7), slugs=("bridge",))
    client.force_login(other_user)
    tick(client, today, item_of(theirs, "bridge"))  # Sam's plan is cached
    client.force_login(user)
    assert tick(client, today, item_of(theirs, "bridge"), done=False).status_code == 404
    assert ExerciseCheck.objects.filter(session__owner=other_user).count() == 1


# --- Views that say they leave the plan alone do ---------------------------------------------


def plan_rows() -> list:
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (Routine, RoutineItem, FlareUp)
    ]


def marked_views() -> set[str]:
    """The URL names of every view marked @leaves_plan_alone."""

    def walk(resolver: URLResolver, namespace: str = ""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern, inner)
            elif getattr(pattern.callback, "leaves_plan_alone", False):
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver()))


def test_the_views_that_leave_the_plan_alone_write_no_plan_row(logged_in, user, routine, today):
    """Each marked view, posted as its page offers it (with htmx and without), changes no
    routine, item or flare-up: otherwise the next tick would read a stale plan."""
    item = item_of(routine, "bridge")
    day = f"/day/{today}"
    posts = {
        "exercises:check": (f"{day}/items/{item.pk}/check/", {"done": "1"}),
        "exercises:start": (
            f"{day}/routines/{routine.pk}/start/",
            {f"r{routine.pk}-pain_before": "3"},
        ),
        "exercises:log": (f"{day}/routines/{routine.pk}/log/", None),  # the page's own form
        "exercises:gentle_check": (
            f"{day}/routines/{routine.pk}/gentle/knee-to-chest/check/",
            {"done": "1"},
        ),
        "exercises:gentle_hurt": (f"{day}/routines/{routine.pk}/gentle/knee-to-chest/hurt/", {}),
    }
    assert marked_views() == set(posts)  # a newly marked view needs a line above
    logged_in.post("/flare-up/", {"days": "3"})  # the starter set is ticked in flare-up mode
    before = plan_rows()
    for name, (url, data) in posts.items():
        if data is None:
            data = offered_form(text(logged_in.get("/today/")), url)
        for headers in ({}, HTMX):
            response = logged_in.post(url, data, headers=headers)
            assert response.status_code < 400, (name, response.status_code)
        assert plan_rows() == before, name
