"""Shared fixtures: the catalog, users, and small factories."""

from datetime import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command

from exercises.cache import forget_catalog_version
from exercises.catalog import load_catalog
from exercises.models import Exercise, Routine, RoutineItem, weekday_mask

PASSWORD = "Gentle-back-2026"


def pytest_configure(config):
    # Hashing test passwords with the real hasher dominates setup time; MD5 is fine here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Read the catalog version on every request, so query counts don't depend on how
    # quickly the tests run; tests of the memo itself turn it back on.
    settings.CATALOG_VERSION_SECONDS = 0
    # Templates use the hashed-name manifest; build it once if `make test` didn't.
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    forget_catalog_version()
    yield
    cache.clear()
    forget_catalog_version()


@pytest.fixture
def catalog(db):
    load_catalog()
    return {e.slug: e for e in Exercise.objects.all()}


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
            RoutineItem.objects.create_with_default_dose(routine, catalog[slug], position)
        return routine

    return make
