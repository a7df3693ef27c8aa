"""Hand-written SQL for the hottest paths: every logged-in request, and a tick.

Compiling an ORM query costs far more than running it: `make inprocess` times loading the
user with their profile at 322 µs through the ORM and 46 µs as the same SQL on a cursor
(SQLite, the bench machine). Every logged-in request reads its session, user and profile,
and a tick adds an item lookup, a write and a progress count, so those few statements are
written here once per process. The SQL is built from the models' own metadata (table and column
names, the backend's quoting and its value converters), and reads still return real model
instances. Everything else uses the ORM; tests/test_rawsql.py checks each of these against
what the ORM gives, on SQLite and on PostgreSQL.
"""

import functools

from django.contrib.auth import get_user_model
from django.db import connections, transaction
from django.db.models import Model
from django.utils import timezone


class Columns:
    """The concrete columns of one model under a table alias: the SELECT list for them,
    and the model instance (with the backend's converters applied) from a row slice."""

    def __init__(self, model: type[Model], alias: str, connection, only=None):
        """`only`: field names to load (the rest are deferred, as with `.only()`)."""
        quote = connection.ops.quote_name
        fields = [
            field
            for field in model._meta.concrete_fields
            if only is None or field.primary_key or field.name in only
        ]
        self.model = model
        self.attnames = [field.attname for field in fields]
        self.pk_index = self.attnames.index(model._meta.pk.attname)
        self.select = ", ".join(f"{quote(alias)}.{quote(field.column)}" for field in fields)
        self.table = f"{quote(model._meta.db_table)} {quote(alias)}"
        self.converters = []  # (column expression, its converters) per field
        for field in fields:
            column = field.get_col(alias)
            converters = connection.ops.get_db_converters(column)
            self.converters.append((column, converters + column.get_db_converters(connection)))

    def __len__(self) -> int:
        return len(self.attnames)

    def instance(self, connection, values) -> Model | None:
        """The instance for this slice of a row; None when an outer join matched nothing."""
        if values[self.pk_index] is None:
            return None
        converted = []
        for (column, converters), value in zip(self.converters, values, strict=True):
            for converter in converters:
                value = converter(value, column, connection)
            converted.append(value)
        return self.model.from_db(connection.alias, self.attnames, converted)


