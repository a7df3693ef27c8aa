"""Page caching that can never serve stale or someone else's data.

Every key carries versions read from the database, so one gunicorn worker's local cache
can't outlive a change made through another worker:
- the catalog version is the number of exercises and their latest `updated_at` (any admin
  edit or catalog load moves it; link changes touch `updated_at` through signals);
- a user's data version (`Profile.data_version`) is bumped after every state-changing
  request they make (see `middleware.DataVersionMiddleware`), so Today, the plan and
  history are re-rendered after any tick, log or edit.
"""

import functools
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

# The catalog changes a few times a year; reading its version costs a query. Each process
# keeps what it read for a moment: an edit shows at once in the process that made it (the
# signals below forget the memo) and within CATALOG_VERSION_SECONDS everywhere else.
_memo = {"version": None, "until": 0.0}


def catalog_version() -> str:
    """A fingerprint of the catalog rows: their number and latest `updated_at`."""
    now = time.monotonic()
    if _memo["version"] is not None and now < _memo["until"]:
        return _memo["version"]
    from .models import Exercise

    stats = Exercise.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    latest = stats["latest"].timestamp() if stats["latest"] else 0
    version = f"{stats['count']}.{latest}"
    _memo.update(version=version, until=now + settings.CATALOG_VERSION_SECONDS)
    return version


def forget_catalog_version() -> None:
    _memo.update(version=None, until=0.0)


def touch_catalog() -> None:
    """Move the catalog version after a change that doesn't save an Exercise row."""
    from django.utils import timezone

    from .models import Exercise

    Exercise.objects.update(updated_at=timezone.now())
    forget_catalog_version()


def _from_cache(key: str):
    cached = cache.get(key)
    if cached is None:
        return None
    content, headers = cached
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def _store(request, key: str, response, *, may_embed_csrf=False) -> None:
    """Store a plain 200 page. A visitor page that used a CSRF token is never stored; an
    owner page may embed one, as long as it is for the secret in the browser's cookie (and
    that cookie is part of the key)."""
    if may_embed_csrf:
        secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
        csrf_ok = request.META.get("CSRF_COOKIE") == secret
    else:
        csrf_ok = not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    if response.status_code == 200 and not response.streaming and not response.cookies and csrf_ok:
        cache.set(key, (response.content, list(response.items())), settings.PAGE_CACHE_SECONDS)


def _cacheable_get(request) -> bool:
    return (
        request.method == "GET"
        and not request.GET
        and not request.headers.get("HX-Request")
        and not len(get_messages(request))
    )


def cache_page_for_visitors(view):
    """Whole-page cache for visitors without a session: the catalog pages are the same for
    every one of them. Anyone with a session or a pending message, any query string or
    HTMX request, and any page that used a CSRF token is rendered as usual."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.SESSION_COOKIE_NAME in request.COOKIES or not _cacheable_get(request):
            return view(request, *args, **kwargs)
        key = f"page:visitor:{catalog_version()}:{request.path}"
        response = _from_cache(key)
        if response is None:
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            _store(request, key, response)
        return response

    return wrapper


def cache_page_for_owner(view):
    """Whole-page cache for one logged-in user's own pages (Today, plan, history), keyed by
    their data version, the catalog version, their local date and their CSRF cookie (the
    page embeds a token for it). Use inside @login_required."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
        if not csrf_cookie or not _cacheable_get(request):
            return view(request, *args, **kwargs)
        profile = request.user.profile
        key = ":".join(
            [
                "page:owner",
                str(request.user.pk),
                str(profile.data_version),
                catalog_version(),
                profile.today().isoformat(),
                csrf_cookie,
                request.path,
            ]
        )
        response = _from_cache(key)
        if response is None:
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            patch_cache_control(response, private=True)
            _store(request, key, response, may_embed_csrf=True)
        return response

    return wrapper
