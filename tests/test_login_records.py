"""Login records (django-axes): they go with a deleted account, and expire after a stated
number of days for everyone."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
DELETE = reverse("exercises:delete_account")
# Distinctive, so that finding it anywhere means it is this user's.
USERNAME = "Quinn-Zephyr-4417"
USER_ID = 987_654_321


def log_in(client, password=PASSWORD, username=USERNAME, address="192.0.2.10"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT="Firefox on the kitchen laptop",
    )


def where_it_is_kept(username: str, user_id: int) -> list[str]:
    """Every model, every text and number column: where the username or the id appears."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            column = field.attname
            if isinstance(field, models.CharField | models.TextField):
                lookup = {f"{column}__icontains": username}
            elif isinstance(field, models.IntegerField | models.ForeignKey | models.AutoField):
                lookup = {column: user_id}
            else:
                continue
            try:
                hit = model._default_manager.filter(**lookup).exists()
            except (ValueError, TypeError):  # a foreign key to a text key, say
                continue
            if hit:
                found.append(f"{model._meta.label}.{column}")
    return sorted(found)


def test_deleting_the_account_leaves_no_trace_of_its_username_or_id(client, catalog, settings):
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True  # the failure log too, when it's on
    user = get_user_model().objects.create_user(USERNAME, password=PASSWORD, id=USER_ID)
    # Logins from two places, failed attempts from a third, in several spellings.
    assert log_in(client, address="192.0.2.10").status_code == 302
    client.post(reverse("logout"))
    assert log_in(client, username=USERNAME.upper(), address="192.0.2.11").status_code == 302
    client.post(reverse("logout"))
    log_in(client, password="wrong", address="192.0.2.12")
    log_in(client, password="wrong", username=USERNAME.lower(), address="192.0.2.12")
    assert log_in(client, address="192.0.2.10").status_code == 302
    assert AccessLog.objects.count() == 3
    assert AccessAttempt.objects.exists()
    assert AccessFailureLog.objects.exists()
    assert where_it_is_kept(USERNAME, user.pk)  # the walk does find the user

    response = client.post(DELETE, {"password": PASSWORD}, REMOTE_ADDR="192.0.2.10")

    assert response.status_code == 302
    assert where_it_is_kept(USERNAME, USER_ID) == []


def test_deleting_a_user_in_the_admin_forgets_their_logins_too(client, user, other_user):
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    client.post(LOGIN, {"username": other_user.username, "password": PASSWORD})
    assert AccessLog.objects.filter(username=user.username).exists()

    user.delete()

    assert not AccessLog.objects.filter(username=user.username).exists()
    assert AccessLog.objects.filter(username=other_user.username).exists()


def test_the_delete_page_says_login_records_go_too_and_how_long_they_are_kept(client, user):
    client.force_login(user)
    page = client.get(DELETE).content.decode()
    assert "the record of your log-ins" in page
    assert "we keep it for 30 days, then delete it" in page


def old_records(days: int) -> None:
    AccessLog.objects.update(attempt_time=timezone.now() - timedelta(days=days))


def test_login_records_older_than_the_stated_days_expire_on_a_later_login(client, user, other_user):
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    old_records(31)
    cache.clear()  # the expiry runs at most once a day per process

    client.post(LOGIN, {"username": other_user.username, "password": PASSWORD})

    assert list(AccessLog.objects.values_list("username", flat=True)) == [other_user.username]


def test_login_records_within_the_stated_days_stay(client, user):
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    old_records(29)
    cache.clear()
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert AccessLog.objects.count() == 2


def test_the_expiry_command_deletes_old_records(client, user):
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    old_records(40)
    out = StringIO()
    call_command("expire_login_records", stdout=out)
    assert not AccessLog.objects.exists()
    assert "Deleted 1 login record(s) older than 30 days." in out.getvalue()
