"""Sign-up under pressure: usernames unique regardless of case (in the database too),
races that end in a clear message, no early hint that a username exists, and a limit per
address."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

User = get_user_model()
SIGNUP = reverse("exercises:signup")
TAKEN = "That username is taken. Please choose another one."


def signup_data(**changes) -> dict:
    return {
        "username": "robin",
        "email": "",
        "password1": "Slow-and-steady-42",
        "password2": "Slow-and-steady-42",
        "time_zone": "Europe/Berlin",
        **changes,
    }


def html(response) -> str:
    return response.content.decode()


# --- Unique regardless of case --------------------------------------------------------------


@pytest.mark.parametrize("second", ["robin", "Robin", "ROBIN", "rObIn"])
def test_the_database_refuses_a_username_that_differs_only_by_case(second):
    User.objects.create_user("robin", password=PASSWORD)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(second, password=PASSWORD)
    assert User.objects.count() == 1


def test_different_usernames_are_still_fine():
    User.objects.create_user("robin", password=PASSWORD)
    User.objects.create_user("robyn", password=PASSWORD)
    assert User.objects.count() == 2


@pytest.mark.parametrize("typed", ["robin", "Robin", "ROBIN"])
def test_logging_in_ignores_the_case_of_the_username(client, typed):
    User.objects.create_user("Robin", password=PASSWORD)
    response = client.post(reverse("login"), {"username": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_a_wrong_password_still_fails_whatever_the_case(client):
    User.objects.create_user("Robin", password=PASSWORD)
    response = client.post(reverse("login"), {"username": "robin", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


# --- No early hint that a username exists ---------------------------------------------------


def test_a_taken_username_isnt_mentioned_while_the_rest_of_the_form_is_wrong(client, user):
    for wrong in (
        {"password2": "Something-else-42"},
        {"password1": "short", "password2": "short"},
        {"time_zone": "Mars/Olympus_Mons"},
    ):
        response = client.post(SIGNUP, signup_data(username=user.username, **wrong))
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert "username" not in errors, wrong
        assert TAKEN not in html(response)


@pytest.mark.parametrize("spelling", ["alex", "ALEX"])
def test_a_taken_username_is_said_once_the_rest_is_right(client, user, spelling):
    response = client.post(SIGNUP, signup_data(username=spelling))
    assert response.status_code == 200
    assert response.context["form"].errors == {"username": [TAKEN]}
    assert User.objects.count() == 1


# --- A limit per address --------------------------------------------------------------------


def test_signups_from_one_address_pause_after_the_limit(client, settings):
    settings.BACKCARE_SIGNUP_LIMIT = 3
    for number in range(3):
        response = client.post(SIGNUP, signup_data(username=f"robin{number}"))
        assert response.status_code == 302
        client.post(reverse("logout"))

    paused = client.post(SIGNUP, signup_data(username="robin9"))

    assert paused.status_code == 429
    page = html(paused)
    assert "signing up from it is paused" in page
    assert "You can try again at" in page
    assert re.search(r"in 6[01] minutes", page)  # the hour, to the next whole minute
    assert not User.objects.filter(username="robin9").exists()
    # Another address can still sign up.
    elsewhere = client.post(SIGNUP, signup_data(username="robin9"), REMOTE_ADDR="192.0.2.44")
    assert elsewhere.status_code == 302


def test_a_paused_signup_doesnt_say_whether_the_username_is_taken(client, user, settings):
    settings.BACKCARE_SIGNUP_LIMIT = 1
    client.post(SIGNUP, signup_data(username="someone", password2="typo-typo-42"))
    paused = client.post(SIGNUP, signup_data(username=user.username))
    assert paused.status_code == 429
    assert TAKEN not in html(paused)
    assert f'value="{user.username}"' in html(paused)  # what was typed is kept
