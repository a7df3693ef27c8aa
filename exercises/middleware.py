"""Bump a user's data version after every request that may have changed their data.

State never changes on GET (a test walks the URL conf to prove it), so "any other method,
by a logged-in user" covers every write their pages can make, including bulk `.update()`
calls that send no signals. A write through the admin may touch anyone's data, so it moves
every user's version; that is rare and only costs a re-render.
"""

from django.db.models import F

from .models import Profile

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def data_version_moved(request) -> None:
    """Tell the middleware that this request already moved the user's data version (a
    tick does it in the same statement as its write), so it needn't again."""
    request._data_version_moved = True


class DataVersionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in SAFE_METHODS
            or response.status_code >= 500
            or getattr(request, "_data_version_moved", False)
        ):
            return response
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        profiles = Profile.objects.all()
        if not request.path.startswith("/admin/"):
            profiles = profiles.filter(user_id=user.pk)
        profiles.update(data_version=F("data_version") + 1)
        return response
