"""exercises/rawsql.py: each hand-written query gives what its ORM equivalent gives.

The suite runs on SQLite and again on PostgreSQL (.ci/run), so these hold on both."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.db import IntegrityError
from django.db.models import Count, Exists, F, OuterRef, Q
from django.test import RequestFactory
from django.utils import timezone

from exercises import rawsql
from exercises.auth import get_user
from exercises.models import (
    ExerciseCheck,
    Profile,
    RoutineItem,
    SessionLog,
    UserSession,
)
from exercises.sessions.db import SessionStore
from exercises.views.today import _build_day

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 23)


def field_values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


# --- The session, the user and the profile (every logged-in request) ---------------------


def test_user_with_profile_equals_the_orm_and_needs_no_query_for_the_profile(
    make_user, django_assert_num_queries
):
    user = make_user(
        "sam",
        time_zone="Europe/Lisbon",
        week_start=6,
        reminder_time=time(7, 30),
        weekly_goal=4,
        safety_check_completed_on=date(2026, 11, 2),
        safety_check_answers={"numbness": False, "fever": False},
        pain_notice_acknowledged_at=datetime(2026, 11, 20, 9, 15, tzinfo=UTC),
    )
    expected = get_user_model().objects.select_related("profile").get(pk=user.pk)
    with django_assert_num_queries(1):
        loaded = rawsql.user_with_profile(user.pk)
        profile = loaded.profile
        assert profile.user is loaded
    assert field_values(loaded) == field_values(expected)
    assert field_values(profile) == field_values(expected.profile)
    assert timezone.is_aware(loaded.date_joined)
    assert timezone.is_aware(profile.pain_notice_acknowledged_at)
    assert profile.safety_check_answers == {"numbness": False, "fever": False}
    assert loaded._state.adding is False
    assert loaded._state.db == "default"


def test_user_with_profile_for_a_missing_user_or_profile(make_user):
    assert rawsql.user_with_profile(987654) is None
    user = make_user("sam")
    Profile.objects.filter(user=user).delete()
    loaded = rawsql.user_with_profile(user.pk)
    assert loaded.username == "sam"
    with pytest.raises(Profile.DoesNotExist):
        loaded.profile  # noqa: B018


def test_live_session_with_user_brings_the_user_and_profile_and_skips_expired_rows(
    user, django_assert_num_queries
):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store["note"] = "hello"
    store.create()
    stored = UserSession.objects.get(pk=store.session_key)
    assert stored.user_id == user.pk  # the engine fills the column from the session data
    with django_assert_num_queries(1):
        session, loaded = rawsql.live_session_with_user(store.session_key)
        assert loaded.profile.user is loaded
    assert field_values(session) == field_values(stored)
    assert field_values(loaded) == field_values(get_user_model().objects.get(pk=user.pk))
    assert field_values(loaded.profile) == field_values(Profile.objects.get(user=user))

    UserSession.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert rawsql.live_session_with_user(store.session_key) is None


def test_a_visitors_session_has_no_user():
    store = SessionStore()
    store["note"] = "hello"
    store.create()
    session, user = rawsql.live_session_with_user(store.session_key)
    assert user is None
    assert session.get_decoded() == {"note": "hello"}


def test_session_store_reads_live_sessions_and_forgets_dead_ones():
    store = SessionStore()
    store["note"] = "hello"
    store.create()
    assert SessionStore(store.session_key)["note"] == "hello"

    UserSession.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.get("note") is None
    assert expired.session_key is None  # a fresh session gets a new key

    unknown = SessionStore("x" * 32)
    assert unknown.load() == {}
    assert unknown.session_key is None


def test_a_logged_in_request_loads_session_user_and_profile_in_one_query(
    logged_in, user, django_assert_num_queries
):
    request = RequestFactory().get("/")
    request.session = SessionStore(logged_in.cookies["sessionid"].value)
    with django_assert_num_queries(1):
        loaded = get_user(request)
        assert loaded.pk == user.pk
        assert loaded.profile.time_zone == user.profile.time_zone


def test_a_changed_password_still_logs_other_sessions_out(client, user, logged_in):
    """Django's checks still run on the user the session row brings (the session hash)."""
    assert logged_in.get("/today/").status_code == 200
    user.set_password("A-new-gentle-password-2026")
    user.save()
    response = logged_in.get("/today/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_inactive_user_is_logged_out(user, logged_in):
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    assert logged_in.get("/today/").status_code == 302


def test_logging_in_and_out_through_the_raw_session_read(client, user, logged_in):
    assert client.get("/today/").status_code == 200
    client.post("/accounts/logout/")
    response = client.get("/today/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- A tick -------------------------------------------------------------------------------


def test_owned_item_is_the_orm_item_with_routine_and_exercise_and_only_the_owners(
    user, other_user, make_routine, django_assert_num_queries
):
    routine = make_routine(user, slugs=("bridge", "plank"))
    item = routine.items.get(exercise__slug="plank")
    expected = RoutineItem.objects.select_related("routine", "exercise").get(pk=item.pk)
    with django_assert_num_queries(1):
        loaded = rawsql.owned_item(item.pk, user.pk)
        assert loaded.routine.name == routine.name
        # What a check row shows comes with it: name, link and dose.
        assert (loaded.exercise.name, loaded.exercise.get_absolute_url()) == (
            expected.exercise.name,
            "/exercises/plank/",
        )
        assert loaded.dose_label == expected.dose_label
    assert field_values(loaded) == field_values(expected)
    assert field_values(loaded.routine) == field_values(expected.routine)
    # The long texts are deferred, as with .only(), and still load when asked for.
    assert {"steps", "why", "cautions"} <= loaded.exercise.get_deferred_fields()
    assert field_values(loaded.exercise) == field_values(expected.exercise)
    assert rawsql.owned_item(item.pk, other_user.pk) is None
    assert rawsql.owned_item(987654, user.pk) is None


def test_owned_item_on_a_day_brings_that_days_session_of_the_routine(
    user, other_user, make_routine, django_assert_num_queries
):
    routine = make_routine(user)
    item = routine.items.select_related("exercise").first()
    assert rawsql.owned_item_on(item.pk, other_user.pk, MONDAY) is None
    loaded, session = rawsql.owned_item_on(item.pk, user.pk, MONDAY)
    assert loaded.pk == item.pk
    assert session is None  # no session yet: the first tick creates it

    other_routine = make_routine(user, "Evening")
    SessionLog.objects.create(owner=user, routine=other_routine, date=MONDAY)
    SessionLog.objects.create(owner=user, routine=routine, date=MONDAY + timedelta(days=1))
    monday = SessionLog.objects.create(
        owner=user, routine=routine, date=MONDAY, pain_before=3, notes="<b>stiff</b>"
    )
    with django_assert_num_queries(1):
        loaded, session = rawsql.owned_item_on(item.pk, user.pk, MONDAY)
        assert loaded.exercise.slug == item.exercise.slug
    assert field_values(session) == field_values(SessionLog.objects.get(pk=monday.pk))


def versions() -> dict:
    return dict(Profile.objects.values_list("user_id", "data_version"))


def test_record_check_upserts_in_place_and_moves_only_the_owners_version(
    user, other_user, make_routine, catalog
):
    routine = make_routine(user, slugs=("bridge", "plank"))
    item = routine.items.get(exercise__slug="plank")
    session = SessionLog.objects.create(owner=user, routine=routine, date=MONDAY)
    before = versions()
    rawsql.record_check(user.pk, session.pk, catalog["plank"].pk, item.pk, "done")
    first = ExerciseCheck.objects.get()
    assert (first.item_id, first.status) == (item.pk, "done")
    assert timezone.is_aware(first.checked_at)
    rawsql.record_check(user.pk, session.pk, catalog["plank"].pk, None, "hurt")
    again = ExerciseCheck.objects.get()
    assert (again.pk, again.item_id, again.status) == (first.pk, None, "hurt")
    assert again.checked_at >= first.checked_at
    assert versions() == {**before, user.pk: before[user.pk] + 2}


def test_record_check_clears_only_that_exercise_in_that_session(user, make_routine, catalog):
    routine = make_routine(user, slugs=("bridge", "plank"))
    monday = SessionLog.objects.create(owner=user, routine=routine, date=MONDAY)
    tuesday = SessionLog.objects.create(owner=user, routine=routine, date=MONDAY + timedelta(1))
    for session in (monday, tuesday):
        for slug in ("bridge", "plank"):
            ExerciseCheck.objects.create(session=session, exercise=catalog[slug])
    before = versions()
    rawsql.record_check(user.pk, monday.pk, catalog["plank"].pk, None, None)
    left = set(ExerciseCheck.objects.values_list("session__date", "exercise__slug"))
    assert left == {
        (MONDAY, "bridge"),
        (MONDAY + timedelta(1), "bridge"),
        (MONDAY + timedelta(1), "plank"),
    }
    assert versions()[user.pk] == before[user.pk] + 1


@pytest.mark.django_db(transaction=True)
def test_record_check_is_all_or_nothing(user, catalog):
    """A check for a session that doesn't exist fails when it commits (foreign keys are
    checked then), and the version bump goes with it."""
    before = versions()
    with pytest.raises(IntegrityError):
        rawsql.record_check(user.pk, 987654, catalog["plank"].pk, None, "done")
    assert versions() == before
    assert not ExerciseCheck.objects.exists()


def orm_day_progress(user, day: date) -> tuple[int, int]:
    """The same count through the ORM: what the tick used before rawsql."""
    rows = RoutineItem.objects.filter(
        routine__owner=user, routine__active=True, paused=False
    ).alias(day_bit=F("routine__weekdays").bitand(1 << day.weekday()))
    done_check = ExerciseCheck.objects.filter(
        session__routine=OuterRef("routine"),
        session__date=day,
        exercise=OuterRef("exercise"),
        status=ExerciseCheck.Status.DONE,
    )
    stats = rows.filter(day_bit__gt=0).aggregate(
        total=Count("id"), done=Count("id", filter=Q(Exists(done_check)))
    )
    return stats["done"], stats["total"]


def test_day_progress_counts_what_the_day_page_counts(user, other_user, make_routine, catalog):
    """Scheduled, unpaused items of active routines; done only (not hurt); that day only;
    the owner's only."""
    morning = make_routine(user, "Morning", days=(0, 2), slugs=("cat-cow", "bridge", "plank"))
    evening = make_routine(user, "Evening", days=(0,), slugs=("bridge", "knee-to-chest"))
    make_routine(user, "Weekend", days=(5, 6), slugs=("bridge",))
    make_routine(user, "Old", days=(0,), slugs=("plank",), active=False)
    theirs = make_routine(other_user, "Theirs", days=(0,), slugs=("bridge",))
    evening.items.filter(exercise__slug="knee-to-chest").update(paused=True)

    def check(routine, day, slug, status=ExerciseCheck.Status.DONE):
        session, _ = SessionLog.objects.get_or_create(
            owner=routine.owner, routine=routine, date=day
        )
        ExerciseCheck.objects.create(session=session, exercise=catalog[slug], status=status)

    check(morning, MONDAY, "cat-cow")
    check(morning, MONDAY, "plank", ExerciseCheck.Status.HURT)
    check(morning, MONDAY + timedelta(days=2), "bridge")  # Wednesday's, not Monday's
    check(evening, MONDAY, "bridge")
    check(evening, MONDAY, "knee-to-chest")  # paused: not counted
    check(theirs, MONDAY, "bridge")

    for day in (MONDAY, MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)):
        page = _build_day(user, day)
        assert rawsql.day_progress(user.pk, day) == (page["done"], page["total"])
        assert rawsql.day_progress(user.pk, day) == orm_day_progress(user, day)
    assert rawsql.day_progress(user.pk, MONDAY) == (2, 4)
    assert rawsql.day_progress(user.pk, MONDAY + timedelta(days=2)) == (1, 3)
    assert rawsql.day_progress(user.pk, MONDAY + timedelta(days=1)) == (0, 0)
