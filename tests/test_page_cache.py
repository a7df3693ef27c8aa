"""Page caching for visitors and for a user's own pages can never serve stale or someone
else's data: keys carry versions that every change moves (see exercises/cache.py)."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exercises import cache as cache_module
from exercises import middleware, signals
from exercises.cache import user_version
from exercises.models import Exercise, ExerciseCheck, Routine, RoutineItem
from tests.conftest import offered_form

pytestmark = pytest.mark.django_db

OWNER_PAGES = ["/today/", "/plan/", "/history/"]


def queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.fixture
def planned(user, make_routine):
    return make_routine(user, "Every day", days=range(7), slugs=("cat-cow", "bridge"))


@pytest.mark.parametrize("url", OWNER_PAGES)
def test_a_repeat_visit_to_an_owner_page_is_served_from_the_cache(logged_in, planned, url):
    logged_in.get(url)  # sets the CSRF cookie the cached page embeds a token for
    first, _ = queries(logged_in, url)
    second, _ = queries(logged_in, url)
    assert second < first


def test_a_tick_shows_on_today_at_once(logged_in, user, planned):
    logged_in.get("/today/")
    queries(logged_in, "/today/")  # now cached
    item = planned.items.get(exercise__slug="cat-cow")
    day = user.profile.today()
    logged_in.post(f"/day/{day}/items/{item.pk}/check/", {"done": "1"})
    _, page = queries(logged_in, "/today/")
    assert "1 of 2 done" in page
    assert ExerciseCheck.objects.filter(exercise=item.exercise).count() == 1


def test_every_state_changing_request_moves_the_users_version(logged_in, user, planned):
    before = user_version(user.pk)
    logged_in.post(f"/plan/routines/{planned.pk}/toggle/")
    after = user_version(user.pk)
    assert after != before
    logged_in.get("/plan/")
    assert user_version(user.pk) == after  # GET changes nothing


def test_a_write_the_models_dont_signal_still_moves_the_version(logged_in, user, planned):
    """Reordering uses bulk .update() (no signals); the middleware covers it."""
    _first, second = planned.items.order_by("position")
    before = user_version(user.pk)
    logged_in.post(f"/plan/items/{second.pk}/move/", {"direction": "up"})
    assert user_version(user.pk) != before


def test_an_admin_change_moves_the_owners_version(client, user, other_user, planned):
    admin = type(user).objects.create_superuser("admin", password="x-Long-enough-9")
    client.force_login(admin)
    versions = {u.pk: user_version(u.pk) for u in (user, other_user)}
    response = client.post(
        f"/admin/exercises/routine/{planned.pk}/change/",
        {
            "name": "Renamed by admin",
            "owner": user.pk,
            "weekdays": 127,
            "position": 0,
            "active": "on",
            "items-TOTAL_FORMS": 0,
            "items-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].errors
    after = {u.pk: user_version(u.pk) for u in (user, other_user)}
    assert after[user.pk] != versions[user.pk]
    assert after[other_user.pk] == versions[other_user.pk]


def test_a_check_removed_in_the_admin_shows_on_the_owners_cached_today(logged_in, user, planned):
    """Checks are edited in the admin inside their session's page; saving it moves the
    owner's version (the session's own signal), so their cached Today is not served."""
    item = planned.items.get(exercise__slug="cat-cow")
    logged_in.post(f"/day/{user.profile.today()}/items/{item.pk}/check/", {"done": "1"})
    assert "1 of 2 done" in queries(logged_in, "/today/")[1]
    assert "1 of 2 done" in queries(logged_in, "/today/")[1]  # from the cache now
    admin = type(user).objects.create_superuser("admin", password="x-Long-enough-9")
    client = Client()
    client.force_login(admin)
    url = f"/admin/exercises/sessionlog/{user.session_logs.get().pk}/change/"
    data = offered_form(client.get(url).content.decode(), None)  # the admin's own form
    data["checks-0-DELETE"] = ["on"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not ExerciseCheck.objects.exists()
    assert "0 of 2 done" in queries(logged_in, "/today/")[1]


def test_a_request_that_fails_after_writing_still_moves_the_version(
    client, user, planned, monkeypatch
):
    """A view that wrote and then failed (a 500) has changed the user's data all the same:
    their cached Today must not keep showing it as it was."""
    client.force_login(user)
    client.raise_request_exception = False
    client.get("/today/")
    assert "0 of 2 done" in queries(client, "/today/")[1]  # cached

    def fail(*args, **kwargs):
        raise RuntimeError("rendering failed after the tick was stored")

    monkeypatch.setattr("exercises.views.today._after_row_change", fail)
    item = planned.items.get(exercise__slug="cat-cow")
    response = client.post(f"/day/{user.profile.today()}/items/{item.pk}/check/", {"done": "1"})
    assert response.status_code == 500
    assert ExerciseCheck.objects.filter(exercise=item.exercise).count() == 1
    assert "1 of 2 done" in queries(client, "/today/")[1]


@pytest.mark.parametrize(
    "action",
    [
        "tick",  # an insert
        "untick",  # a delete
        "toggle routine",  # a model save: signals
        "delete routine",  # cascades to items, sessions and checks: many signals
    ],
)
def test_a_request_moves_the_users_version_exactly_once(
    logged_in, user, planned, action, monkeypatch
):
    item = planned.items.first()
    url = f"/day/{user.profile.today()}/items/{item.pk}/check/"
    if action == "untick":
        logged_in.post(url, {"done": "1"})
    moves = []

    def move(user_id):
        moves.append(user_id)
        cache_module.move_user_version(user_id)

    for module in (middleware, signals):
        monkeypatch.setattr(module, "move_user_version", move)
    if action in ("tick", "untick"):
        logged_in.post(url, {"done": "1" if action == "tick" else "0"})
    elif action == "toggle routine":
        logged_in.post(f"/plan/routines/{planned.pk}/toggle/")
    else:
        logged_in.post(f"/plan/routines/{planned.pk}/delete/")
    assert moves == [user.pk]


def test_one_users_cached_page_is_never_served_to_another(client, user, other_user, make_routine):
    make_routine(user, "Alex's secret routine", days=range(7), slugs=("plank",))
    make_routine(other_user, "Sam's routine", days=range(7), slugs=("bridge",))
    client.force_login(user)
    client.get("/plan/")
    assert "Alex&#x27;s secret routine" in client.get("/plan/").content.decode()
    client.force_login(other_user)  # same browser, same CSRF cookie
    page = client.get("/plan/").content.decode()
    assert "Sam&#x27;s routine" in page
    assert "secret" not in page


def test_a_new_day_is_a_new_page(logged_in, user, planned, monkeypatch):
    logged_in.get("/today/")
    _, today_page = queries(logged_in, "/today/")
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    _, next_page = queries(logged_in, "/today/")
    assert f"{tomorrow:%A}" in next_page
    assert next_page != today_page


def test_pages_with_a_pending_message_are_not_cached(logged_in, planned):
    logged_in.get("/plan/")
    response = logged_in.post(f"/plan/routines/{planned.pk}/toggle/", follow=True)
    assert "is paused" in response.content.decode()
    assert "is paused" not in logged_in.get("/plan/").content.decode()


def test_catalog_edit_made_elsewhere_shows_within_the_version_window(
    client, catalog, monkeypatch, settings
):
    """Another worker's edit reaches this worker's cached pages: the version is re-read
    from the database once the process's memo of it is CATALOG_VERSION_SECONDS old (the
    edit here bypasses signals, as one made in another process does)."""
    settings.CATALOG_VERSION_SECONDS = 2
    clock = {"now": 1000.0}
    monkeypatch.setattr(cache_module.time, "monotonic", lambda: clock["now"])
    client.get("/exercises/bridge/")
    client.get("/exercises/")
    Exercise.objects.filter(slug="bridge").update(
        name="Glute bridge", updated_at=timezone.now() + timedelta(seconds=1)
    )
    clock["now"] += settings.CATALOG_VERSION_SECONDS / 2
    assert "Glute bridge" not in client.get("/exercises/bridge/").content.decode()
    clock["now"] += settings.CATALOG_VERSION_SECONDS
    assert "Glute bridge" in client.get("/exercises/bridge/").content.decode()
    assert "Glute bridge" in client.get("/exercises/").content.decode()


def test_catalog_edit_in_this_process_shows_at_once(client, catalog, settings):
    settings.CATALOG_VERSION_SECONDS = 60
    client.get("/exercises/bridge/")
    bridge = catalog["bridge"]
    bridge.name = "Hip bridge"
    bridge.save()
    assert "Hip bridge" in client.get("/exercises/bridge/").content.decode()


def test_owner_pages_are_private_to_the_browser(logged_in, planned):
    logged_in.get("/today/")
    for _ in range(2):
        response = logged_in.get("/today/")
        assert "private" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]


def test_a_change_made_outside_any_request_shows_on_the_cached_page(logged_in, user, catalog):
    """The admin, the shell or a script: saves through the ORM move the data version."""
    logged_in.get("/plan/")
    assert "Your plan is empty" in logged_in.get("/plan/").content.decode()
    routine = Routine.objects.create(owner=user, name="Made in the shell", weekdays=127)
    assert "Made in the shell" in logged_in.get("/plan/").content.decode()
    RoutineItem.objects.create(
        routine=routine, exercise=catalog["plank"], sets=2, hold_seconds=15, position=0
    )
    assert "Plank" in logged_in.get("/plan/").content.decode()
    routine.delete()
    assert "Your plan is empty" in logged_in.get("/plan/").content.decode()


@pytest.mark.parametrize("url", ["/exercises/?kind=stretch", "/exercises/bridge/"])
def test_logged_in_catalog_pages_reuse_the_rendered_catalog(logged_in, catalog, url):
    """The catalog's own markup is rendered once per catalog version and filter, for
    everyone; each logged-in page around it is still the user's own."""
    logged_in.get(url)
    second = logged_in.get(url).content.decode()
    fragment = "catalog-page" if url.startswith("/exercises/?") else "exercise-main"
    version = cache_module.catalog_version()
    vary = [version, "kind=stretch"] if fragment == "catalog-page" else ["bridge", version]
    assert cache.get(make_template_fragment_key(fragment, vary)) is not None
    assert "Log out" in second


