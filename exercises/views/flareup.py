"""Flare-up mode: the page that explains it, starting and ending it, and ticking the
gentle starter set that a routine with no gentle exercise offers meanwhile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from .. import content, days, flare_up
from ..cache import leaves_plan_alone
from ..forms import FlareUpForm
from ..models import Exercise, ExerciseCheck, SessionLog
from .routines import own_routine
from .today import day_url, refuse

# Where "End flare-up mode" may send the user back to.
RETURN_TO = {"today": "exercises:today", "plan": "exercises:plan"}


def _until(flare) -> str:
    return f"{flare.until:%A} {flare.until.day} {flare.until:%B}"


@login_required
def flare_up_page(request):
    """What a flare-up is, the plan for one, and the Start / End buttons. Starting takes
    a number of days; a bad number gets a clear message and stores nothing."""
    profile = request.user.profile
    today = profile.today()
    form = FlareUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            flare_up.start(request.user, today, form.cleaned_data["days"])
            flare = flare_up.state(request.user, today)
            messages.success(
                request,
                f"Flare-up mode is on until the end of {_until(flare)}. "
                "Today now shows your gentle exercises.",
            )
            return redirect("exercises:today")
        messages.error(request, "Flare-up mode isn't on yet: " + " ".join(form.errors["days"]))
    flare = flare_up.state(request.user, today)
    return render(
        request,
        "flareup/flareup.html",
        {
            "form": form,
            "flare": flare,
            "text": content.FLARE_UP,
            "red_flag_tiers": content.red_flags_by_tier(),
        },
    )


@login_required
@require_POST
def flare_up_end(request):
    today = request.user.profile.today()
    if flare_up.end(request.user, today):
        messages.success(request, "Flare-up mode is off. Your usual plan is back.")
    else:
        messages.info(request, "Flare-up mode was already off.")
    return redirect(RETURN_TO.get(request.POST.get("next"), "exercises:flare_up"))


# --- The gentle starter set on a day page ---------------------------------------------------


def _starter_exercise(slug: str) -> Exercise:
    if slug not in {entry["exercise"] for entry in content.FLARE_UP_STARTER}:
        raise Http404("That exercise isn't in the gentle starter set.")
    return get_object_or_404(Exercise, slug=slug)


def _set_gentle(request, day, routine_id, slug, status):
    """Record one starter-set exercise for the routine's session on `day`, as a tick on a
    routine item is recorded; only while flare-up mode is on for that day."""
    routine = own_routine(request, routine_id)
    exercise = _starter_exercise(slug)
    refused = refuse(request, day)
    if refused:
        return refused
    plan = days.DayPlan.of(request.user, day)
    if not plan.flare.on:
        messages.info(request, "Flare-up mode isn't on for that day, so nothing was changed.")
        return redirect(day_url(request, day))
    with transaction.atomic():  # locked: the routine can't be deleted halfway
        routine = own_routine(request, routine_id, lock=True)
        session = SessionLog.for_routine_on(request.user, routine, day)
        session.set_check(exercise, status)
    announce = {
        ExerciseCheck.Status.DONE: f"{exercise.name} done.",
        ExerciseCheck.Status.HURT: f"Stopped {exercise.name}.",
        None: f"{exercise.name} not done.",
    }[status]
    if not request.htmx:
        messages.info(request, announce)
        return redirect(f"{day_url(request, day)}#gentle-{routine.pk}-{exercise.pk}")
    dose = next((d for e, d in flare_up.starter_set({slug: exercise}) if e.pk == exercise.pk))
    done, total = days.day_progress(request.user, day, plan=plan)
    response = render(
        request,
        "today/day.html#gentle-row",
        {
            "day": day,
            "gentle": {"routine": routine, "exercise": exercise, "dose": dose, "status": status},
            "done": done,
            "total": total,
            "oob": True,
            "hurt_guidance": content.HURT_GUIDANCE,
        },
    )
    trigger_client_event(response, "backcare:announce", {"message": announce}, after="settle")
    return response


@login_required
@require_POST
@leaves_plan_alone
def gentle_check(request, day, routine_id, slug):
    """Tick (done=1) or untick one exercise of the starter set, like any other tick."""
    status = ExerciseCheck.Status.DONE if request.POST.get("done") == "1" else None
    return _set_gentle(request, day, routine_id, slug, status)


@login_required
@require_POST
@leaves_plan_alone
def gentle_hurt(request, day, routine_id, slug):
    """'This hurt' on a starter-set exercise: stopped for this session."""
    return _set_gentle(request, day, routine_id, slug, ExerciseCheck.Status.HURT)
