from django.contrib import admin
from django.urls import include, path

from exercises.views import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("exercises.urls")),
]

handler404 = "exercises.views.pages.not_found"
