"""Shared fixtures: the catalog, users, and small factories."""

import os
import re
import tempfile
import threading
from datetime import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command

from exercises.cache import forget_catalog_version
from exercises.catalog import load_catalog
from exercises.models import Exercise, Routine, RoutineItem, weekday_mask

PASSWORD = "Gentle-back-2026"


def wait_for_background_mail(timeout: float = 10) -> None:
    """Mail sent after the answer (password resets) goes out in its own thread; wait
    for every such thread to finish."""
    for thread in threading.enumerate():
        if thread.name == "password-reset-mail":
            thread.join(timeout)


def pytest_configure(config):
    # The shared cache's folder of each run is its own, and servers the tests start
    # inherit it.
    cache_dir = tempfile.mkdtemp(prefix="backcare-test-cache-")
    os.environ["BACKCARE_CACHE_DIR"] = cache_dir
    if settings.CACHES["shared"]["BACKEND"].endswith("SharedDiskCache"):
        settings.CACHES["shared"]["LOCATION"] = cache_dir
    # Hashing test passwords with the real hasher dominates setup time; MD5 is fine here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Read the catalog version on every request, so query counts don't depend on how
    # quickly the tests run; tests of the memo itself turn it back on.
    settings.CATALOG_VERSION_SECONDS = 0
    # Templates use the hashed-name manifest; build it once if `make test` didn't.
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)


def _clear_caches():
    for alias in settings.CACHES:
        caches[alias].clear()
    forget_catalog_version()


@pytest.fixture(autouse=True)
def _fresh_cache():
    _clear_caches()
    yield
    _clear_caches()


@pytest.fixture
def catalog(db):
    """The ten catalog exercises by slug (their easier and harder versions are loaded
    too, and `make_routine` can use them)."""
    load_catalog()
    return {e.slug: e for e in Exercise.objects.listed()}


@pytest.fixture
def make_user(db):
    def make(username="alex", time_zone="UTC", **profile):
        user = get_user_model().objects.create_user(username=username, password=PASSWORD)
        user.profile.time_zone = time_zone
        for name, value in profile.items():
            setattr(user.profile, name, value)
        user.profile.save()
        return user

    return make


@pytest.fixture
def user(make_user):
    return make_user("alex")


@pytest.fixture
def other_user(make_user):
    return make_user("sam")


@pytest.fixture
def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def make_routine(catalog):
    def make(owner, name="Morning", days=(0, 2, 4), slugs=("cat-cow", "plank"), at=None, **kw):
        routine = Routine.objects.create(
            owner=owner,
            name=name,
            weekdays=weekday_mask(days),
            time_of_day=time.fromisoformat(at) if isinstance(at, str) else at,
            **kw,
        )
        for position, slug in enumerate(slugs):
            exercise = catalog.get(slug) or Exercise.objects.get(slug=slug)
            RoutineItem.objects.create_with_default_dose(routine, exercise, position)
        return routine

    return make


class _FormReader(HTMLParser):
    """What a browser would submit from a form as the page offers it: text and number
    inputs with their values, checked boxes and radios, each select's chosen option,
    including fields outside the form that name it with a `form` attribute."""

    def __init__(self, action: str, method: str):
        super().__init__()
        self.action, self.method, self.form_id = action, method, None
        self.inside, self.found, self.select, self.first_option = False, False, None, None
        self.data: dict[str, list[str]] = {}

    def belongs(self, attrs) -> bool:
        if "form" in attrs:
            return self.form_id is not None and attrs["form"] == self.form_id
        return self.inside

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = (
                attrs.get("action") == self.action
                and attrs.get("method", "get").lower() == self.method
                and not self.found
            )
            self.found = self.found or self.inside
        name = attrs.get("name")
        if tag == "option" and self.select:
            value = attrs.get("value", "")
            if self.first_option is None:
                self.first_option = value
            if "selected" in attrs:
                self.data[self.select] = [value]
            return
        if not name or not self.belongs(attrs):
            return
        kind = attrs.get("type", "text")
        if tag == "input" and kind not in ("submit", "button", "reset"):
            if kind in ("checkbox", "radio"):
                if "checked" not in attrs:
                    return
                self.data.setdefault(name, []).append(attrs.get("value", "on"))
            else:
                self.data.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "textarea":
            self.data.setdefault(name, []).append("")
        elif tag == "select":
            self.select, self.first_option = name, None

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            self.data.setdefault(self.select, [self.first_option or ""])
            self.select = None
        elif tag == "form":
            self.inside = False


def offered_form(page_html: str, action: str, method: str = "post") -> dict[str, list[str]]:
    """The data a browser submits from the first form sending to `action` with `method`,
    untouched."""
    reader = _FormReader(action, method)
    for tag in re.findall(r"<form\b[^>]*>", page_html):
        if f'action="{action}"' in tag and f'method="{method}"' in tag.lower():
            found = re.search(r'\bid="([^"]+)"', tag)
            reader.form_id = found and found.group(1)
            break
    reader.feed(page_html)
    assert reader.found, f"no form posting to {action}"
    return reader.data


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, as in production, not Django's in-memory
    default: the live server's request threads then open their own connections (WAL,
    IMMEDIATE transactions, the busy timeout of settings.py) and race each other as
    gunicorn's workers do. In memory they would share the test's one connection."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)
