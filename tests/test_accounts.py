"""Sign-up, log in/out, passwords, the login throttle,
settings, the red-flag safety check, and sending anonymous visitors to log in."""

import re
from datetime import date, time, timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from exercises import content
from exercises.models import Profile

from .conftest import PASSWORD, wait_for_background_mail

pytestmark = pytest.mark.django_db

User = get_user_model()
SIGNUP = reverse("exercises:signup")
LOGIN = reverse("login")
LOGOUT = reverse("logout")
SETTINGS = reverse("exercises:settings")
SAFETY = reverse("exercises:safety_check")
PLAN = reverse("exercises:plan")


def html(response) -> str:
    return response.content.decode()


def signup_data(**changes) -> dict:
    data = {
        "username": "robin",
        "email": "",
        "password1": "Slow-and-steady-42",
        "password2": "Slow-and-steady-42",
        "time_zone": "Europe/Berlin",
    }
    data.update(changes)
    return data


def is_logged_in(client) -> bool:
    return client.get(PLAN).status_code == 200


# --- Sign up -------------------------------------------------------------------------------------


def test_signup_form_uses_the_usual_labels(client, db):
    response = client.get(SIGNUP)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.fields["username"].label == "Username"
    assert form.fields["password1"].label == "Password"
    assert form.fields["password2"].label == "Password confirmation"
    page = html(response)
    assert '<label for="id_username">Username</label>' in page
    assert '<label for="id_password1">Password</label>' in page
    assert '<label for="id_password2">Password confirmation</label>' in page
    assert '<label for="id_time_zone">Time zone</label>' in page


def test_signup_logs_in_creates_a_profile_and_stores_the_time_zone(client, db):
    response = client.post(SIGNUP, signup_data())

    assert response.status_code == 302
    assert response["Location"] == SAFETY
    user = User.objects.get(username="robin")
    assert user.check_password("Slow-and-steady-42")
    assert Profile.objects.filter(user=user).count() == 1
    assert user.profile.time_zone == "Europe/Berlin"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert is_logged_in(client)


def test_signup_refuses_an_unknown_time_zone(client, db):
    response = client.post(SIGNUP, signup_data(time_zone="Mars/Olympus_Mons"))
    assert response.status_code == 200
    assert response.context["form"].errors["time_zone"]
    assert "Mars/Olympus_Mons" in html(response)
    assert "valid choice" in html(response)
    assert not User.objects.filter(username="robin").exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password123", "This password is too common."),
        ("Ab-1", "This password is too short."),
        ("83920174619", "This password is entirely numeric."),
        ("Robin123", "The password is too similar to the username."),
    ],
)
def test_signup_applies_the_password_validators(client, db, password, message):
    response = client.post(SIGNUP, signup_data(password1=password, password2=password))
    assert response.status_code == 200
    assert escape(message) in html(response)
    assert not User.objects.filter(username="robin").exists()


def test_signup_refuses_mismatched_passwords_and_taken_usernames(client, user):
    response = client.post(SIGNUP, signup_data(password2="Something-else-42"))
    assert response.context["form"].errors["password2"]
    response = client.post(SIGNUP, signup_data(username=user.username))
    assert response.context["form"].errors["username"]
    assert User.objects.count() == 1


def test_every_new_user_gets_a_profile(db):
    user = User.objects.create_user("kim", password=PASSWORD)
    assert Profile.objects.get(user=user).time_zone == "UTC"


# --- Log in and out ------------------------------------------------------------------------------


def test_login_page_uses_the_usual_labels_and_button(client, db):
    page = html(client.get(LOGIN))
    assert '<label for="id_username">Username</label>' in page
    assert '<label for="id_password">Password</label>' in page
    assert '<button type="submit">Log in</button>' in page


def test_login_with_the_right_password_logs_in(client, user):
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert is_logged_in(client)


