"""Other activities like sessions: logged on Today or back-filled on a past day's page,
changed and removed there, refused outside the back-fill window, replay-safe, private to
their owner, and shown in History (a recent list and minutes per week).

"Now" is frozen at Tuesday 24 November 2026, 11:30 UTC."""

import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from exercises.cache import move_user_version
from exercises.models import ActivityLog

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 24, 11, 30, tzinfo=UTC)
TODAY = NOW.date()
THREE_DAYS_AGO = TODAY - timedelta(days=3)


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def page_of(response) -> str:
    return unescape(response.content.decode())


def text_of(page: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def day_url(day) -> str:
    return reverse("exercises:day", args=[day])


def activity_form(page: str) -> tuple[str, dict]:
    """The day page's activity form as a person sends it: its action and the fields the
    page fills in (the one-time key), plus the first activity offered."""
    start = page.index("Log another activity")
    form = page[start : page.index("</form>", start)]
    action = re.search(r'<form method="post" action="([^"]+)"', form).group(1)
    key = re.search(r'name="submission_key" value="([^"]+)"', form).group(1)
    first_kind = re.search(r'<option value="(\w+)"', form).group(1)
    return action, {"submission_key": key, "kind": first_kind}


def edit_link(page: str) -> str:
    return re.search(r'href="(/day/[\d-]+/activities/\d+/)"', page).group(1)


# --- Back-filling a past day ------------------------------------------------------------------


def test_a_past_day_offers_the_activity_form_and_logs_it_on_that_day(logged_in, user):
    page = page_of(logged_in.get(day_url(THREE_DAYS_AGO)))
    assert "Something else that day?" in page
    action, fields = activity_form(page)
    assert action == f"/day/{THREE_DAYS_AGO}/activities/"

    response = logged_in.post(action, {**fields, "minutes": "30", "notes": "Beach walk"})
    assert response.status_code == 302
    assert response["Location"] == day_url(THREE_DAYS_AGO)
    activity = ActivityLog.objects.get()
    assert (activity.owner, activity.date, activity.minutes) == (user, THREE_DAYS_AGO, 30)
    day = page_of(logged_in.get(response["Location"]))
    assert f"Logged 30 minutes of {activity.get_kind_display().lower()}." in day
    assert f"{activity.get_kind_display()}: 30 min (Beach walk)" in day


def test_todays_form_logs_for_today_through_the_day_address(logged_in, user):
    action, fields = activity_form(page_of(logged_in.get(reverse("exercises:today"))))
    assert action == f"/day/{TODAY}/activities/"
    response = logged_in.post(action, {**fields, "minutes": "20"})
    assert response["Location"] == reverse("exercises:today")
    assert ActivityLog.objects.get().date == TODAY


def test_sending_the_same_activity_form_twice_logs_it_once(logged_in):
    action, fields = activity_form(page_of(logged_in.get(day_url(THREE_DAYS_AGO))))
    logged_in.post(action, {**fields, "minutes": "30"})
    response = logged_in.post(action, {**fields, "minutes": "30"}, follow=True)
    assert ActivityLog.objects.count() == 1
    assert "That activity is already logged." in page_of(response)


@pytest.mark.parametrize("days_back", [-1, 8, 400])
def test_an_activity_outside_the_back_fill_window_is_refused(logged_in, days_back):
    day = TODAY - timedelta(days=days_back)
    response = logged_in.post(
        reverse("exercises:activity_add", args=[day]), {"kind": "walking", "minutes": "30"}
    )
    assert response.status_code == 302
    assert not ActivityLog.objects.exists()
    message = "hasn't happened yet" if days_back < 0 else "You can fill in the last 7 days only."
    assert message in page_of(logged_in.get(response["Location"]))


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "walking", "minutes": "0"},
        {"kind": "walking", "minutes": "x"},
        {"kind": "running", "minutes": "30"},
        {"kind": "walking", "minutes": "30", "notes": "n" * 201},
    ],
)
def test_a_bad_back_filled_activity_is_refused_and_stores_nothing(logged_in, data):
    response = logged_in.post(reverse("exercises:activity_add", args=[THREE_DAYS_AGO]), data)
    assert response["Location"] == day_url(THREE_DAYS_AGO)
    assert "That activity wasn't saved" in page_of(logged_in.get(response["Location"]))
    assert not ActivityLog.objects.exists()


def test_logging_an_activity_needs_a_post(logged_in):
    response = logged_in.get(
        reverse("exercises:activity_add", args=[TODAY]) + "?kind=walking&minutes=30"
    )
    assert response.status_code == 405
    assert not ActivityLog.objects.exists()


# --- Changing and removing ----------------------------------------------------------------------


@pytest.fixture
def walk(user):
    return ActivityLog.objects.create(
        owner=user, date=THREE_DAYS_AGO, kind="walking", minutes=30, notes="Park"
    )


def test_an_activity_is_changed_from_its_days_page(logged_in, walk):
    day = page_of(logged_in.get(day_url(THREE_DAYS_AGO)))
    url = edit_link(day)
    assert 'aria-label="Edit: Walking, 30 min">Edit</a>' in day
    form = page_of(logged_in.get(url))
    assert "<h1>Walking on Saturday 21 November</h1>" in form
    assert 'name="minutes" value="30"' in form
    assert '<option value="walking" selected>' in form

    response = logged_in.post(url, {"kind": "swimming", "minutes": "45", "notes": "Pool"})
    assert response["Location"] == day_url(THREE_DAYS_AGO)
    walk.refresh_from_db()
    assert (walk.kind, walk.minutes, walk.notes, walk.date) == (
        "swimming",
        45,
        "Pool",
        THREE_DAYS_AGO,
    )
    assert "Saved: Swimming, 45 minutes." in page_of(logged_in.get(response["Location"]))


