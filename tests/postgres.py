"""The PostgreSQL server for tests that open their own connections (gunicorn, the backend).

It is the suite's DATABASE_URL when that is PostgreSQL, else the local default, so these
tests run in the SQLite pass of the suite too.
"""

import os

import pytest

POSTGRES_DEFAULT = "postgres://postgres@127.0.0.1:5432/test"


def postgres_base_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else POSTGRES_DEFAULT


def require_postgres() -> str:
    """The server's URL; the test skips where none answers, and fails under CI=true."""
    try:
        import psycopg

        with psycopg.connect(postgres_base_url(), connect_timeout=3):
            return postgres_base_url()
    except Exception as error:  # any failure means "not here"
        problem = f"PostgreSQL not reachable at {postgres_base_url()}: {error}"
    if os.environ.get("CI") == "true":
        pytest.fail(problem)
    pytest.skip(problem)
