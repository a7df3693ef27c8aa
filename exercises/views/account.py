"""Sign-up, settings and the red-flag safety check."""

from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordChangeView
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import accounts, content, throttle
from ..export import export_user_data, write_sessions_csv
from ..forms import (
    DeleteAccountForm,
    PlayerSettingsForm,
    SafetyCheckForm,
    SettingsForm,
    SignupForm,
    ThrottledPasswordChangeForm,
)

ACCOUNT_BUSY = (
    "Your account was busy saving something from another device, so nothing was deleted. "
    "Please try again in a moment."
)

# The settings page holds two forms; a hidden field says which one was sent.
PLAYER_SECTION = "player"


def signup(request):
    if request.user.is_authenticated:
        return redirect("exercises:today")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and (paused_until := throttle.count_signup(request)):
        # A fresh form: a bound one would be validated to show it, saying whether the
        # username is taken, which is just what the pause holds back.
        typed = {name: request.POST.get(name, "") for name in ("username", "email", "time_zone")}
        context = {
            "form": SignupForm(initial=typed),
            "paused": throttle.when_context(request, paused_until),
        }
        return render(request, "registration/signup.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
                user.profile.time_zone = form.cleaned_data["time_zone"]
                user.profile.save(update_fields=["time_zone"])
        except IntegrityError:
            # Someone else took the name (in any case) between the form's check and ours.
            if not form.username_taken():
                raise
            form.add_error("username", form.username_taken_message)
            return render(request, "registration/signup.html", {"form": form})
        login(request, user, backend="exercises.auth.ProfileModelBackend")
        messages.success(request, f"Welcome, {user.username}. Your account is ready.")
        return redirect("exercises:safety_check")
    return render(request, "registration/signup.html", {"form": form})


class PasswordChange(PasswordChangeView):
    """Django's view, with the old password checked under the login throttle."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


@login_required
def settings_view(request):
    profile = request.user.profile
    sent_player = request.POST.get("section") == PLAYER_SECTION
    data = request.POST or None
    form = SettingsForm(None if sent_player else data, instance=profile)
    player_form = PlayerSettingsForm(data if sent_player else None, instance=profile)
    sent = player_form if sent_player else form
    if request.method == "POST" and sent.is_valid():
        sent.save()
        messages.success(request, "Your settings are saved.")
        return redirect(f"{reverse('exercises:settings')}{'#player' if sent_player else ''}")
    return render(
        request,
        "registration/settings.html",
        {"form": form, "player_form": player_form, "profile": profile},
    )


@login_required
def safety_check(request):
    """A short red-flag self-check. Only the date is kept unless the user asks otherwise."""
    profile = request.user.profile
    form = SafetyCheckForm(request.POST or None, none_apply=request.POST.get("answer") == "none")
    if request.method == "POST" and form.is_valid():
        yes = form.yes_answers()
        profile.safety_check_completed_on = profile.today()
        profile.safety_check_answers = (
            {flag["slug"]: form.cleaned_data[flag["slug"]] for flag in content.RED_FLAGS}
            if form.cleaned_data["keep_answers"]
            else None
        )
        profile.save(update_fields=["safety_check_completed_on", "safety_check_answers"])
        result = form.result()
        return render(
            request,
            "registration/safety_result.html",
            {
                "result": result,
                "advice": content.SAFETY_RESULTS[result],
                "yes": [
                    (flag, content.SAFETY_ACTIONS[flag.get("urgency") or flag["tier"]])
                    for flag in yes
                ],
                "note": content.SAFETY_NOTE,
                "stop_rules": content.STOP_RULES,
            },
        )
    return render(request, "registration/safety_check.html", {"form": form, "profile": profile})


@login_required
@require_POST
def regenerate_calendar_token(request):
    request.user.profile.regenerate_calendar_token()
    messages.success(request, "Your calendar link has changed. The old link no longer works.")
    return redirect("exercises:plan")


# --- Your data: export and delete ---------------------------------------------------------


@login_required
def export(request):
    """Everything the user has stored, as one JSON download."""
    if request.GET.get("download") != "json":
        return render(request, "registration/export.html")
    data = export_user_data(request.user)
    stamp = request.user.profile.today().isoformat()
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="backcare-{stamp}.json"'
    return response


@login_required
def export_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = request.user.profile.today().isoformat()
    response["Content-Disposition"] = f'attachment; filename="backcare-sessions-{stamp}.csv"'
    write_sessions_csv(request.user, response)
    return response


def _end_other_sessions(request) -> None:
    """Log the user out on every other device (from the cache as well, with Redis).
    A session names its user only inside its signed data, so each live one is decoded:
    deleting an account is rare, and this keeps Django's session table as it is."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    live = Session.objects.filter(expire_date__gt=timezone.now()).exclude(
        session_key=request.session.session_key
    )
    for session in live.iterator():
        if session.get_decoded().get(SESSION_KEY) == str(request.user.pk):
            store(session_key=session.session_key).delete()


@login_required
def delete_account(request):
    form = DeleteAccountForm(request, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # The other devices first, so they stop sending ticks; this one stays logged in
        # until the account is gone, in case it can't be deleted just now.
        _end_other_sessions(request)
        try:
            # Cascades to the profile, routines, sessions, checks and activities; the
            # login records go with it too (signals.forget_deleted_users_logins).
            accounts.delete_account(request.user.pk)
        except accounts.AccountBusy:
            form.add_error(None, ACCOUNT_BUSY)
            status = 409
        else:
            logout(request)
            messages.success(request, "Your account and all of its data have been deleted.")
            return redirect("exercises:home")
    counts = {
        "routines": request.user.routines.count(),
        "sessions": request.user.session_logs.count(),
        "activities": request.user.activities.count(),
    }
    context = {
        "form": form,
        "counts": counts,
        "login_record_days": settings.BACKCARE_LOGIN_RECORD_DAYS,
    }
    return render(request, "registration/delete_account.html", context, status=status)
