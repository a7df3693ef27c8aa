from django.contrib import admin
from django.urls import include, path

from exercises.views import account, health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Before Django's auth URLs, so this one answers: it checks the old password under the
    # login throttle.
    path("accounts/password_change/", account.PasswordChange.as_view(), name="password_change"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("exercises.urls")),
]

handler404 = "exercises.views.pages.not_found"
