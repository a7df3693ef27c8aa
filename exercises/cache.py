"""Catalog caching: a version number in the cache is part of every cached fragment's key,
so one bump (on any edit in the admin or a catalog load) retires them all at once."""

import functools

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

VERSION_KEY = "catalog:version"


def catalog_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_catalog_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def cache_page_for_visitors(view):
    """Whole-page cache for visitors without a session (issue 6): the catalog pages are
    the same for every one of them. Anyone with a session or a pending message, any query
    string or HTMX request, and any page that used a CSRF token is rendered as usual,
    so nothing personal can ever be served to someone else. Keyed by the catalog version."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        cacheable = (
            request.method == "GET"
            and not request.GET
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.headers.get("HX-Request")
        )
        if not cacheable:
            return view(request, *args, **kwargs)
        key = f"page:v{catalog_version()}:{request.path}"
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            patch_vary_headers(response, ["Cookie"])
            cache.set(
                key, (response.content, list(response.items())), settings.CATALOG_CACHE_SECONDS
            )
        return response

    return wrapper