def _fetch_one(using: str, sql: str, params, *parts: Columns):
    """Run a one-row SELECT; return an instance per part (None for an unmatched outer
    join), or None when there is no row."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    instances, start = [], 0
    for part in parts:
        instances.append(part.instance(connection, row[start : start + len(part)]))
        start += len(part)
    return instances


def _attach(instance, field_name: str, related) -> None:
    """What select_related does for a forward relation: no query on access."""
    instance._meta.get_field(field_name).set_cached_value(instance, related)


def _column(connection, alias: str, model: type[Model], field_name: str) -> str:
    quote = connection.ops.quote_name
    return f"{quote(alias)}.{quote(model._meta.get_field(field_name).column)}"


# --- Every logged-in request: the session row with its user and their profile ----------


@functools.cache
def _live_session_with_user(alias: str) -> tuple[str, Columns, Columns, Columns]:
    from .models import Profile, UserSession

    connection = connections[alias]
    user_model = get_user_model()
    sessions = Columns(UserSession, "s", connection)
    users = Columns(user_model, "u", connection)
    profiles = Columns(Profile, "p", connection)
    user_pk = _column(connection, "u", user_model, user_model._meta.pk.name)
    session_user = _column(connection, "s", UserSession, "user")
    profile_user = _column(connection, "p", Profile, "user")
    sql = (
        f"SELECT {sessions.select}, {users.select}, {profiles.select} FROM {sessions.table} "
        f"LEFT OUTER JOIN {users.table} ON {user_pk} = {session_user} "
        f"LEFT OUTER JOIN {profiles.table} ON {profile_user} = {user_pk} "
        f"WHERE {_column(connection, 's', UserSession, 'session_key')} = %s "
        f"AND {_column(connection, 's', UserSession, 'expire_date')} > %s"
    )
    return sql, sessions, users, profiles


def live_session_with_user(session_key: str, using: str = "default"):
    """(session, user) for the unexpired `UserSession` with this key, the user with
    their profile attached (None for a visitor's session), or None."""
    sql, *parts = _live_session_with_user(using)
    now = connections[using].ops.adapt_datetimefield_value(timezone.now())
    found = _fetch_one(using, sql, [session_key, now], *parts)
    if found is None:
        return None
    session, user, profile = found
    return session, _with_profile(user, profile)


@functools.cache
def _user_with_profile(alias: str) -> tuple[str, Columns, Columns]:
    from .models import Profile

    connection = connections[alias]
    user_model = get_user_model()
    users = Columns(user_model, "u", connection)
    profiles = Columns(Profile, "p", connection)
    user_pk = _column(connection, "u", user_model, user_model._meta.pk.name)
    sql = (
        f"SELECT {users.select}, {profiles.select} FROM {users.table} "
        f"LEFT OUTER JOIN {profiles.table} ON {_column(connection, 'p', Profile, 'user')} "
        f"= {user_pk} WHERE {user_pk} = %s"
    )
    return sql, users, profiles


def user_with_profile(user_id, using: str = "default"):
    """The user with their profile attached, as `select_related("profile")` would give
    it, or None. A user without a profile row gets none attached."""
    sql, users, profiles = _user_with_profile(using)
    found = _fetch_one(using, sql, [user_id], users, profiles)
    if found is None:
        return None
    return _with_profile(*found)


def _with_profile(user, profile):
    """What select_related("profile") does: each side knows the other, no query."""
    if user is not None and profile is not None:
        type(user).profile.related.set_cached_value(user, profile)
        _attach(profile, "user", user)
    return user


# --- A tick (exercises/views/today.py: check), the hottest write ------------------------


@functools.cache
def _owned_item(alias: str, with_session: bool) -> tuple[str, list[Columns]]:
    from .models import Exercise, Routine, RoutineItem, SessionLog

    connection = connections[alias]

    def column(alias, model, name):
        return _column(connection, alias, model, name)

    parts = [
        Columns(RoutineItem, "i", connection),
        Columns(Routine, "r", connection),
        # What a check row shows (name, link, dose); the long texts stay deferred.
        Columns(Exercise, "e", connection, only={"slug", "name", "per_side"}),
    ]
    sql = (
        f"FROM {parts[0].table} "
        f"INNER JOIN {parts[1].table} "
        f"ON {column('r', Routine, 'id')} = {column('i', RoutineItem, 'routine')} "
        f"INNER JOIN {parts[2].table} "
        f"ON {column('e', Exercise, 'id')} = {column('i', RoutineItem, 'exercise')} "
    )
    if with_session:  # the routine's session on the day, if there is one yet
        parts.append(Columns(SessionLog, "s", connection))
        sql += (
            f"LEFT OUTER JOIN {parts[3].table} "
            f"ON {column('s', SessionLog, 'routine')} = {column('r', Routine, 'id')} "
            f"AND {column('s', SessionLog, 'owner')} = {column('r', Routine, 'owner')} "
            f"AND {column('s', SessionLog, 'date')} = %s "
        )
    sql += f"WHERE {column('i', RoutineItem, 'id')} = %s AND {column('r', Routine, 'owner')} = %s"
    select = ", ".join(part.select for part in parts)
    return f"SELECT {select} {sql}", parts


def owned_item(item_id: int, owner_id: int, using: str = "default"):
    """The routine item with its routine and exercise attached, if the routine is this
    owner's; else None."""
    found = _owned(using, None, item_id, owner_id)
    return found and found[0]


def owned_item_on(item_id: int, owner_id: int, day, using: str = "default"):
    """`owned_item` and, in the same query, its routine's session on `day` (None if
    there is none yet): (item, session), or None when the item isn't this owner's."""
    return _owned(using, day, item_id, owner_id)


def _owned(using: str, day, item_id: int, owner_id: int):
    sql, parts = _owned_item(using, day is not None)
    params = [item_id, owner_id]
    if day is not None:
        params.insert(0, connections[using].ops.adapt_datefield_value(day))
    found = _fetch_one(using, sql, params, *parts)
    if found is None:
        return None
    item, routine, exercise, *session = found
    _attach(item, "routine", routine)
    _attach(item, "exercise", exercise)
    return (item, *session)


@functools.cache
def _upsert_check(alias: str) -> str:
    from .models import ExerciseCheck

    quote = connections[alias].ops.quote_name
    names = ["session", "exercise", "item", "status", "checked_at"]
    columns = [quote(ExerciseCheck._meta.get_field(name).column) for name in names]
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns[2:])
    return (
        f"INSERT INTO {quote(ExerciseCheck._meta.db_table)} ({', '.join(columns)}) "
        f"VALUES (%s, %s, %s, %s, %s) "
        f"ON CONFLICT ({columns[0]}, {columns[1]}) DO UPDATE SET {updates}"
    )


