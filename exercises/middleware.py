"""A user's versions (part of the cache keys of their pages and of their plan) move once
after every request that may have changed their data.

State never changes on GET (a test walks the URL conf to prove it), so "any other method,
by a logged-in user" covers every write their own pages make, bulk `.update()` calls and
upserts included, which send no signals. While such a request runs, the receivers in
signals.py stay quiet, so each version moves exactly once per request: the user's version
always, their plan version unless the view is marked `@leaves_plan_alone`. The admin is
left to those signals: an edit there may touch anyone's rows, and the signals know whose.
"""

from contextvars import ContextVar

from django.http import HttpResponseNotAllowed

from .cache import move_plan_version, move_user_version

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}

# True while a logged-in user's state-changing request runs: its views only ever write
# that user's rows (ownership is in every query), and the version moves when it ends.
_request_moves_version: ContextVar[bool] = ContextVar(
    "backcare_request_moves_version", default=False
)


def request_moves_version() -> bool:
    return _request_moves_version.get()


class DataVersionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS or request.path.startswith("/admin/"):
            return self.get_response(request)
        if not request.user.is_authenticated:
            return self.get_response(request)
        user_id = request.user.pk
        token = _request_moves_version.set(True)
        try:
            response = self.get_response(request)
        finally:
            _request_moves_version.reset(token)
        # After the view's transactions have committed: a page rendered from the data as it
        # was before is stored under the old version, which nobody reads any more. A view
        # that failed halfway may have written something too, so errors move it as well.
        move_user_version(user_id)
        view = request.resolver_match.func if request.resolver_match else None
        if not getattr(view, "leaves_plan_alone", False):
            move_plan_version(user_id)
        return response


class GetAndPostOnlyMiddleware:
    """Every page here is read with GET (or HEAD) and changed with POST, as HTML forms do;
    any other method is answered 405 with the methods the site does use, rather than
    reaching views written for those two (a PUT would otherwise be served as a GET)."""

    ALLOWED = ("GET", "HEAD", "POST")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.ALLOWED:
            return HttpResponseNotAllowed(self.ALLOWED)
        return self.get_response(request)
