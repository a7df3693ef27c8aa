"""Page caching that can never serve stale or someone else's data.

Every key carries a version, and a change moves the version rather than deleting keys:
- the catalog version is the number of exercises and their latest `updated_at`, read from
  the database (any admin edit or catalog load moves it; link changes touch `updated_at`
  through signals);
- a user's version is a random token kept in the cache every worker shares (the
  "shared" alias: files on one host, Redis beyond it); entries under it may live in each
  process's own memory (the default alias). It is replaced after every state-changing
  request the user makes (`middleware.DataVersionMiddleware`) and after any other write
  to their rows (signals), so Today, the plan and history are read afresh after any
  tick, log or edit. A token is never reused: a page stored under an old one, even by a
  request that read the data just before a change, is never served again, and a token
  the cache drops is simply replaced by a new one;
- a user's plan version is a second token of the same kind for the part of their data a
  tick only reads: their routines, the routines' items and their flare-ups. Every change
  moves it too, except a request whose view is marked `@leaves_plan_alone` (ticks, pain
  and session notes), so the next tick finds the plan still cached;
- a user's account version names their user row and profile, for the cached user record.
"""

import functools
import hashlib
import secrets
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache, caches
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


def _token(key: str) -> str:
    shared = caches["shared"]
    token = shared.get(key)
    if token is None:
        shared.add(key, secrets.token_hex(8), None)
        token = shared.get(key)  # whichever worker added it first
    return token or ""


def user_version(user_id) -> str:
    """The token naming the current state of this user's data: routines, logs, checks,
    activities, flare-ups, and their account and settings."""
    return _token(f"user-version:{user_id}")


def move_user_version(user_id) -> None:
    """After a change to this user's data: everything cached under the old token is left
    to expire."""
    caches["shared"].set(f"user-version:{user_id}", secrets.token_hex(8), None)


def plan_version(user_id) -> str:
    """The token naming the current state of this user's plan: routines, their items and
    flare-ups."""
    return _token(f"plan-version:{user_id}")


def move_plan_version(user_id) -> None:
    caches["shared"].set(f"plan-version:{user_id}", secrets.token_hex(8), None)


def leaves_plan_alone(view):
    """Mark a view whose writes never touch the user's plan (routines, items, flare-ups):
    after its requests `DataVersionMiddleware` moves the user's version but not their plan
    version. Like Django's `csrf_exempt`, the mark is an attribute of the view function,
    which the middleware reads from `request.resolver_match`."""
    view.leaves_plan_alone = True
    return view


def account_version(user_id) -> str:
    """The token naming the current state of the user's own row and profile only, which
    changes far less often than their data (a tick moves the data version, not this)."""
    return _token(f"account-version:{user_id}")


def move_account_version(user_id) -> None:
    caches["shared"].set(f"account-version:{user_id}", secrets.token_hex(8), None)


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


def _cacheable_get(request, *, query: bool = False) -> bool:
    return (
        request.method == "GET"
        and (query or not request.GET)
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


def cache_page_for_owner(view=None, *, query: bool = False):
    """Whole-page cache for one logged-in user's pages, keyed by their version, the
    catalog version, their local date and their CSRF cookie (the page embeds a token for
    it). For their own pages (Today, plan, history: inside @login_required), and with
    `query` for the catalog's pages as they see them, whose filters are in the query
    string. Anyone not logged in is served by the view as usual."""
    if view is None:
        return functools.partial(cache_page_for_owner, query=query)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
        if (
            not csrf_cookie
            or not request.user.is_authenticated
            or not _cacheable_get(request, query=query)
        ):
            return view(request, *args, **kwargs)
        profile = request.user.profile
        # Any query string, as given: a refused value shows its own message.
        where = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = ":".join(
            [
                "page:owner",
                str(request.user.pk),
                user_version(request.user.pk),
                catalog_version(),
                profile.today().isoformat(),
                csrf_cookie,
                where,
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