def test_login_with_a_wrong_password_says_so(client, user):
    response = client.post(LOGIN, {"username": user.username, "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in html(response)
    assert not is_logged_in(client)


def test_login_returns_to_where_the_user_was(client, user):
    response = client.post(
        f"{LOGIN}?next={SETTINGS}",
        {"username": user.username, "password": PASSWORD, "next": SETTINGS},
    )
    assert response["Location"] == SETTINGS


def test_logout_by_get_does_not_log_out(logged_in):
    response = logged_in.get(LOGOUT)
    assert response.status_code == 405
    assert is_logged_in(logged_in)


def test_logout_by_post_logs_out(logged_in):
    page = html(logged_in.get(PLAN))
    assert re.search(
        rf'<form method="post" action="{LOGOUT}">.*?<button[^>]*>Log out</button>', page, re.S
    )
    response = logged_in.post(LOGOUT)
    assert response.status_code == 302
    assert not is_logged_in(logged_in)


# --- Passwords -----------------------------------------------------------------------------------


def test_password_change_works(logged_in, user):
    assert logged_in.get(reverse("password_change")).status_code == 200
    response = logged_in.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "A-brand-new-one-77",
            "new_password2": "A-brand-new-one-77",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("A-brand-new-one-77")
    assert logged_in.get(reverse("password_change_done")).status_code == 200


def test_password_change_refuses_a_wrong_old_password(logged_in, user):
    response = logged_in.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "A-brand-new-one-77",
            "new_password2": "A-brand-new-one-77",
        },
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_reset_sends_an_email_whose_link_sets_a_new_password(client, user):
    user.email = "alex@example.com"
    user.save()
    assert client.get(reverse("password_reset")).status_code == 200

    response = client.post(reverse("password_reset"), {"email": "alex@example.com"})

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    wait_for_background_mail()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alex@example.com"]
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "Fresh-start-2026", "new_password2": "Fresh-start-2026"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Fresh-start-2026")


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    wait_for_background_mail()
    assert mail.outbox == []


# --- Login throttle (django-axes) ----------------------------------------------------------------


def fail_logins(client, username, times, **extra):
    response = None
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "wrong"}, **extra)
    return response


def test_throttle_settings_use_a_cool_off_and_lock_username_with_ip():
    assert settings.AXES_COOLOFF_TIME
    assert settings.AXES_FAILURE_LIMIT >= 3
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_too_many_failures_pause_logging_in_with_a_clear_message(client, user):
    limit = settings.AXES_FAILURE_LIMIT
    before = fail_logins(client, user.username, limit - 1)
    assert before.status_code == 200
    assert "paused logging in" not in html(before)

    locked = fail_logins(client, user.username, 1)

    assert locked.status_code == 429
    assert "paused logging in" in html(locked)
    assert "Too many attempts" in html(locked)


