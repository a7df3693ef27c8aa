"""The cache every worker on one host shares (sessions, version tokens, throttle counts)
when there is no Redis: diskcache's SQLite files, through backcare.caches.SharedDiskCache."""

import multiprocessing
import sqlite3

from backcare.caches import SharedDiskCache


def _write_in_another_process(location: str, key: str, value: str) -> None:
    SharedDiskCache(location, {}).set(key, value, None)


def test_a_write_in_one_process_is_read_in_another(tmp_path):
    cache = SharedDiskCache(str(tmp_path), {})
    assert cache.get("token") is None
    other = multiprocessing.get_context("spawn").Process(
        target=_write_in_another_process, args=(str(tmp_path), "token", "from-elsewhere")
    )
    other.start()
    other.join(30)
    assert other.exitcode == 0
    assert cache.get("token") == "from-elsewhere"


def test_the_end_of_a_request_does_not_reopen_its_files(tmp_path, monkeypatch):
    """Django closes every cache when a request ends; reopening diskcache's SQLite files
    on the next request would cost about a millisecond."""
    cache = SharedDiskCache(str(tmp_path), {})
    cache.set("kept", "yes")
    cache.get("kept")
    opened = []
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: opened.append(a) or connect(*a, **k))
    cache.close()  # what Django's request_finished handler calls
    assert cache.get("kept") == "yes"
    cache.set("kept", "still")
    assert opened == []


def test_add_and_incr_are_atomic_across_writers(tmp_path):
    first, second = SharedDiskCache(str(tmp_path), {}), SharedDiskCache(str(tmp_path), {})
    assert first.add("counter", 0) is True
    assert second.add("counter", 5) is False
    first.incr("counter")
    second.incr("counter")
    assert first.get("counter") == 2
