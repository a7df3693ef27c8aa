"""The weekly plan, "Add to plan" from an exercise page, and the small-step suggestions.
The routine editor is in routines.py, the starter plans in starters.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from .. import calendar_feed, flare_up, planning, progress
from ..cache import cache_page_for_owner
from ..forms import NEW_ROUTINE, AddToPlanForm
from ..models import Exercise, save_existing
from .gone import ITEM_GONE, Gone
from .routines import own_item

# --- /plan/ -------------------------------------------------------------------------------


@login_required
@cache_page_for_owner
def plan(request):
    profile = request.user.profile
    routines = planning.routines_with_items(request.user)
    today = profile.today()
    flare = flare_up.state(request.user, today)
    calendar_url = request.build_absolute_uri(
        reverse("exercises:calendar", args=[profile.calendar_token])
    )
    return render(
        request,
        "plan/plan.html",
        {
            "routines": routines,
            "days": planning.week_days(profile, routines, today),
            "hurt_items": planning.paused_because_it_hurt(routines),
            "profile": profile,
            "suggestions": planning.progression_suggestions(
                request.user, profile, routines, today, flare=flare
            ),
            "flare": flare,
            "flare_plan": planning.flare_up_plan(routines, flare),
            "calendar_url": calendar_url,
            "all_day_routines": calendar_feed.all_day_routines(profile, routines),
            # webcal:// asks the phone's calendar app to subscribe rather than download.
            "webcal_url": "webcal://" + calendar_url.split("://", 1)[1],
        },
    )


# --- "Add to plan" from an exercise page ------------------------------------------------


@login_required
def add_to_plan(request, slug):
    """The Add to plan form: inline in the exercise page's plan box with HTMX, a page of
    its own without. After adding, the exercise page says so, with Undo."""
    exercise = get_object_or_404(Exercise, slug=slug)
    form = AddToPlanForm(request.POST or None, owner=request.user, exercise=exercise)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = data["routine"] == NEW_ROUTINE
        try:
            item = planning.add_exercise(
                request.user,
                exercise,
                routine=None if new else form.routines[data["routine"]],
                new_name=data["new_routine_name"],
                days=data["days"],
                dose=form.dose(),
            )
        except IntegrityError:  # added a moment ago, from another tab
            form.add_error("routine", f"{exercise.name} is already in that routine.")
        else:
            if request.htmx:
                return _plan_box(request, exercise, added=item)
            return redirect(f"{exercise.get_absolute_url()}?added={item.pk}")
    context = {"form": form, "exercise": exercise}
    if request.htmx:
        status = 422 if form.is_bound else 200
        return render(request, "plan/add_to_plan.html#add-form", context, status=status)
    return render(request, "plan/add_to_plan.html", context)


@login_required
@require_POST
def undo_add(request, item_id):
    with transaction.atomic():  # locked (see routines.own_item)
        item = own_item(request, item_id, lock=True)
        exercise, name = item.exercise, item.routine.name
        planning.undo_add(item)
    if request.htmx:
        return _plan_box(request, exercise, removed=name)
    messages.success(request, f"Removed {exercise.name} from “{name}”.")
    return redirect(exercise)


def _plan_box(request, exercise, **extra):
    context = {"exercise": exercise, "in_plan": planning.in_plan(request.user, exercise), **extra}
    return render(request, "exercises/detail.html#plan-box", context)


# --- Start slowly, then progress ----------------------------------------------------------


@login_required
@require_POST
def item_progress(request, item_id):
    """Accept or dismiss a suggested step. The plan never changes without this click."""
    profile = request.user.profile
    with transaction.atomic():  # locked (see routines.own_item)
        item = own_item(request, item_id, lock=True)
        if request.POST.get("action") == "accept":
            step = progress.next_step(item, item.exercise)
            if step and str(step.proposed) == request.POST.get("proposed"):
                setattr(item, step.field, step.proposed)
                item.progression_dismissed_on = profile.today()
                saved = save_existing(item, [step.field, "progression_dismissed_on"])
                text = (
                    f"{item.exercise.name} is now {item.dose_label}. Go gently with the new amount."
                )
            else:
                saved = True  # nothing to write
                text = "That suggestion is out of date, so nothing was changed."
        else:
            item.progression_dismissed_on = profile.today()
            saved = save_existing(item, ["progression_dismissed_on"])
            text = f"Fine: {item.exercise.name} stays at {item.dose_label}."
    if not saved:
        raise Gone(ITEM_GONE)
    if request.htmx:
        response = render(request, "plan/plan.html#suggestion-done", {"text": text, "item": item})
        trigger_client_event(response, "backcare:announce", {"message": text}, after="settle")
        return response
    messages.success(request, text)
    return redirect("exercises:plan")
