"""The production path. `check --deploy` is clean, security headers are on every
kind of response, BACKCARE_HTTPS turns on the SSL redirect and HSTS, no GET changes state,
REDIS_URL moves the cache, sessions and login throttle to Redis, templates are cached,
the catalog cache is invalidated by the admin, and WhiteNoise serves hashed, compressed,
far-future static files."""

import hashlib
import json
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from exercises.models import ActivityLog, ExerciseCheck, RoutineItem, SessionLog

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


def html(response) -> str:
    return response.content.decode()


def settings_from_environment(names: list[str], **env: str) -> dict:
    """backcare/settings.py imported afresh in a subprocess with this environment."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "BACKCARE_HTTPS", "SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "backcare.settings", **env}
    code = (
        "import json, sys; from django.conf import settings; "
        "print(json.dumps({n: getattr(settings, n, None) for n in sys.argv[1:]}, default=str))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *names],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def production_env(**extra: str) -> dict:
    return {
        "BACKCARE_HTTPS": "1",
        "SECRET_KEY": secrets.token_urlsafe(50)[:50],
        "ALLOWED_HOSTS": "example.org",
        **extra,
    }


# --- check --deploy -----------------------------------------------------------------------------


def run_manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "BACKCARE_HTTPS", "SECRET_KEY", "DEBUG"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issues_under_production_settings():
    done = run_manage("check", "--deploy", env=production_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
    assert "WARNINGS" not in done.stdout + done.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    done = run_manage("check", env=env)
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr


MASTER_WARM_UP = """
import gc, json, runpy, sys, time
from datetime import date
import django
django.setup()
from django.template import engines
from django.template.loaders.cached import Loader
from django.urls import reverse
config = runpy.run_path("backcare/gunicorn.conf.py")
before = "exercises.views.history" in sys.modules
config["when_ready"](None)
start = time.perf_counter()
reverse("exercises:check", args=[date(2026, 1, 5), 1])
reverse_ms = (time.perf_counter() - start) * 1000

def loaders(found):
    for loader in found:
        yield loader
        yield from loaders(getattr(loader, "loaders", []))

