"""gunicorn settings. Workers from WEB_CONCURRENCY (default 2 x cores + 1)."""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
wsgi_app = "backcare.wsgi:application"
accesslog = "-"
errorlog = "-"
access_log_format = (
    'remote=%(h)s method=%(m)s path="%(U)s" status=%(s)s bytes=%(B)s duration_ms=%(M)s'
)
timeout = 30
graceful_timeout = 20
keepalive = 5
# Restart workers now and then so a slow leak can never take the site down. The app is
# loaded once in the master and workers are forked from it, so a restart costs a fork, not
# a fresh import of Django (which, every 2000 requests, ate a third of the CPU under load).
max_requests = 2000
max_requests_jitter = 200
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (for `gunicornc`) is by default one path per user account,
# $XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl: a second instance on the host
# takes it over, and whichever stops first deletes it. So it is off unless
# GUNICORN_CONTROL_SOCKET gives this instance a path of its own.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True


def pre_fork(server, worker):
    """Never hand a database connection the master may have opened to a forked worker."""
    from django.db import connections

    connections.close_all()
