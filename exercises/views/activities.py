"""Other activities (walking, yoga, swimming…) on a day: log one, change it, remove it.

The same back-fill window as sessions: today and the last few days can be logged, never
a future day. Each form carries a one-time submission key, so a replayed "Log activity"
stores one row (a unique constraint turns the second save into a no-op).
"""

import uuid
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import days
from ..forms import ActivityForm
from ..models import ActivityLog, save_existing
from .gone import ACTIVITY_GONE, Gone
from .today import day_url


def submission_key(request) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get("submission_key", ""))
    except ValueError:
        return None


def _refused(request, day: date) -> str | None:
    return days.logging_refused(request.user.profile.today(), day)


def _errors(form) -> str:
    return " ".join(error for errors in form.errors.values() for error in errors)


@login_required
@require_POST
def add(request, day):
    """Log an activity on `day` (today or a day in the back-fill window)."""
    problem = _refused(request, day)
    if problem:
        messages.error(request, problem)
        return redirect("exercises:today")
    form = ActivityForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"That activity wasn't saved: {_errors(form)}")
        return redirect(day_url(request, day))
    activity = form.save(commit=False)
    activity.owner = request.user
    activity.date = day
    activity.submission_key = submission_key(request)
    try:
        with transaction.atomic():
            activity.save()
    except IntegrityError:  # the same form sent twice
        messages.info(request, "That activity is already logged.")
        return redirect(day_url(request, day))
    messages.success(
        request, f"Logged {activity.minutes} minutes of {activity.get_kind_display().lower()}."
    )
    return redirect(day_url(request, day))


@login_required
@require_POST
def add_today(request):
    """Today's activity form, kept at its first address."""
    return add(request, request.user.profile.today())


def _own_activity(request, day: date, activity_id: int, *, lock: bool = False) -> ActivityLog:
    """The user's activity on `day`, or a 404 that says so. With `lock` (inside
    transaction.atomic) an edit and a delete take turns: a deleted one stays deleted."""
    activities = ActivityLog.objects.filter(owner=request.user, date=day)
    if lock:
        activities = activities.select_for_update()
    activity = activities.filter(pk=activity_id).first()
    if activity is None:
        raise Gone(ACTIVITY_GONE)
    return activity


@login_required
def edit(request, day, activity_id):
    """Change an activity's kind, minutes or notes; its day stays."""
    activity = _own_activity(request, day, activity_id)
    problem = _refused(request, day)
    if problem:
        return render(request, "today/refused.html", {"problem": problem, "day": day}, status=400)
    title = f"{activity.get_kind_display()} on {day:%A} {day.day} {day:%B}"  # before any edit
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            _own_activity(request, day, activity_id, lock=True)  # not deleted meanwhile
            saved = save_existing(form.save(commit=False), form.fields)
        if not saved:
            raise Gone(ACTIVITY_GONE)
        messages.success(
            request, f"Saved: {activity.get_kind_display()}, {activity.minutes} minutes."
        )
        return redirect(day_url(request, day))
    return render(
        request,
        "today/activity.html",
        {
            "activity": activity,
            "form": form,
            "title": title,
            "day": day,
            "today": request.user.profile.today(),
            "day_url": day_url(request, day),
        },
    )


@login_required
@require_POST
def delete(request, day, activity_id):
    activity = _own_activity(request, day, activity_id)
    problem = _refused(request, day)
    if problem:
        messages.error(request, problem)
        return redirect("exercises:today")
    with transaction.atomic():
        activity = _own_activity(request, day, activity_id, lock=True)
        activity.delete()
    messages.success(
        request, f"Removed {activity.get_kind_display().lower()} ({activity.minutes} minutes)."
    )
    return redirect(day_url(request, day))