every = loaders(engines["django"].engine.template_loaders)
cached = next(loader for loader in every if isinstance(loader, Loader))
print(json.dumps({
    "views_before": before,
    "views_after": "exercises.views.history" in sys.modules,
    "templates": sorted(cached.get_template_cache),
    "frozen": gc.get_freeze_count(),
    "reverse_ms": reverse_ms,
}))
"""


def test_the_gunicorn_master_loads_views_and_templates_before_forking_workers():
    """What a worker would load on its first request (every view, every template, the
    URL names' tables) is in the master when it forks, and frozen out of the workers'
    garbage collections: a worker restarted by max_requests answers its first request as
    fast as the rest."""
    environment = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environment |= {"DJANGO_SETTINGS_MODULE": "backcare.settings", "SECRET_KEY": "x" * 50}
    done = subprocess.run(
        [sys.executable, "-c", MASTER_WARM_UP],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    state = json.loads(done.stdout.splitlines()[-1])
    assert not state["views_before"]
    assert state["views_after"]
    for name in ("today/day.html", "base.html", "django/forms/widgets/number.html"):
        assert name in state["templates"]
    assert state["frozen"] > 0
    # Reversing a name is a dictionary lookup once its namespace's patterns are compiled
    # (under 1 ms); compiling them takes 15-25 ms a namespace.
    assert state["reverse_ms"] < 5


# --- Security headers on every kind of response ----------------------------------------------


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_security_headers(response) -> None:
    directives = csp_directives(response)
    assert "'self'" in directives["script-src"]
    for source in ("'unsafe-inline'", "'unsafe-eval'"):
        assert source not in directives["script-src"]
        assert source not in response["Content-Security-Policy"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin"}
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


KINDS = {
    "html page": ("anonymous", "get", "/exercises/", {}, 200),
    "cached html page": ("anonymous", "get", "/exercises/", {}, 200),
    "logged-in page": ("user", "get", "/today/", {}, 200),
    "404 page": ("anonymous", "get", "/exercises/no-such-exercise/", {}, 404),
    "redirect": ("anonymous", "get", "/today/", {}, 302),
    "htmx fragment": ("anonymous", "get", "/exercises/?kind=stretch", {"HX-Request": "true"}, 200),
    "csrf failure": ("strict", "post", "/accounts/login/", {}, 403),
    "method not allowed": ("user", "get", "/accounts/logout/", {}, 405),
    "plain text": ("anonymous", "get", "/healthz", {}, 200),
}


@pytest.mark.parametrize("kind", KINDS)
def test_security_headers_are_on_every_kind_of_response(kind, client, strict_client, user, catalog):
    who, method, url, headers, status = KINDS[kind]
    if who == "user":
        client.force_login(user)
    browser = strict_client if who == "strict" else client
    if kind == "cached html page":
        browser.get(url)
    response = getattr(browser, method)(url, headers=headers)
    assert response.status_code == status
    if headers:
        assert "<html" not in html(response)  # a fragment indeed
    assert_security_headers(response)


def test_session_and_csrf_cookies_are_http_only_lax(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    session = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["httponly"] is True


# --- BACKCARE_HTTPS=1 -----------------------------------------------------------------------

HTTPS_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
]


@pytest.fixture(scope="module")
def https_settings() -> dict:
    values = settings_from_environment(HTTPS_SETTINGS, **production_env())
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def over_https(settings, https_settings):
    """This process's settings changed as BACKCARE_HTTPS=1 changes them."""
    for name, value in https_settings.items():
        setattr(settings, name, value)
    return settings


def hsts_max_age(response) -> int:
    return int(re.search(r"max-age=(\d+)", response["Strict-Transport-Security"]).group(1))


def test_https_settings_turn_on_redirect_hsts_and_secure_cookies(https_settings):
    assert https_settings["SECURE_SSL_REDIRECT"] is True
    assert https_settings["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert https_settings["SESSION_COOKIE_SECURE"] is True
    assert https_settings["CSRF_COOKIE_SECURE"] is True


def test_without_https_there_is_no_redirect_or_hsts(client, catalog):
    response = client.get("/exercises/")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


def test_over_https_plain_http_is_redirected(over_https, client, catalog):
    response = client.get("/exercises/?kind=stretch")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/exercises/?kind=stretch"
    assert_security_headers(response)


def test_over_https_pages_carry_hsts_for_a_year(over_https, client, catalog):
    direct = client.get("/exercises/", secure=True)
    behind_proxy = client.get("/learn/", headers={"X-Forwarded-Proto": "https"})
    for response in (direct, behind_proxy):
        assert response.status_code == 200
        assert hsts_max_age(response) >= 31_536_000
        assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_over_https_healthz_answers_plain_http_for_load_balancers(over_https, client):
    response = client.get("/healthz")
    assert response.status_code == 200


def test_over_https_login_cookies_are_secure(over_https, client, user):
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    session = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert client.cookies["csrftoken"]["secure"] is True


# --- No GET changes state -------------------------------------------------------------------


def walk_patterns(resolver: URLResolver, namespace: str = "", converters=None):
    """(route name, {parameter: converter}) for every URL, through every include."""
    for pattern in resolver.url_patterns:
        found = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern) == "admin/":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk_patterns(pattern, inner, found)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", found


@pytest.fixture
def lived_in_account(user, make_routine, catalog):
    """A user with a plan, a paused item, sessions with ticks, a quick session, activities."""
    routine = make_routine(user, "Every day", days=range(7), slugs=("cat-cow", "plank", "bridge"))
    items = list(routine.items.all())
    RoutineItem.objects.filter(pk=items[2].pk).update(
        paused=True, pause_reason=RoutineItem.PauseReason.HURT
    )
    today = user.profile.today()
    for back in range(3):
        session = SessionLog.objects.create(
            owner=user,
            routine=routine,
            routine_name=routine.name,
            date=today - timedelta(days=back),
            pain_before=3,
            pain_after=2,
        )
        session.set_check(items[0].exercise, ExerciseCheck.Status.DONE, item=items[0])
    quick = SessionLog.objects.create(owner=user, routine=None, routine_name="Quick", date=today)
    ExerciseCheck.objects.create(session=quick, exercise=catalog["childs-pose"])
    ActivityLog.objects.create(owner=user, date=today, kind="walking", minutes=20)
    return {"routine": routine, "item": items[0], "quick": quick, "today": today}


def url_arguments(converters: dict, user, account: dict) -> dict:
    ints = {
        "routine_id": account["routine"].pk,
        "item_id": account["item"].pk,
        "session_id": account["quick"].pk,
    }
    strings = {
        "token": user.profile.calendar_token,
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "slug": "bridge",
    }
    values = {}
    for name, converter in converters.items():
        kind = type(converter).__name__
        if kind in ("IntConverter", "IdConverter"):
            values[name] = ints.get(name, 1)
        elif kind == "IsoDateConverter":
            values[name] = account["today"] - timedelta(days=1)  # today's page redirects
        elif name == "token" and "uidb64" in converters:
            values[name] = default_token_generator.make_token(user)
        else:
            values[name] = strings.get(name, "x")
    return values


def state_fingerprint() -> dict[str, str]:
    """Every row of every BackCare model (and the users), hashed per table. Not the login
    sessions: they are the request's own bookkeeping (Django's password-reset link, a GET,
    moves its token into the session by design)."""
    models = list(apps.get_app_config("exercises").get_models(include_auto_created=True))
    models.append(get_user_model())
    fingerprint = {}
    for model in models:
        rows = list(model.objects.order_by("pk").values_list())
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()
        fingerprint[model._meta.label] = f"{len(rows)} rows {digest[:16]}"
    return fingerprint


def test_no_get_request_anywhere_changes_state(client, user, lived_in_account):
    client.force_login(user)
    routes = list(walk_patterns(get_resolver()))
    assert len(routes) > 30
    changed, errors, pages = [], [], 0
    for name, converters in routes:
        url = reverse(name, kwargs=url_arguments(converters, user, lived_in_account))
        for headers in ({}, {"HX-Request": "true"}):
            before = state_fingerprint()
            response = client.get(url, headers=headers)
            if response.status_code >= 500:
                errors.append((url, response.status_code))
            pages += response.status_code == 200
            after = state_fingerprint()
            if after != before:
                changed.append(
                    (url, {k: (before[k], after[k]) for k in after if after[k] != before[k]})
                )
    assert errors == []
    assert changed == []
    assert pages >= 40  # real ids: the pages themselves were shown, not 404s


@pytest.mark.parametrize("method", ["put", "patch", "delete", "options", "trace"])
def test_every_url_answers_405_to_methods_other_than_get_and_post(
    method, client, user, lived_in_account
):
    client.force_login(user)
    before = state_fingerprint()
    answers = {}
    for name, converters in walk_patterns(get_resolver()):
        url = reverse(name, kwargs=url_arguments(converters, user, lived_in_account))
        response = getattr(client, method)(url)
        answers[url] = (response.status_code, response.get("Allow"))
    assert len(answers) > 30
    assert set(answers.values()) == {(405, "GET, HEAD, POST")}, answers
    assert state_fingerprint() == before
    for url in ("/admin/", "/static/css/app.css", "/no-such-page/"):
        assert getattr(client, method)(url).status_code == 405


# --- Redis, or the local defaults ---------------------------------------------------------

REDIS_SETTINGS = ["CACHES", "SESSION_ENGINE", "SESSION_CACHE_ALIAS", "AXES_HANDLER", "AXES_CACHE"]


def test_without_redis_url_a_disk_cache_the_workers_share_holds_the_sessions():
    values = settings_from_environment(REDIS_SETTINGS)
    assert values["CACHES"]["shared"]["BACKEND"] == "backcare.caches.SharedDiskCache"
    assert values["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert values["SESSION_CACHE_ALIAS"] == "shared"
    assert values["AXES_HANDLER"] == "axes.handlers.database.AxesDatabaseHandler"


def test_redis_url_moves_cache_sessions_and_throttle_to_redis():
    values = settings_from_environment(REDIS_SETTINGS, REDIS_URL=REDIS_TEST_URL)
    assert values["CACHES"]["shared"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert values["CACHES"]["shared"]["LOCATION"] == REDIS_TEST_URL
    assert values["AXES_CACHE"] == "shared"
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert values["AXES_HANDLER"] == "axes.handlers.cache.AxesCacheHandler"


@pytest.fixture
def redis_server():
    try:
        import redis

        server = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=2)
        server.ping()
    except Exception as error:  # any failure means "no Redis here"
        message = f"Redis not reachable at {REDIS_TEST_URL}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    server.flushdb()
    yield server
    server.flushdb()


@pytest.fixture
def on_redis(settings, redis_server):
    """This process's settings as REDIS_URL sets them (read from settings.py itself)."""
    values = settings_from_environment(REDIS_SETTINGS, REDIS_URL=REDIS_TEST_URL)
    for name, value in values.items():
        setattr(settings, name, value)
    yield redis_server
    caches["shared"].clear()


def test_on_redis_the_shared_cache_stores_in_redis(on_redis):
    shared = caches["shared"]
    shared.set("greeting", "hello", 30)
    assert shared.get("greeting") == "hello"
    assert on_redis.exists(shared.make_key("greeting")) == 1


def test_on_redis_a_logged_in_session_lives_in_redis_and_the_database(on_redis, client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value

    today = client.get(reverse("exercises:today"))

    assert today.status_code == 200
    assert "Log out" in html(today)
    session_key = caches["shared"].make_key(f"django.contrib.sessions.cached_db{key}")
    assert on_redis.exists(session_key) == 1
    stored = Session.objects.get(session_key=key)
    assert stored.get_decoded()["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize("store", ["database", "redis"])
def test_a_throttled_login_says_so_clearly(store, request, client, user, settings):
    if store == "redis":
        redis_server = request.getfixturevalue("on_redis")
    attempts = [
        client.post(reverse("login"), {"username": user.username, "password": "wrong"})
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    with_right_password = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}
    )
    assert [r.status_code for r in attempts[:-1]] == [200] * (len(attempts) - 1)
    for locked in (attempts[-1], with_right_password):
        assert locked.status_code == 429
        assert "Too many attempts" in html(locked)
        assert re.search(r"You can try again at <time [^>]+>\d\d:\d\d</time> UTC", html(locked))
    from axes.models import AccessAttempt

    if store == "redis":
        assert redis_server.keys("*axes*")
        assert not AccessAttempt.objects.exists()
    else:
        assert AccessAttempt.objects.filter(username=user.username).exists()


# --- Templates and the catalog cache -----------------------------------------------------------


def all_loaders(loaders):
    for loader in loaders:
        yield loader
        yield from all_loaders(getattr(loader, "loaders", []))


def test_templates_use_the_cached_loader(client, catalog):
    client.get("/exercises/?kind=stretch")
    cached = [
        loader
        for loader in all_loaders(engines["django"].engine.template_loaders)
        if isinstance(loader, CachedLoader)
    ]
    assert cached
    assert "exercises/catalog.html" in cached[0].get_template_cache


@pytest.mark.parametrize("url", ["/exercises/", "/exercises/bridge/"])
@pytest.mark.parametrize("who", ["visitor", "user"])
def test_a_second_catalog_request_makes_fewer_queries(url, who, client, user, catalog):
    if who == "user":
        client.force_login(user)
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    assert len(second) < len(first)
    if who == "visitor":
        # Only the catalog version is read (tests read it on every request; in production
        # each process also keeps it for CATALOG_VERSION_SECONDS).
        assert len(second) == 1


def test_the_visitor_page_cache_never_serves_someone_elses_page(client, user, catalog):
    visitor = Client()
    first = html(visitor.get("/exercises/"))
    client.force_login(user)
    logged_in = html(client.get("/exercises/"))
    again = visitor.get("/exercises/")

    assert "Log out" in logged_in
    assert "Log out" not in first
    assert html(again) == first
    assert "csrf" not in first.lower()
    assert "Cookie" in again["Vary"]


def test_a_visitor_with_a_pending_message_gets_it_not_the_cached_page(client, rf, catalog):
    client.get("/exercises/")
    carrier = HttpResponse()
    storage = CookieStorage(rf.get("/"))
    storage.add(message_levels.INFO, "You have been logged out. Go gently.")
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value

    response = client.get("/exercises/")

    assert "You have been logged out. Go gently." in html(response)
    assert "You have been logged out. Go gently." not in html(Client().get("/exercises/"))


def admin_form_data(exercise) -> dict:
    data = {}
    for field in exercise._meta.get_fields():
        if not getattr(field, "editable", False) or field.auto_created:
            continue
        if field.many_to_many:
            data[field.name] = [
                str(pk) for pk in getattr(exercise, field.name).values_list("pk", flat=True)
            ]
        elif field.is_relation:
            value = getattr(exercise, field.attname)
            data[field.name] = "" if value is None else str(value)
        elif isinstance(getattr(exercise, field.name), bool):
            if getattr(exercise, field.name):
                data[field.name] = "on"
        else:
            value = getattr(exercise, field.name)
            data[field.name] = "" if value is None else str(value)
    return data


def test_saving_an_exercise_in_the_admin_refreshes_the_cached_catalog(admin_client, catalog):
    visitor = Client()
    bridge = catalog["bridge"]
    assert "Glute bridge with a pause" not in html(visitor.get("/exercises/"))
    assert "Glute bridge with a pause" not in html(visitor.get(bridge.get_absolute_url()))

    data = admin_form_data(bridge) | {"name": "Glute bridge with a pause", "_save": "Save"}
    response = admin_client.post(reverse("admin:exercises_exercise_change", args=[bridge.pk]), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Glute bridge with a pause" in html(visitor.get("/exercises/"))
    assert "<h1>Glute bridge with a pause</h1>" in html(visitor.get(bridge.get_absolute_url()))


# --- Static files --------------------------------------------------------------------------


def test_static_files_are_hashed_compressed_and_cached_forever(client, catalog):
    page = html(client.get("/exercises/"))
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page)
    assert any(a.startswith("/static/css/") for a in assets)
    assert any("htmx" in a for a in assets)
    static_root = Path(django_settings.STATIC_ROOT)
    for url in assets:
        assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", url), f"{url} is not a hashed name"
        response = client.get(url, headers={"Accept-Encoding": "br, gzip"})
        assert response.status_code == 200
        assert response["Cache-Control"] == "max-age=315360000, public, immutable"
        assert response["Content-Encoding"] == "br"
        assert_security_headers(response)
        b"".join(response.streaming_content)
        response.close()
        on_disk = static_root / url.removeprefix("/static/")
        assert on_disk.with_name(on_disk.name + ".gz").exists()
        assert on_disk.with_name(on_disk.name + ".br").exists()


def test_postgresql_prepares_hot_queries_unless_told_not_to():
    """Server-side binding so psycopg can prepare repeated queries; off for PgBouncer."""
    url = "postgres://postgres@127.0.0.1:5432/test"
    database = settings_from_environment(["DATABASES"], DATABASE_URL=url)["DATABASES"]["default"]
    assert database["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": 5}
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] == 60
    off = settings_from_environment(
        ["DATABASES"], DATABASE_URL=url, PG_PREPARE_THRESHOLD="off", CONN_HEALTH_CHECKS="0"
    )["DATABASES"]["default"]
    assert off["OPTIONS"]["prepare_threshold"] is None
    assert off["CONN_HEALTH_CHECKS"] is False


@pytest.mark.parametrize("who", ["visitor", "logged in"])
def test_pages_are_sent_compressed_to_browsers_that_accept_it(client, user, catalog, who):
    if who == "logged in":
        client.force_login(user)
    for url in ("/exercises/", "/today/" if who == "logged in" else "/learn/"):
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        plain = client.get(url)
        assert "Content-Encoding" not in plain
