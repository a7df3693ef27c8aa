"""Loading the logged-in user: one query per request for the session, user and profile.

Every logged-in request needs the user and every page needs the profile (time zone, week
start, data version). Through the ORM, the session lookup and the user-with-profile
lookup cost more than the rest of a cached page. The session engine (exercises/sessions)
reads the session row with its user and profile in one plain query (exercises/rawsql.py);
`AuthenticationMiddleware` offers that user to Django's own `auth.get_user`, which still
does every check (the backend is allowed, the session hash matches, the user is active).
"""

from contextvars import ContextVar

from django.contrib import auth
from django.contrib.auth import middleware
from django.contrib.auth.backends import ModelBackend
from django.utils.functional import SimpleLazyObject

from . import rawsql

# The user the session row came with, while Django's get_user runs for this request.
_session_user: ContextVar = ContextVar("backcare_session_user", default=None)


class ProfileModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = _session_user.get()
        if user is None or user.pk != user_id:
            user = rawsql.user_with_profile(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def get_user(request):
    """`django.contrib.auth.get_user`, with the session's own user on offer."""
    if not hasattr(request, "_cached_user"):
        request.session.get(auth.SESSION_KEY)  # loads the session (and its user)
        token = _session_user.set(getattr(request.session, "preloaded_user", None))
        try:
            request._cached_user = auth.get_user(request)
        finally:
            _session_user.reset(token)
    return request._cached_user


class AuthenticationMiddleware(middleware.AuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))
