"""Django's PostgreSQL backend, with a health check that needs no round trip when it can.

With CONN_HEALTH_CHECKS on, Django checks a persistent connection before the first query
of every request by running `SELECT 1`: on a tick, a fifth round trip (`make inprocess`
times both checks on PostgreSQL). A connection that has gone away
almost always says so on its socket first: a server that restarts, an
`idle_session_timeout`, `pg_terminate_backend()` or a proxy closing it all send an error
or a FIN, which leaves the idle socket readable. So a connection that libpq thinks is fine,
that is outside any transaction and whose socket has nothing waiting is taken as usable;
anything else gets Django's own `SELECT 1`. A link that dies silently (no FIN) would hang
`SELECT 1` just as it hangs the request's first query, so nothing is lost there.
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        if self.connection is not None and not self.errors_occurred and self._quiet():
            return True
        return super().is_usable()

    def _quiet(self) -> bool:
        """libpq sees no trouble, no transaction is open and the server has sent nothing."""
        pgconn = self.connection.pgconn
        if (
            pgconn.status != pq.ConnStatus.OK
            or pgconn.transaction_status != pq.TransactionStatus.IDLE
        ):
            return False
        poller = select.poll()
        poller.register(pgconn.socket, select.POLLIN | select.POLLPRI)
        return not poller.poll(0)