def test_the_right_password_is_refused_during_the_lock(client, user):
    fail_logins(client, user.username, settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "paused logging in" in html(response)
    assert not is_logged_in(client)


def test_the_lock_is_per_username_and_ip(client, user, other_user):
    fail_logins(client, user.username, settings.AXES_FAILURE_LIMIT)

    other = client.post(LOGIN, {"username": other_user.username, "password": PASSWORD})
    assert other.status_code == 302
    client.post(LOGOUT)

    elsewhere = client.post(
        LOGIN, {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert elsewhere.status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, user, settings):
    # Timestamps are moved back in the database, so use the database handler here.
    settings.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
    fail_logins(client, user.username, settings.AXES_FAILURE_LIMIT)
    assert client.post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code == 429

    long_ago = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    assert AccessAttempt.objects.update(attempt_time=long_ago) >= 1

    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert is_logged_in(client)


def test_the_lock_still_holds_just_before_the_cool_off_ends(client, user, settings):
    settings.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
    fail_logins(client, user.username, settings.AXES_FAILURE_LIMIT)
    recently = timezone.now() - settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=recently)
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429


# --- Settings ------------------------------------------------------------------------------------


def settings_data(**changes) -> dict:
    data = {
        "time_zone": "America/Los_Angeles",
        "week_start": "6",
        "reminder_time": "07:30",
        "reminder_lead_minutes": "30",
        "weekly_goal": "",
    }
    data.update(changes)
    return data


def test_settings_page_shows_the_fields(logged_in):
    response = logged_in.get(SETTINGS)
    assert response.status_code == 200
    page = html(response)
    assert '<label for="id_time_zone">Time zone</label>' in page
    assert "First day of the week" in page
    assert '<label for="id_reminder_time">Reminder time</label>' in page


def test_settings_save_time_zone_week_start_and_reminder(logged_in, user):
    response = logged_in.post(SETTINGS, settings_data())
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.time_zone == "America/Los_Angeles"
    assert profile.week_start == Profile.WeekStart.SUNDAY
    assert profile.reminder_time == time(7, 30)
    assert profile.reminder_lead_minutes == 30
    assert "Your settings are saved." in html(logged_in.get(response["Location"]))


def test_settings_reminder_time_is_optional(logged_in, user):
    logged_in.post(SETTINGS, settings_data())
    response = logged_in.post(SETTINGS, settings_data(reminder_time="", week_start="0"))
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.reminder_time is None
    assert profile.week_start == Profile.WeekStart.MONDAY


@pytest.mark.parametrize(
    "changes",
    [
        {"time_zone": "Atlantis/Capital"},
        {"time_zone": ""},
        {"week_start": "3"},
        {"reminder_time": "25:99"},
    ],
)
def test_settings_refuse_bad_values_and_store_nothing(logged_in, user, changes):
    response = logged_in.post(SETTINGS, settings_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors
    profile = Profile.objects.get(user=user)
    assert profile.time_zone == "UTC"
    assert profile.week_start == Profile.WeekStart.MONDAY
    assert profile.reminder_time is None


def test_settings_only_change_the_users_own_profile(logged_in, user, other_user):
    logged_in.post(SETTINGS, settings_data())
    assert Profile.objects.get(user=other_user).time_zone == "UTC"


# --- Safety check --------------------------------------------------------------------------------


def answers(yes=(), keep=False) -> dict:
    data = {flag["slug"]: ("yes" if flag["slug"] in yes else "no") for flag in content.RED_FLAGS}
    if keep:
        data["keep_answers"] = "on"
    return data


EMERGENCY = [f["slug"] for f in content.RED_FLAGS if f["tier"] == "emergency"]
SEE_TODAY = [f["slug"] for f in content.RED_FLAGS if f["tier"] == "today" and not f.get("urgency")]
EMERGENCY_TITLE = content.SAFETY_RESULTS["emergency"]["title"]
TODAY_TITLE = content.SAFETY_RESULTS["today"]["title"]
SOON_TITLE = content.SAFETY_RESULTS["soon"]["title"]


def fieldset(page: str, tier: str) -> str:
    start = page.index(f'id="tier-{tier}"')
    return page[start : page.index("</section>", start)]


def test_the_red_flags_are_the_two_tiers_of_the_guidance():
    by_tier = {t["slug"]: [f["slug"] for f in t["flags"]] for t in content.red_flags_by_tier()}
    assert by_tier == {
        "emergency": ["saddle-numbness", "bladder-bowel", "both-legs", "sexual-function"],
        "today": [
            "fever",
            "weight-loss",
            "fall-or-accident",
            "night-pain",
            "cancer-history",
            "very-unwell",
        ],
    }
    emergency = " ".join(f["sign"] for f in content.RED_FLAGS if f["tier"] == "emergency")
    for words in ("genitals", "wipe", "bladder", "bowels", "both legs", "sexual"):
        assert words in emergency


def test_safety_check_asks_every_red_flag_question_in_its_tier(logged_in):
    response = logged_in.get(SAFETY)
    assert response.status_code == 200
    page = html(response)
    for flag in content.RED_FLAGS:
        assert escape(flag["question"]) in fieldset(page, flag["tier"])
    assert ">None of these apply to me</button>" in page


def test_all_no_answers_say_the_user_is_ready(logged_in, user):
    response = logged_in.post(SAFETY, answers())
    assert response.status_code == 200
    page = html(response)
    assert "ready to start" in page
    for title in (EMERGENCY_TITLE, TODAY_TITLE, SOON_TITLE):
        assert title not in page


def test_none_of_these_apply_is_one_click_for_someone_with_none(logged_in, user):
    response = logged_in.post(SAFETY, {"answer": "none"})
    assert response.status_code == 200
    assert "ready to start" in html(response)
    profile = Profile.objects.get(user=user)
    assert profile.safety_check_completed_on == profile.today()
    assert profile.safety_check_answers is None

    logged_in.post(SAFETY, {"answer": "none", "keep_answers": "on"})
    profile.refresh_from_db()
    assert profile.safety_check_answers == {f["slug"]: "no" for f in content.RED_FLAGS}


def test_none_of_these_apply_with_a_yes_ticked_asks_again_and_stores_nothing(logged_in, user):
    data = {"answer": "none", "fever": "yes"}
    response = logged_in.post(SAFETY, data)
    assert response.status_code == 200
    page = html(response)
    assert "doesn&#x27;t fit" in page
    assert "ready to start" not in page
    assert Profile.objects.get(user=user).safety_check_completed_on is None


@pytest.mark.parametrize("flag", EMERGENCY)
def test_an_emergency_sign_says_call_the_local_emergency_number(logged_in, flag):
    page = html(logged_in.post(SAFETY, answers(yes=[flag])))
    assert EMERGENCY_TITLE in page
    assert "Call your local emergency number" in page
    for one_country in ("999", "911", "112", "NHS 111"):
        assert one_country not in page
    question = next(f["question"] for f in content.RED_FLAGS if f["slug"] == flag)
    assert escape(question) in page
    assert "not a substitute" in page
    assert re.search(rf'<a[^>]*href="{PLAN}"[^>]*>Continue', page)
    assert "ready to start" not in page


@pytest.mark.parametrize("flag", SEE_TODAY)
def test_a_see_a_doctor_today_sign_says_so_and_not_emergency(logged_in, flag):
    page = html(logged_in.post(SAFETY, answers(yes=[flag])))
    assert TODAY_TITLE in page
    assert EMERGENCY_TITLE not in page
    assert "emergency department" not in page
    question = next(f["question"] for f in content.RED_FLAGS if f["slug"] == flag)
    assert escape(question) in page
    assert re.search(rf'<a[^>]*href="{PLAN}"[^>]*>Continue', page)


def test_a_history_of_cancer_alone_says_see_a_doctor_soon(logged_in):
    page = html(logged_in.post(SAFETY, answers(yes=["cancer-history"])))
    assert SOON_TITLE in page
    assert TODAY_TITLE not in page
    assert EMERGENCY_TITLE not in page
    assert "Call your local emergency number" not in page
    assert "Have you ever had cancer?" in page


def test_the_most_urgent_answer_decides_the_result(logged_in):
    page = html(logged_in.post(SAFETY, answers(yes=["cancer-history", "fever"])))
    assert TODAY_TITLE in page
    page = html(logged_in.post(SAFETY, answers(yes=["cancer-history", "both-legs"])))
    assert EMERGENCY_TITLE in page
    assert "See a doctor soon." in page  # each answer still names its own action


def test_only_the_completion_date_is_stored_by_default(logged_in, user):
    logged_in.post(SAFETY, answers(yes=["fever"]))
    profile = Profile.objects.get(user=user)
    assert profile.safety_check_completed_on == profile.today()
    assert profile.safety_check_answers is None


def test_answers_are_kept_only_when_the_user_asks(logged_in, user):
    logged_in.post(SAFETY, answers(yes=["fever"], keep=True))
    profile = Profile.objects.get(user=user)
    assert profile.safety_check_completed_on == profile.today()
    assert profile.safety_check_answers["fever"] == "yes"
    assert profile.safety_check_answers["both-legs"] == "no"

    logged_in.post(SAFETY, answers())  # a later check without the box forgets them
    profile.refresh_from_db()
    assert profile.safety_check_answers is None


def test_unanswered_safety_check_asks_again_and_stores_nothing(logged_in, user):
    data = answers()
    data.pop(content.RED_FLAGS[0]["slug"])
    response = logged_in.post(SAFETY, data)
    assert response.status_code == 200
    assert "Please answer yes or no." in html(response)
    assert Profile.objects.get(user=user).safety_check_completed_on is None


def test_the_safety_check_date_is_the_users_local_date(client, make_user, monkeypatch):
    user = make_user("kiri", time_zone="Pacific/Kiritimati")  # UTC+14
    client.force_login(user)
    utc_noon = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: utc_noon)  # 02:00 tomorrow in Kiritimati

    client.post(SAFETY, answers())

    completed_on = Profile.objects.get(user=user).safety_check_completed_on
    assert completed_on == utc_noon.date() + timedelta(days=1)


def test_safety_check_is_reachable_from_learn_and_settings(logged_in):
    assert f'href="{SAFETY}"' in html(logged_in.get(reverse("exercises:learn")))
    assert f'href="{SAFETY}"' in html(logged_in.get(SETTINGS))


# --- Anonymous visitors --------------------------------------------------------------------------

PRIVATE_URLS = [
    ("exercises:settings", []),
    ("exercises:safety_check", []),
    ("exercises:export", []),
    ("exercises:export_csv", []),
    ("exercises:delete_account", []),
    ("exercises:regenerate_calendar_token", []),
    ("exercises:plan", []),
    ("exercises:starters", []),
    ("exercises:routine_new", []),
    ("exercises:routine", [1]),
    ("exercises:routine_toggle", [1]),
    ("exercises:routine_delete", [1]),
    ("exercises:start_today", [1]),
    ("exercises:item_add", [1]),
    ("exercises:item_dose", [1]),
    ("exercises:item_move", [1]),
    ("exercises:item_pause", [1]),
    ("exercises:item_remove", [1]),
    ("exercises:item_progress", [1]),
    ("exercises:undo_add", [1]),
    ("exercises:undo_remove", [1]),
    ("exercises:item_swap", [1]),
    ("exercises:add_to_plan", ["plank"]),
    ("exercises:today", []),
    ("exercises:quick", []),
    ("exercises:activity", []),
    ("exercises:acknowledge", []),
    ("exercises:day", [date(2026, 1, 5)]),
    ("exercises:check", [date(2026, 1, 5), 1]),
    ("exercises:hurt", [date(2026, 1, 5), 1]),
    ("exercises:log", [date(2026, 1, 5), 1]),
    ("exercises:start", [date(2026, 1, 5), 1]),
    ("exercises:play", [date(2026, 1, 5), 1]),
    ("exercises:log_quick", [date(2026, 1, 5), 1]),
    ("exercises:activity_add", [date(2026, 1, 5)]),
    ("exercises:activity_edit", [date(2026, 1, 5), 1]),
    ("exercises:activity_delete", [date(2026, 1, 5), 1]),
    ("exercises:flare_up", []),
    ("exercises:flare_up_end", []),
    ("exercises:gentle_check", [date(2026, 1, 5), 1, "knee-rolls"]),
    ("exercises:gentle_hurt", [date(2026, 1, 5), 1, "knee-rolls"]),
    ("exercises:history", []),
    ("exercises:summary", []),
    ("exercises:set_goal", []),
    ("password_change", []),
    ("password_change_done", []),
]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "args"), PRIVATE_URLS, ids=[name for name, _ in PRIVATE_URLS])
def test_anonymous_visitors_are_sent_to_log_in_and_back(client, catalog, name, args, method):
    url = reverse(name, args=args)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={url}"


