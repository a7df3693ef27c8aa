"""The login throttle behind a proxy, locks that end when the page says they do, and the
same throttle on password re-entry."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from exercises.throttle import client_ip

from .conftest import PASSWORD
from .test_production import production_env, settings_from_environment

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def behind_one_proxy(settings):
    """As with BACKCARE_HTTPS=1: one proxy, at PROXY, in front of the app."""
    settings.BACKCARE_PROXY_COUNT = 1
    settings.BACKCARE_TRUSTED_PROXIES = [PROXY]
    return settings


def via_proxy(forwarded_for: str) -> dict:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded_for}


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def fail(client, username, times, **extra):
    return [log_in(client, username, "wrong", **extra) for _ in range(times)]


def logged_in_as(client) -> str | None:
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id).username if user_id else None


# --- The client's address behind a proxy ---------------------------------------------------


def test_five_failures_from_one_client_behind_the_proxy_dont_lock_out_another(
    behind_one_proxy, client, user
):
    attempts = fail(client, user.username, settings.AXES_FAILURE_LIMIT, **via_proxy(ATTACKER))
    assert attempts[-1].status_code == 429

    response = log_in(client, user.username, PASSWORD, **via_proxy(OWNER))

    assert response.status_code == 302
    assert logged_in_as(client) == user.username


def test_a_spoofed_forwarded_entry_cant_choose_whose_address_is_locked(
    behind_one_proxy, client, user
):
    # The attacker writes the owner's address first; the proxy appends the real one.
    spoofed = via_proxy(f"{OWNER}, {ATTACKER}")
    locked = fail(client, user.username, settings.AXES_FAILURE_LIMIT, **spoofed)[-1]
    assert locked.status_code == 429
    # Nor does a different spoofed entry each time get the attacker out of the lock.
    other_spoof = via_proxy(f"192.0.2.1, {ATTACKER}")
    assert log_in(client, user.username, PASSWORD, **other_spoof).status_code == 429

    assert log_in(client, user.username, PASSWORD, **via_proxy(OWNER)).status_code == 302


@pytest.mark.parametrize(
    ("peer", "forwarded", "proxies", "expected"),
    [
        (PROXY, ATTACKER, 1, ATTACKER),
        (PROXY, f"{OWNER}, {ATTACKER}", 1, ATTACKER),  # the client's own entry is ignored
        (PROXY, f"{OWNER}, {ATTACKER}, 10.0.0.9", 2, ATTACKER),  # two proxies
        (PROXY, f" {ATTACKER} ,", 1, ATTACKER),
        (PROXY, ATTACKER, 2, ATTACKER),  # fewer entries than proxies: the first one
        (PROXY, "2001:db8::7", 1, "2001:db8::7"),
        (PROXY, "not-an-address", 1, PROXY),
        (PROXY, "", 1, PROXY),
        (ATTACKER, OWNER, 1, ATTACKER),  # not from the proxy: the header is the client's
        (PROXY, ATTACKER, 0, PROXY),  # no proxy configured (a plain local run)
    ],
)
def test_the_client_address_is_read_only_as_far_as_the_proxies_are_trusted(
    behind_one_proxy, peer, forwarded, proxies, expected
):
    behind_one_proxy.BACKCARE_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_trusted_proxies_may_be_networks_or_anything(behind_one_proxy):
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR=OWNER)
    behind_one_proxy.BACKCARE_TRUSTED_PROXIES = ["10.1.0.0/16"]
    assert client_ip(request) == OWNER
    behind_one_proxy.BACKCARE_TRUSTED_PROXIES = ["10.2.0.0/16", "bad entry"]
    assert client_ip(request) == "10.1.2.3"
    behind_one_proxy.BACKCARE_TRUSTED_PROXIES = ["*"]
    assert client_ip(request) == OWNER


def test_production_settings_read_the_address_behind_one_trusted_proxy():
    names = ["AXES_CLIENT_IP_CALLABLE", "BACKCARE_PROXY_COUNT", "BACKCARE_TRUSTED_PROXIES"]
    values = settings_from_environment(names, **production_env(FORWARDED_ALLOW_IPS="10.0.0.2"))
    assert values == {
        "AXES_CLIENT_IP_CALLABLE": "exercises.throttle.client_ip",
        "BACKCARE_PROXY_COUNT": 1,
        "BACKCARE_TRUSTED_PROXIES": ["10.0.0.2"],
    }
    two = settings_from_environment(names[1:2], **production_env(AXES_PROXY_COUNT="2"))
    assert two == {"BACKCARE_PROXY_COUNT": 2}


def test_usernames_that_differ_by_case_share_one_count(client, user):
    for name in ("ALEX", "Alex", "aLeX", "alEx", "alex")[: settings.AXES_FAILURE_LIMIT]:
        last = log_in(client, name, "wrong")
    assert last.status_code == 429
    assert log_in(client, "Alex", PASSWORD).status_code == 429


# --- A lock ends when the page says -------------------------------------------------------


def stated_end(response) -> datetime:
    """The moment the lock page names, from its <time datetime="...">."""
    found = re.search(r'<time datetime="([^"]+)">(\d\d:\d\d)</time>', html(response))
    assert found, html(response)
    return datetime.fromisoformat(found[1])


@pytest.mark.parametrize("handler", ["database", "cache"])
def test_a_locked_user_who_waits_the_stated_time_gets_in(handler, client, user, settings):
    settings.AXES_HANDLER = f"axes.handlers.{handler}.Axes{handler.title()}Handler"
    start = datetime(2026, 3, 2, 14, 20, 30, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        locked = fail(client, user.username, settings.AXES_FAILURE_LIMIT)[-1]
        assert locked.status_code == 429
        ends = stated_end(locked)
        # The cool-off ends at 14:35:30; the page names the next whole minute.
        assert ends == datetime(2026, 3, 2, 14, 36, tzinfo=UTC)
        assert "in 16 minutes" in html(locked)

        # Trying again during the lock, wrongly or rightly, doesn't move the end.
        for minutes in (1, 5, 14):
            clock.move_to(start + timedelta(minutes=minutes))
            assert stated_end(log_in(client, user.username, "wrong")) == ends
            again = log_in(client, user.username, PASSWORD)
            assert again.status_code == 429
            assert stated_end(again) == ends

        clock.move_to(ends)
        response = log_in(client, user.username, PASSWORD)
        assert response.status_code == 302
        assert logged_in_as(client) == user.username


def test_the_lock_page_gives_the_time_in_the_browsers_time_zone(client, user):
    with time_machine.travel(datetime(2026, 7, 1, 12, 0, tzinfo=UTC), tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            locked = client.post(
                LOGIN,
                {"username": user.username, "password": "wrong", "time_zone": "Europe/Berlin"},
            )
    page = html(locked)
    assert "You can try again at" in page
    assert ">14:16</time>," in page  # 12:16 UTC is 14:16 in Berlin in summer
    assert "UTC" not in page
    assert "in 16 minutes" in page


def test_without_a_known_time_zone_the_lock_page_says_utc(client, user):
    with time_machine.travel(datetime(2026, 7, 1, 12, 0, tzinfo=UTC), tick=False):
        locked = fail(client, user.username, settings.AXES_FAILURE_LIMIT)[-1]
    assert ">12:16</time> UTC, in 16 minutes" in html(locked)


def test_the_login_form_carries_the_browsers_time_zone_field(client, db):
    page = html(client.get(LOGIN))
    assert '<input type="hidden" name="time_zone" value="">' in page
    assert "js/timezone" in page


# --- Re-entering the password while logged in ---------------------------------------------

DELETE = reverse("exercises:delete_account")
PASSWORD_CHANGE = reverse("password_change")


def change_password(client, old):
    return client.post(
        PASSWORD_CHANGE,
        {"old_password": old, "new_password1": "A-new-one-77", "new_password2": "A-new-one-77"},
    )


def delete_account(client, password):
    return client.post(DELETE, {"password": password})


@pytest.mark.parametrize("action", [delete_account, change_password])
def test_too_many_wrong_passwords_pause_rechecking_it_with_a_clear_message(action, logged_in, user):
    user.profile.time_zone = "America/New_York"
    user.profile.save()
    with time_machine.travel(datetime(2026, 1, 10, 17, 0, 30, tzinfo=UTC), tick=False) as clock:
        tries = [action(logged_in, "wrong") for _ in range(settings.AXES_FAILURE_LIMIT)]
        assert [r.status_code for r in tries[:-1]] == [200] * (len(tries) - 1)
        locked = tries[-1]
        assert locked.status_code == 429
        page = html(locked)
        assert "Your password was entered wrongly too many times" in page
        assert "Nothing has been changed or deleted." in page
        assert ">12:16</time>, in 16 minutes" in page  # 17:16 UTC, in New York's time

        # The right password is refused too, and nothing happens.
        assert action(logged_in, PASSWORD).status_code == 429
        user.refresh_from_db()
        assert user.check_password(PASSWORD)
        assert logged_in.get(reverse("exercises:today")).status_code == 200

        # After the stated time it works.
        clock.move_to(datetime(2026, 1, 10, 17, 16, tzinfo=UTC))
        assert action(logged_in, PASSWORD).status_code == 302
    user_is_gone = not get_user_model().objects.filter(pk=user.pk).exists()
    changed = user_is_gone or get_user_model().objects.get(pk=user.pk).check_password(
        "A-new-one-77"
    )
    assert changed


def test_wrong_passwords_while_logged_in_count_towards_the_login_lock(client, logged_in, user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert delete_account(logged_in, "wrong").status_code == 200
    logged_in.post(reverse("logout"))
    assert log_in(client, user.username, "wrong").status_code == 429
