"""Page caching for visitors and for a user's own pages can never serve stale or someone
else's data: keys carry versions read from the database (see exercises/cache.py)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exercises import cache as cache_module
from exercises.models import Exercise, ExerciseCheck, Profile, Routine, RoutineItem

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


def test_every_state_changing_request_moves_the_users_data_version(logged_in, user, planned):
    before = Profile.objects.get(user=user).data_version
    logged_in.post(f"/plan/routines/{planned.pk}/toggle/")
    after = Profile.objects.get(user=user).data_version
    assert after > before
    logged_in.get("/plan/")
    assert Profile.objects.get(user=user).data_version == after  # GET changes nothing


def test_a_write_the_models_dont_signal_still_moves_the_version(logged_in, user, planned):
    """Reordering uses bulk .update() (no signals); the middleware covers it."""
    _first, second = planned.items.order_by("position")
    before = Profile.objects.get(user=user).data_version
    logged_in.post(f"/plan/items/{second.pk}/move/", {"direction": "up"})
    assert Profile.objects.get(user=user).data_version > before


def test_an_admin_change_moves_the_owners_data_version(client, user, other_user, planned):
    admin = type(user).objects.create_superuser("admin", password="x-Long-enough-9")
    client.force_login(admin)
    versions = dict(Profile.objects.values_list("user_id", "data_version"))
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
    after = dict(Profile.objects.values_list("user_id", "data_version"))
    assert after[user.pk] > versions[user.pk]
    assert after[other_user.pk] == versions[other_user.pk]


@pytest.mark.parametrize(
    "action",
    [
        "tick",  # an upsert: no signal
        "untick",  # a delete: signals
        "toggle routine",  # a model save: signals
        "delete routine",  # cascades to items, sessions and checks: many signals
    ],
)
def test_a_request_moves_the_users_data_version_exactly_once(logged_in, user, planned, action):
    item = planned.items.first()
    url = f"/day/{user.profile.today()}/items/{item.pk}/check/"
    if action == "untick":
        logged_in.post(url, {"done": "1"})
    before = Profile.objects.get(user=user).data_version
    if action in ("tick", "untick"):
        logged_in.post(url, {"done": "1" if action == "tick" else "0"})
    elif action == "toggle routine":
        logged_in.post(f"/plan/routines/{planned.pk}/toggle/")
    else:
        logged_in.post(f"/plan/routines/{planned.pk}/delete/")
    assert Profile.objects.get(user=user).data_version == before + 1


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
    """Session, user with profile, catalog version: the catalog itself isn't touched."""
    logged_in.get(url)
    with django_assert_num_queries(3):
        assert logged_in.get(url).status_code == 200