def test_every_private_url_is_in_the_anonymous_list():
    """A new login-only URL must join PRIVATE_URLS (public ones are listed here)."""
    from django.urls import URLResolver

    from exercises.urls import urlpatterns

    def names(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):  # a group under one prefix
                yield from names(pattern.url_patterns)
            else:
                yield pattern.name

    public = {"home", "learn", "catalog", "detail", "signup", "calendar"}
    listed = {name.removeprefix("exercises:") for name, _ in PRIVATE_URLS}
    found = list(names(urlpatterns))
    assert len(found) > 40
    for name in found:
        assert name in public | listed, name


@pytest.mark.django_db(transaction=True)
def test_logins_kept_in_the_old_user_session_table_survive_the_move_back(client, user):
    """The release that kept sessions in their own table logged people in there; moving
    back to Django's table copies the live ones over, so nobody is logged out."""
    executor = MigrationExecutor(connection)
    executor.migrate([("exercises", "0005_carry_over_sessions")])
    try:
        UserSession = executor.loader.project_state(
            ("exercises", "0005_carry_over_sessions")
        ).apps.get_model("exercises", "UserSession")
        login = DjangoSessionStore()  # the same encoding the old table used
        login.update(
            {
                "_auth_user_id": str(user.pk),
                "_auth_user_backend": "exercises.auth.ProfileModelBackend",
                "_auth_user_hash": user.get_session_auth_hash(),
            }
        )
        login.create()
        data = Session.objects.get(pk=login.session_key).session_data
        # Django's table still holds an out-of-date copy, as the old release left it.
        Session.objects.filter(pk=login.session_key).update(session_data="stale")
        UserSession.objects.create(
            session_key=login.session_key,
            session_data=data,
            expire_date=timezone.now() + timedelta(days=7),
            user_id=user.pk,
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert Session.objects.get(pk=login.session_key).get_decoded()["_auth_user_id"] == str(user.pk)
    client.cookies["sessionid"] = login.session_key
    response = client.get("/today/")
    assert response.status_code == 200
    assert "Log out" in response.content.decode()