@functools.cache
def _delete_check(alias: str) -> str:
    from .models import ExerciseCheck

    connection = connections[alias]
    quote = connection.ops.quote_name
    return (
        f"DELETE FROM {quote(ExerciseCheck._meta.db_table)} "
        f"WHERE {quote(ExerciseCheck._meta.get_field('session').column)} = %s "
        f"AND {quote(ExerciseCheck._meta.get_field('exercise').column)} = %s"
    )


@functools.cache
def _move_data_version(alias: str) -> str:
    from .models import Profile

    quote = connections[alias].ops.quote_name
    version = quote(Profile._meta.get_field("data_version").column)
    return (
        f"UPDATE {quote(Profile._meta.db_table)} SET {version} = {version} + 1 "
        f"WHERE {quote(Profile._meta.get_field('user').column)} = %s"
    )


def record_check(
    owner_id: int, session_id: int, exercise_id: int, item_id, status, using: str = "default"
) -> None:
    """Set one exercise's check in a session (status "done" or "hurt") or clear it (None),
    and move the owner's data version, atomically.

    Setting is one INSERT … ON CONFLICT DO UPDATE on the unique (session, exercise), so
    concurrent ticks can't duplicate it and the last write wins. PostgreSQL runs the
    version bump and the write as one statement (a data-modifying WITH), which saves the
    BEGIN and COMMIT round trips; SQLite, in-process, runs both in one transaction. No
    signals are sent: the version move is done here."""
    connection = connections[using]
    if status is None:
        write = _delete_check(using), [session_id, exercise_id]
    else:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        write = _upsert_check(using), [session_id, exercise_id, item_id, status, now]
    bump = _move_data_version(using), [owner_id]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"WITH moved AS ({bump[0]}) {write[0]}", bump[1] + write[1])
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(*bump)
        cursor.execute(*write)


@functools.cache
def _day_progress(alias: str) -> str:
    from .models import ExerciseCheck, Routine, RoutineItem, SessionLog

    connection = connections[alias]
    quote = connection.ops.quote_name

    def column(alias, model, name):
        return _column(connection, alias, model, name)

    return (
        f"SELECT COUNT(*), COUNT({column('c', ExerciseCheck, 'id')}) "
        f"FROM {quote(RoutineItem._meta.db_table)} {quote('i')} "
        f"INNER JOIN {quote(Routine._meta.db_table)} {quote('r')} "
        f"ON {column('r', Routine, 'id')} = {column('i', RoutineItem, 'routine')} "
        f"LEFT OUTER JOIN {quote(SessionLog._meta.db_table)} {quote('s')} "
        f"ON {column('s', SessionLog, 'routine')} = {column('r', Routine, 'id')} "
        f"AND {column('s', SessionLog, 'owner')} = {column('r', Routine, 'owner')} "
        f"AND {column('s', SessionLog, 'date')} = %s "
        f"LEFT OUTER JOIN {quote(ExerciseCheck._meta.db_table)} {quote('c')} "
        f"ON {column('c', ExerciseCheck, 'session')} = {column('s', SessionLog, 'id')} "
        f"AND {column('c', ExerciseCheck, 'exercise')} = {column('i', RoutineItem, 'exercise')} "
        f"AND {column('c', ExerciseCheck, 'status')} = %s "
        f"WHERE {column('r', Routine, 'owner')} = %s AND {column('r', Routine, 'active')} = %s "
        f"AND {column('i', RoutineItem, 'paused')} = %s "
        f"AND ({column('r', Routine, 'weekdays')} & %s) <> 0"
    )


def day_progress(owner_id: int, day, using: str = "default") -> tuple[int, int]:
    """(done, total) over the day's scheduled, unpaused items of the owner's active
    routines, as the Today page counts them."""
    from .models import ExerciseCheck

    connection = connections[using]
    params = [
        connection.ops.adapt_datefield_value(day),
        ExerciseCheck.Status.DONE.value,
        owner_id,
        True,
        False,
        1 << day.weekday(),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_day_progress(using), params)
        total, done = cursor.fetchone()
    return done, total
