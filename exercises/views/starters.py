"""Starter plans to copy with one click, and "Start today anyway" for a routine that
isn't planned today."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import starters as starter_plans
from ..forms import AddedNoticeForm
from ..models import Routine, SessionLog
from .routines import own_routine


@login_required
def starters(request):
    """GET lists the starters; POST copies one. Picked on a day it doesn't include, the
    page comes back with a notice offering to start it today anyway."""
    if request.method == "POST":
        starter = starter_plans.find(request.POST.get("starter", ""))
        if starter is None:
            messages.error(request, "That starter plan doesn't exist. Please choose one below.")
            return redirect("exercises:starters")
        routine = starter_plans.copy_to_plan(request.user, starter)
        if not starter.is_on(request.user.profile.today()):
            return redirect(reverse("exercises:starters") + f"?added={routine.pk}")
        messages.success(
            request, f"“{routine.name}” is now in your plan. Change anything you like below."
        )
        return redirect(routine)
    notice = AddedNoticeForm(request.GET)
    routine = (
        Routine.objects.for_user(request.user).filter(pk=notice.cleaned_data["added"]).first()
        if notice.is_valid()
        else None
    )
    today = request.user.profile.today()
    return render(
        request,
        "plan/starters.html",
        {
            "starters": starter_plans.all_starters(),
            "added": routine,
            "added_is_on_today": routine is not None and routine.is_on(today.weekday()),
            "today": today,
        },
    )


@login_required
@require_POST
def start_today(request, routine_id):
    """Put a routine on today's list just this once; its weekly days stay as they are.
    Starting it is its session for today, so pressing twice changes nothing more."""
    routine = own_routine(request, routine_id)
    if not routine.active:
        messages.error(request, f"“{routine.name}” is paused. Resume it in your plan first.")
        return redirect("exercises:plan")
    today = request.user.profile.today()
    if not routine.is_on(today.weekday()):
        with transaction.atomic():  # locked: the routine can't be deleted halfway
            routine = own_routine(request, routine_id, lock=True)
            SessionLog.for_routine_on(request.user, routine, today)
    messages.success(
        request,
        f"“{routine.name}” is on today's list, just for today. Its weekly days stay as they are.",
    )
    return redirect("exercises:today")
