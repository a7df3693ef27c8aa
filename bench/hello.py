"""The bare Django "hello" view the benchmark measures every page against.

It runs through the whole of BackCare's middleware stack (bench/hello_settings.py only
swaps the URLconf), so the ratio to it is the cost of the page itself. `/me/` is the same
for a logged-in user: the session, user and profile lookups every logged-in page pays
before it does anything, measured as a floor for Today, the plan and a tick.
"""

from django.http import HttpResponse, HttpResponseForbidden
from django.urls import path


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


def hello_user(request):
    if not request.user.is_authenticated:
        return HttpResponseForbidden("log in first")
    return HttpResponse(f"hello {request.user.profile.time_zone}", content_type="text/plain")


urlpatterns = [path("", hello), path("me/", hello_user)]
