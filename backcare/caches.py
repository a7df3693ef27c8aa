"""The cache that every gunicorn worker on one host shares when there is no Redis."""

from diskcache import DjangoCache


class SharedDiskCache(DjangoCache):
    """diskcache's Django backend: a few SQLite files in one folder, which any number of
    processes on the host read and write safely. A write takes about 50 µs; Django's
    FileBasedCache lists its whole folder on every write (a few hundred µs with a handful
    of entries, milliseconds with a thousand sessions).

    Django closes every cache when a request ends. This one keeps its connections open
    between requests instead, as a persistent database connection does: reopening them
    cost about a millisecond a request. diskcache reopens them by itself in a forked
    worker, so none is ever shared between processes."""

    def close(self, **kwargs):
        pass
