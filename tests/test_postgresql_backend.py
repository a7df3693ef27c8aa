"""backcare.postgresql: Django's PostgreSQL backend with a health check that skips
`SELECT 1` while the connection is quiet, and still catches a connection that went away.

These open their own connection to the PostgreSQL server (tests/postgres.py), so they run
in the SQLite pass of the suite too.
"""

import select
import time

import dj_database_url
import pytest
from django.db.utils import ConnectionHandler

from tests.postgres import postgres_base_url, require_postgres


@pytest.fixture
def connection(django_db_blocker):
    database = dj_database_url.parse(
        require_postgres(), conn_max_age=60, conn_health_checks=True
    ) | {"ENGINE": "backcare.postgresql"}
    connection = ConnectionHandler({"default": database})["default"]
    with django_db_blocker.unblock():  # our own connection, not the suite's test database
        connection.ensure_connection()
        yield connection
        connection.close()


@pytest.fixture
def statements(connection, monkeypatch):
    """The statements the health check sends on the connection, as a list."""
    sent = []
    raw = connection.connection
    real_cursor = raw.cursor

    def cursor(*args, **kwargs):
        opened = real_cursor(*args, **kwargs)
        real_execute = opened.execute

        def execute(query, *rest, **options):
            sent.append(query)
            return real_execute(query, *rest, **options)

        opened.execute = execute
        return opened

    monkeypatch.setattr(raw, "cursor", cursor)
    return sent


def terminate_from_elsewhere(connection) -> None:
    """End the connection's server process, as a restart or an idle timeout would, and
    wait until the server's goodbye has reached the socket."""
    import psycopg

    pid = connection.connection.info.backend_pid
    with psycopg.connect(postgres_base_url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    poller = select.poll()
    poller.register(connection.connection.pgconn.socket, select.POLLIN)
    deadline = time.monotonic() + 5
    while not poller.poll(50) and time.monotonic() < deadline:
        pass


def test_a_quiet_connection_is_usable_without_a_round_trip(connection, statements):
    assert connection.is_usable() is True
    assert statements == []


def test_a_connection_the_server_ended_is_not_usable(connection):
    terminate_from_elsewhere(connection)
    assert connection.is_usable() is False


def test_the_next_request_reconnects_after_the_server_ended_the_connection(connection):
    old_pid = connection.connection.info.backend_pid
    terminate_from_elsewhere(connection)
    connection.close_if_unusable_or_obsolete()  # what request_started does
    with connection.cursor() as cursor:  # the request's first query runs the health check
        cursor.execute("SELECT pg_backend_pid()")
        (new_pid,) = cursor.fetchone()
    assert new_pid != old_pid


def test_an_open_transaction_gets_the_full_check(connection, statements):
    connection.set_autocommit(False)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 2")  # opens the transaction
    assert connection.is_usable() is True
    assert statements == ["SELECT 2", "SELECT 1"]
    connection.rollback()
    connection.set_autocommit(True)


def test_after_an_error_the_connection_gets_the_full_check(connection, statements):
    connection.errors_occurred = True
    assert connection.is_usable() is True
    assert statements == ["SELECT 1"]
