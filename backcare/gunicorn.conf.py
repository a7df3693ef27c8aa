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


def when_ready(server):
    """Load in the master what every worker would otherwise load on its first request:
    the URLconf with every view module it imports, its tables for reversing URL names,
    and the compiled templates (ours and the form widgets'). Workers are forked from the
    master (preload_app), so one started by max_requests answers at once instead of
    spending ~150 ms on imports and template parsing while requests queue behind it (the
    bench's p99 showed it).

    Then gc.freeze(), as Python's gc documentation advises before forking: the objects
    loaded so far are never scanned by a worker's garbage collections, which otherwise
    walk all of Django on every full collection (a pause felt in the slowest requests),
    and stay shared between the workers' memory pages."""
    import gc
    from pathlib import Path

    import django.forms
    from django.conf import settings
    from django.template.loader import get_template
    from django.urls import URLResolver, get_resolver

    def compile_for_reverse(resolver):
        """The first reverse() of a name in a namespace compiles that namespace's patterns
        (~25 ms) into the resolver's reverse_dict, which reading it does too."""
        resolver.reverse_dict  # noqa: B018 - read for its side effect
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                compile_for_reverse(pattern)

    get_resolver().check()  # imports the URLconf, and with it every view module
    compile_for_reverse(get_resolver())
    for folder in (
        Path(settings.BASE_DIR) / "templates",
        Path(django.forms.__file__).parent / "templates",
    ):
        for path in sorted(folder.rglob("*.html")):
            get_template(path.relative_to(folder).as_posix())
    gc.freeze()


def pre_fork(server, worker):
    """Never hand a database connection the master may have opened to a forked worker."""
    from django.db import connections

    connections.close_all()