def test_a_bad_change_shows_the_error_beside_its_field_and_changes_nothing(logged_in, walk):
    url = reverse("exercises:activity_edit", args=[walk.date, walk.pk])
    response = logged_in.post(url, {"kind": "walking", "minutes": "900"})
    assert response.status_code == 200
    page = page_of(response)
    assert "Minutes must be between 1 and 600." in page
    assert "<h1>Walking on Saturday 21 November</h1>" in page
    walk.refresh_from_db()
    assert walk.minutes == 30


def test_an_activity_is_removed(logged_in, walk):
    url = reverse("exercises:activity_delete", args=[walk.date, walk.pk])
    assert f'action="{url}"' in page_of(
        logged_in.get(reverse("exercises:activity_edit", args=[walk.date, walk.pk]))
    )
    response = logged_in.post(url, follow=True)
    assert not ActivityLog.objects.exists()
    assert "Removed walking (30 minutes)." in page_of(response)
    assert logged_in.post(url).status_code == 404  # sent again: nothing left to remove


def test_another_users_activity_cannot_be_seen_changed_or_removed(logged_in, other_user):
    theirs = ActivityLog.objects.create(
        owner=other_user, date=THREE_DAYS_AGO, kind="yoga", minutes=50
    )
    edit = reverse("exercises:activity_edit", args=[theirs.date, theirs.pk])
    delete = reverse("exercises:activity_delete", args=[theirs.date, theirs.pk])
    assert logged_in.get(edit).status_code == 404
    assert logged_in.post(edit, {"kind": "walking", "minutes": "1"}).status_code == 404
    assert logged_in.post(delete).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.kind, theirs.minutes) == ("yoga", 50)


def test_an_activity_under_another_day_is_not_found(logged_in, walk):
    wrong_day = walk.date - timedelta(days=1)
    assert (
        logged_in.get(reverse("exercises:activity_edit", args=[wrong_day, walk.pk])).status_code
        == 404
    )
    assert (
        logged_in.post(reverse("exercises:activity_delete", args=[wrong_day, walk.pk])).status_code
        == 404
    )
    assert ActivityLog.objects.filter(pk=walk.pk).exists()


def test_an_activity_older_than_the_window_is_kept_as_it_is(logged_in, user):
    old = ActivityLog.objects.create(
        owner=user, date=TODAY - timedelta(days=10), kind="walking", minutes=30
    )
    edit = reverse("exercises:activity_edit", args=[old.date, old.pk])
    response = logged_in.get(edit)
    assert response.status_code == 400
    assert "You can fill in the last 7 days only." in page_of(response)
    assert logged_in.post(edit, {"kind": "walking", "minutes": "99"}).status_code == 400
    logged_in.post(reverse("exercises:activity_delete", args=[old.date, old.pk]))
    old.refresh_from_db()
    assert old.minutes == 30


# --- In History ---------------------------------------------------------------------------------


def test_history_lists_recent_activities_and_minutes_per_week(logged_in, user, walk):
    ActivityLog.objects.create(owner=user, date=TODAY, kind="yoga", minutes=20)
    ActivityLog.objects.create(
        owner=user, date=TODAY - timedelta(days=1), kind="walking", minutes=15
    )
    old = ActivityLog.objects.create(
        owner=user, date=TODAY - timedelta(days=20), kind="swimming", minutes=40
    )
    page = page_of(logged_in.get(reverse("exercises:history")))
    part = page[page.index('id="activities-heading"') :]
    part = part[: part.index("</section>")]
    text = text_of(part)
    monday = TODAY - timedelta(days=TODAY.weekday())
    last_monday = monday - timedelta(weeks=1)
    assert f"{monday.day} {monday:%b} 35 Yoga 20 min, Walking 15 min" in text
    assert f"{last_monday.day} {last_monday:%b} 30 Walking 30 min" in text
    assert "Tue 24 Nov: Yoga , 20 min" in text
    assert "Sat 21 Nov: Walking , 30 min (Park)" in text
    assert "Wed 4 Nov: Swimming , 40 min" in text
    # Only the days still open to back-filling can be edited.
    assert reverse("exercises:activity_edit", args=[walk.date, walk.pk]) in part
    assert reverse("exercises:activity_edit", args=[old.date, old.pk]) not in part


def test_history_with_only_activities_is_not_empty(logged_in, walk):
    page = page_of(logged_in.get(reverse("exercises:history")))
    assert "Nothing to show yet" not in page
    assert "Walking" in page


def test_history_invites_an_activity_when_there_is_none(logged_in, user, make_routine):
    make_routine(user)
    page = text_of(page_of(logged_in.get(reverse("exercises:history"))))
    assert "No walks, swims, yoga or other activities logged in the last 8 weeks." in page


# --- Query counts -------------------------------------------------------------------------------


def test_edit_page_and_history_query_counts_do_not_grow_with_activities(
    logged_in, user, walk, make_routine, django_assert_num_queries, django_assert_max_num_queries
):
    make_routine(user)
    edit = reverse("exercises:activity_edit", args=[walk.date, walk.pk])
    history = reverse("exercises:history")
    logged_in.get(history)
    move_user_version(user.pk)  # as the activities added below do: nothing is cached
    with django_assert_max_num_queries(20) as edit_few:
        logged_in.get(edit)
    with django_assert_max_num_queries(20) as history_few:
        logged_in.get(history)
    ActivityLog.objects.bulk_create(
        ActivityLog(owner=user, date=TODAY - timedelta(days=n % 50), kind="walking", minutes=10)
        for n in range(200)
    )
    move_user_version(user.pk)
    with django_assert_num_queries(len(edit_few)):
        logged_in.get(edit)
    with django_assert_num_queries(len(history_few)):
        logged_in.get(history)