@pytest.mark.parametrize("url", ["/exercises/", "/exercises/bridge/"])
def test_an_admin_edit_shows_at_once_on_logged_in_catalog_pages(logged_in, catalog, url):
    logged_in.get(url)
    bridge = catalog["bridge"]
    bridge.name = "Glute bridge"
    bridge.save()
    assert "Glute bridge" in logged_in.get(url).content.decode()


@pytest.mark.parametrize("url", ["/exercises/?kind=stretch", "/exercises/"])
def test_a_cached_catalog_page_costs_a_logged_in_user_only_their_own_queries(
    logged_in, catalog, django_assert_num_queries, url
):
    """Only the catalog version is read: the page is the user's own cached copy, and the
    session and the user with their profile come from the cache too."""
    logged_in.get(url)  # sets the CSRF cookie the cached page embeds a token for
    logged_in.get(url)
    with django_assert_num_queries(1):
        assert logged_in.get(url).status_code == 200


# --- The cached user record -------------------------------------------------------------------


def test_a_password_set_outside_a_request_ends_the_session_at_once(logged_in, user):
    """The record is cached; a password set from the shell or a command must not wait for
    it to expire, since the password's hash is what ends the other sessions."""
    assert logged_in.get("/today/").status_code == 200
    assert logged_in.get("/today/").status_code == 200  # the user now comes from the cache
    user.set_password("A-new-Gentle-back-2027")
    user.save()
    response = logged_in.get("/today/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_account_deactivated_in_the_shell_is_logged_out_at_once(logged_in, user):
    assert logged_in.get("/plan/").status_code == 200
    fresh = type(user).objects.get(pk=user.pk)
    fresh.is_active = False
    fresh.save()
    assert logged_in.get("/plan/").status_code == 302


def test_a_profile_changed_in_the_admin_shows_on_the_users_next_page(client, user):
    client.force_login(user)
    chosen = r'<option value="Europe/Oslo"[^>]* selected'
    assert not re.search(chosen, client.get("/accounts/settings/").content.decode())
    admin = type(user).objects.create_superuser("admin", password="x-Long-enough-9")
    other = type(user).objects.get(pk=user.pk)
    other.profile.time_zone = "Europe/Oslo"
    other.profile.save()  # as the admin's change form does
    assert admin.pk != user.pk
    assert re.search(chosen, client.get("/accounts/settings/").content.decode())


def test_a_write_in_a_transaction_moves_the_version_again_once_committed(
    user, planned, django_capture_on_commit_callbacks
):
    """A request reading while the transaction is open still sees the old rows and may
    cache them under the version moved mid-transaction: the commit moves it once more."""
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        planned.name = "Evenings"
        planned.save()
        during = user_version(user.pk)
    assert user_version(user.pk) != during


# --- The catalog as a logged-in user sees it ------------------------------------------------


def test_a_change_to_the_plan_shows_on_an_exercise_page_already_cached(logged_in, planned):
    url = "/exercises/bridge/"
    logged_in.get(url)
    assert "paused" not in logged_in.get(url).content.decode()  # now cached
    logged_in.post(f"/plan/routines/{planned.pk}/toggle/")
    page = logged_in.get(url).content.decode()
    assert "In your plan" in page
    assert "paused" in page


def test_one_users_cached_exercise_page_is_never_served_to_another(
    client, user, other_user, make_routine
):
    make_routine(user, "Alex's secret routine", days=range(7), slugs=("bridge",))
    url = "/exercises/bridge/?kind=x"  # with a query string too
    client.force_login(user)
    client.get(url)
    assert "Alex&#x27;s secret routine" in client.get(url).content.decode()
    client.force_login(other_user)  # same browser, same CSRF cookie
    page = client.get(url).content.decode()
    assert "secret" not in page
    assert "In your plan" not in page
