"""The bare Django "hello" view the benchmark measures every page against.

It runs through the whole of BackCare's middleware stack (bench/hello_settings.py only
swaps the URLconf), so the ratio to it is the cost of the page itself.
"""

from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("", hello)]
