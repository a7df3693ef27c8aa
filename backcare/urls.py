from django.contrib import admin
from django.contrib.auth.views import PasswordResetView
from django.urls import include, path

from exercises.forms import BackgroundPasswordResetForm
from exercises.views import account, health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Before Django's auth URLs, so these answer: the old password is checked under the
    # login throttle, and the reset mail goes out after the answer.
    path("accounts/password_change/", account.PasswordChange.as_view(), name="password_change"),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=BackgroundPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("exercises.urls")),
]

handler404 = "exercises.views.pages.not_found"
