"""Who is asking, and how often: the client's address behind a proxy, the login lock's
end time, the sign-up counter, and forgetting a user's login records.

django-axes does the login throttle itself; the callables here are the hooks its
settings name (AXES_CLIENT_IP_CALLABLE, AXES_USERNAME_CALLABLE, AXES_LOCKOUT_CALLABLE).
"""

import functools
import ipaddress
import math
import zoneinfo
from datetime import datetime, timedelta

from axes.helpers import get_client_cache_keys, get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.cache import caches
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

# --- The client's address -------------------------------------------------------------------


def _is_trusted_proxy(address: str) -> bool:
    """Whether `address` is one of FORWARDED_ALLOW_IPS (addresses or networks, or `*`),
    the same list gunicorn trusts with the X-Forwarded-* headers."""
    trusted = settings.BACKCARE_TRUSTED_PROXIES
    if "*" in trusted:
        return True
    try:
        peer = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in trusted:
        try:
            if peer in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request) -> str | None:
    """The address of the person making the request.

    Each of the BACKCARE_PROXY_COUNT proxies in front appends the address it received
    the request from to X-Forwarded-For, so the client is the entry that many places from
    the right. Anything further left was written by the client and is not trusted; so is
    the whole header when the request does not come from a trusted proxy."""
    peer = request.META.get("REMOTE_ADDR")
    count = settings.BACKCARE_PROXY_COUNT
    if not count or not peer or not _is_trusted_proxy(peer):
        return peer
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if not forwarded:
        return peer
    candidate = forwarded[-min(count, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer  # a proxy wrote something that is not an address: don't guess


# --- The login throttle ---------------------------------------------------------------------


def throttle_username(request, credentials) -> str | None:
    """The username the throttle counts under: lower-cased, as usernames are unique
    regardless of case, so "Alex" and "ALEX" share one count with "alex"."""
    data = credentials if credentials is not None else getattr(request, "POST", {})
    username = data.get(settings.AXES_USERNAME_FORM_FIELD) if data else None
    return username.lower() if isinstance(username, str) else username


def lock_ends_at(request, credentials) -> datetime:
    """When the current lock on this username and address lifts. Attempts during a lock
    don't count (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off), so this is the
    time of the failure that caused the lock plus the cool-off."""
    cool_off = get_cool_off(request)
    username = throttle_username(request, credentials)
    if settings.AXES_HANDLER.endswith("AxesDatabaseHandler"):
        last = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).aggregate(last=Max("attempt_time"))["last"]
        return (last or timezone.now()) + cool_off
    # The cache handler keeps only a count; the first lock response notes when it ends,
    # in the same (shared) cache and for as long as the count itself lives.
    cache = caches["shared"]
    keys = get_client_cache_keys(request, credentials)
    key = f"backcare:lock-ends:{keys[0]}"
    cache.add(key, timezone.now() + cool_off, timeout=math.ceil(cool_off.total_seconds()))
    return cache.get(key) or timezone.now() + cool_off


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def time_zone_for(request) -> zoneinfo.ZoneInfo | None:
    """The person's time zone if we know it: their profile's when logged in, else the
    one their browser filled into the form they sent (login and sign-up forms carry it)."""
    if request.user.is_authenticated:
        return request.user.profile.zone
    name = request.POST.get("time_zone", "") if request.method == "POST" else ""
    if name in _known_zones():
        return zoneinfo.ZoneInfo(name)
    return None


def when_context(request, ends_at: datetime) -> dict:
    """A moment in the person's own terms: a clock time in their zone, and minutes left.
    The time is the next whole minute after `ends_at`, so that someone who comes back at
    the minute shown is always past it."""
    zone = time_zone_for(request)
    stated = ends_at.replace(second=0, microsecond=0) + timedelta(minutes=1)
    local = timezone.localtime(stated, zone or zoneinfo.ZoneInfo("UTC"))
    left = max(stated - timezone.now(), timedelta(0))
    return {
        # Formatted here: a template would show an aware time in the active time zone.
        "ends_at": local.isoformat(),
        "ends_clock": local.strftime("%H:%M"),
        "ends_zone": str(zone) if zone else "UTC",
        "zone_known": zone is not None,
        "minutes_left": max(1, math.ceil(left.total_seconds() / 60)),
    }


def lockout_response(request, original_response=None, credentials=None):
    """The page shown while the login throttle holds, for a login or a password
    re-entry (deleting the account, changing the password)."""
    context = when_context(request, lock_ends_at(request, credentials))
    context["rechecking_password"] = request.user.is_authenticated
    return render(
        request, "registration/locked.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


# --- Sign-ups ------------------------------------------------------------------------------


def count_signup(request) -> datetime | None:
    """Count a sign-up attempt from this client's address. Returns None while the address
    is within BACKCARE_SIGNUP_LIMIT attempts an hour, else when its hour is up. Counted in
    the cache every worker shares."""
    cache = caches["shared"]
    window = settings.BACKCARE_SIGNUP_WINDOW
    seconds = math.ceil(window.total_seconds())
    key = f"backcare:signups:{client_ip(request) or 'unknown'}"
    cache.add(f"{key}:ends", timezone.now() + window, timeout=seconds)
    if cache.add(key, 1, timeout=seconds):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # the hour ran out between the two calls
            cache.add(key, 1, timeout=seconds)
            count = 1
    if count <= settings.BACKCARE_SIGNUP_LIMIT:
        return None
    return cache.get(f"{key}:ends") or timezone.now() + window


# --- Login records --------------------------------------------------------------------------


def forget_login_records(username: str) -> None:
    """Delete every login record axes kept for this username (any case): successful
    logins, failed attempts and the failure log, with their addresses and browsers."""
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        model.objects.filter(username__iexact=username).delete()


def expire_login_records() -> int:
    """Delete login records older than BACKCARE_LOGIN_RECORD_DAYS; returns how many."""
    cutoff = timezone.now() - timedelta(days=settings.BACKCARE_LOGIN_RECORD_DAYS)
    deleted = 0
    for model in (AccessLog, AccessFailureLog):
        deleted += model.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return deleted


def expire_login_records_now_and_then() -> None:
    """Run the expiry at most once a day per process, on the next login after that."""
    if caches["default"].add("backcare:login-records-expired", True, timeout=24 * 60 * 60):
        expire_login_records()
