"""Two gunicorn instances on one host, run by one user: neither shares, takes over or
deletes the other's control socket."""

import contextlib
import socket
import time
from pathlib import Path

import pytest

from tests.test_gunicorn import Client, Gunicorn, prepare_database

pytestmark = pytest.mark.slow


@pytest.fixture
def one_user_account(tmp_path, monkeypatch):
    """A home and a runtime directory of their own, as one user on one host has."""
    home, runtime = tmp_path / "home", tmp_path / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
    return tmp_path


@pytest.fixture
def database(one_user_account) -> str:
    url = f"sqlite:///{one_user_account / 'db.sqlite3'}"
    prepare_database(url)
    return url


def sockets_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_socket())


def answers(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX) as connection, contextlib.suppress(OSError):
        connection.connect(str(path))
        return True
    return False


def comes_up(path: Path, seconds: float = 10) -> bool:
    """gunicorn's master opens its control socket in a thread of its own once the workers
    are forked, so a worker may serve its first request before the socket is there."""
    deadline = time.monotonic() + seconds
    while not answers(path):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def serves(server: Gunicorn) -> bool:
    return Client(server.port).get("/healthz")[0] == 200


def test_by_default_no_instance_opens_a_shared_control_socket(one_user_account, database):
    first = Gunicorn(database, one_user_account / "first.log", workers=1).start()
    second = Gunicorn(database, one_user_account / "second.log", workers=1).start()
    try:
        assert sockets_under(one_user_account) == []
        first.stop()
        assert serves(second)
    finally:
        first.stop()
        second.stop()


def test_each_instance_may_have_a_control_socket_of_its_own(
    one_user_account, database, monkeypatch
):
    paths = [one_user_account / "first.ctl", one_user_account / "second.ctl"]
    servers = []
    try:
        for number, path in enumerate(paths):
            monkeypatch.setenv("GUNICORN_CONTROL_SOCKET", str(path))
            log = one_user_account / f"{number}.log"
            servers.append(Gunicorn(database, log, workers=1).start())
        for path in paths:
            assert comes_up(path)
        assert sockets_under(one_user_account) == sorted(paths)

        servers[0].stop()

        assert not paths[0].exists()
        assert answers(paths[1])
        assert serves(servers[1])
    finally:
        for server in servers:
            server.stop()
