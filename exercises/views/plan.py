"""The weekly plan: routines, their exercises and doses, and "Add to plan"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from .. import calendar_feed, planning, progress
from ..cache import cache_page_for_owner
from ..forms import NEW_ROUTINE, AddToPlanForm, DoseForm, RoutineForm
from ..models import (
    Exercise,
    Routine,
    RoutineItem,
    weekday_mask,
)

# --- /plan/ -------------------------------------------------------------------------------


@login_required
@cache_page_for_owner
def plan(request):
    profile = request.user.profile
    routines = planning.routines_with_items(request.user)
    today = profile.today()
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
            "suggestions": planning.progression_suggestions(request.user, profile, routines, today),
            "calendar_url": calendar_url,
            "all_day_routines": calendar_feed.all_day_routines(profile, routines),
            # webcal:// asks the phone's calendar app to subscribe rather than download.
            "webcal_url": "webcal://" + calendar_url.split("://", 1)[1],
        },
    )


# --- Routines -----------------------------------------------------------------------------


def _own_routine(request, routine_id) -> Routine:
    return get_object_or_404(Routine, pk=routine_id, owner=request.user)


def _own_item(request, item_id) -> RoutineItem:
    return get_object_or_404(
        RoutineItem.objects.select_related("routine", "exercise"),
        pk=item_id,
        routine__owner=request.user,
    )


@login_required
def routine_new(request):
    form = RoutineForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        routine = form.save()
        messages.success(request, f"“{routine.name}” is in your plan. Now add some exercises.")
        return redirect(routine)
    return render(request, "plan/routine_form.html", {"form": form})


def _editor_context(request, routine: Routine, **extra) -> dict:
    routine = (
        Routine.objects.filter(pk=routine.pk)
        .prefetch_related(
            Prefetch("items", queryset=RoutineItem.objects.select_related("exercise"))
        )
        .get()
    )
    items = list(routine.items.all())
    in_routine = {item.exercise_id for item in items}
    query = request.GET.get("q", "").strip()[:100]
    choices = [e for e in Exercise.objects.search(q=query) if e.pk not in in_routine]
    return {
        "routine": routine,
        "items": [
            (item, DoseForm(instance=item, exercise=item.exercise, prefix=f"item{item.pk}"))
            for item in items
        ],
        "choices": choices,
        "query": query,
        **extra,
    }


@login_required
def routine_detail(request, routine_id):
    """The routine editor: rename and reschedule, then add, remove, reorder and dose."""
    routine = _own_routine(request, routine_id)
    form = RoutineForm(request.POST or None, instance=routine, owner=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Routine saved.")
            return redirect(routine)
    elif request.htmx and "q" in request.GET:
        return render(
            request, "plan/routine.html#picker-results", _editor_context(request, routine)
        )
    return render(request, "plan/routine.html", _editor_context(request, routine, form=form))


def _items_response(request, routine: Routine, *, focus: str = "", announce: str = "", **extra):
    """After an item action: the routine's items fragment for HTMX, else back to the editor."""
    if not request.htmx:
        if announce:
            messages.success(request, announce)
        return redirect(routine)
    response = render(
        request, "plan/routine.html#items", _editor_context(request, routine, **extra)
    )
    if focus:
        trigger_client_event(response, "backcare:focus", {"id": focus}, after="settle")
    if announce:
        trigger_client_event(response, "backcare:announce", {"message": announce}, after="settle")
    return response


@login_required
@require_POST
def item_add(request, routine_id):
    routine = _own_routine(request, routine_id)
    exercise = get_object_or_404(Exercise, pk=request.POST.get("exercise") or 0)
    try:
        with transaction.atomic():
            item = RoutineItem.objects.create_with_default_dose(
                routine, exercise, routine.next_position()
            )
    except IntegrityError:
        return _items_response(
            request, routine, announce=f"{exercise.name} is already in this routine."
        )
    return _items_response(
        request, routine, focus=f"item-{item.pk}-sets", announce=f"Added {exercise.name}."
    )


@login_required
@require_POST
def item_dose(request, item_id):
    item = _own_item(request, item_id)
    form = DoseForm(request.POST, instance=item, exercise=item.exercise, prefix=f"item{item.pk}")
    if not form.is_valid():
        if request.htmx:
            context = _editor_context(request, item.routine)
            context["items"] = [
                (other, form if other.pk == item.pk else other_form)
                for other, other_form in context["items"]
            ]
            response = render(request, "plan/routine.html#items", context, status=422)
            response["HX-Retarget"] = "#items"
            response["HX-Reswap"] = "outerHTML"
            return response
        context = _editor_context(
            request, item.routine, form=RoutineForm(instance=item.routine, owner=request.user)
        )
        context["items"] = [
            (other, form if other.pk == item.pk else other_form)
            for other, other_form in context["items"]
        ]
        return render(request, "plan/routine.html", context)
    form.save()
    return _items_response(
        request,
        item.routine,
        focus=f"item-{item.pk}-save",
        announce=f"Saved: {item.exercise.name}, {item.dose_label}.",
    )


@login_required
@require_POST
def item_remove(request, item_id):
    item = _own_item(request, item_id)
    routine = item.routine
    siblings = list(routine.items.order_by("position", "id").values_list("pk", flat=True))
    index = siblings.index(item.pk)
    remaining = [pk for pk in siblings if pk != item.pk]  # before delete() clears item.pk
    item.delete()
    routine.renumber()
    focus = f"item-{remaining[min(index, len(remaining) - 1)]}-remove" if remaining else "picker-q"
    return _items_response(request, routine, focus=focus, announce=f"Removed {item.exercise.name}.")


@login_required
@require_POST
def item_move(request, item_id):
    item = _own_item(request, item_id)
    routine = item.routine
    direction = request.POST.get("direction")
    order = list(routine.items.order_by("position", "id"))
    index = next(i for i, other in enumerate(order) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1 if direction == "down" else index
    if 0 <= target < len(order) and target != index:
        order[index], order[target] = order[target], order[index]
        with transaction.atomic():
            for position, other in enumerate(order):
                if other.position != position:
                    RoutineItem.objects.filter(pk=other.pk).update(position=position)
    new_index = next(i for i, other in enumerate(order) if other.pk == item.pk)
    # Keep focus on the button pressed; at the top or bottom, on the one still usable.
    if direction == "up":
        button = "up" if new_index > 0 else "down"
    else:
        button = "down" if new_index < len(order) - 1 else "up"
    if len(order) == 1:
        button = "remove"
    place = f"{new_index + 1} of {len(order)}"
    return _items_response(
        request,
        routine,
        focus=f"item-{item.pk}-{button}",
        announce=f"{item.exercise.name} is now number {place}.",
    )


@login_required
@require_POST
def item_pause(request, item_id):
    """Pause or resume one exercise in a routine (including one paused because it hurt)."""
    item = _own_item(request, item_id)
    resume = request.POST.get("action") == "resume"
    item.paused = not resume
    item.pause_reason = "" if resume else RoutineItem.PauseReason.USER
    item.save(update_fields=["paused", "pause_reason"])
    verb = "Resumed" if resume else "Paused"
    if request.POST.get("next") == "plan":
        messages.success(request, f"{verb} {item.exercise.name}.")
        return redirect("exercises:plan")
    return _items_response(
        request,
        item.routine,
        focus=f"item-{item.pk}-pause",
        announce=f"{verb} {item.exercise.name}.",
    )


@login_required
@require_POST
def routine_toggle(request, routine_id):
    routine = _own_routine(request, routine_id)
    routine.active = not routine.active
    routine.save(update_fields=["active"])
    state = "back on" if routine.active else "paused"
    messages.success(request, f"“{routine.name}” is {state}.")
    return redirect("exercises:plan")


@login_required
def routine_delete(request, routine_id):
    routine = _own_routine(request, routine_id)
    if request.method == "POST":
        name = routine.name
        routine.delete()
        messages.success(request, f"Deleted “{name}”. Your past sessions are kept in History.")
        return redirect("exercises:plan")
    return render(request, "plan/routine_delete.html", {"routine": routine})


# --- "Add to plan" -----------------------------------------------------------------------


@login_required
def add_to_plan(request, slug):
    exercise = get_object_or_404(Exercise, slug=slug)
    form = AddToPlanForm(request.POST or None, owner=request.user, exercise=exercise)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if data["routine"] == NEW_ROUTINE:
                    routine = Routine.objects.create(
                        owner=request.user,
                        name=data["new_routine_name"].strip(),
                        weekdays=weekday_mask(data["days"]),
                    )
                else:
                    routine = form.routines[data["routine"]]
                    if data["days"]:
                        routine.weekdays |= weekday_mask(data["days"])
                        routine.save(update_fields=["weekdays"])
                RoutineItem.objects.create(
                    routine=routine,
                    exercise=exercise,
                    position=routine.next_position(),
                    sets=data["sets"],
                    reps=data.get("reps"),
                    hold_seconds=data.get("hold_seconds"),
                )
        except IntegrityError:
            messages.info(request, f"{exercise.name} is already in that routine.")
            return redirect(exercise)
        days = ", ".join(routine.weekday_names) or "no days yet"
        messages.success(request, f"Added {exercise.name} to “{routine.name}” ({days}).")
        return redirect("exercises:plan")
    return render(request, "plan/add_to_plan.html", {"form": form, "exercise": exercise})


# --- Start slowly, then progress ----------------------------------------------------------


@login_required
@require_POST
def item_progress(request, item_id):
    """Accept or dismiss a suggested step. The plan never changes without this click."""
    item = _own_item(request, item_id)
    profile = request.user.profile
    if request.POST.get("action") == "accept":
        step = progress.next_step(item, item.exercise)
        if step and str(step.proposed) == request.POST.get("proposed"):
            setattr(item, step.field, step.proposed)
            item.progression_dismissed_on = profile.today()
            item.save(update_fields=[step.field, "progression_dismissed_on"])
            text = f"{item.exercise.name} is now {item.dose_label}. Go gently with the new amount."
        else:
            text = "That suggestion is out of date, so nothing was changed."
    else:
        item.progression_dismissed_on = profile.today()
        item.save(update_fields=["progression_dismissed_on"])
        text = f"Fine: {item.exercise.name} stays at {item.dose_label}."
    if request.htmx:
        response = render(request, "plan/plan.html#suggestion-done", {"text": text, "item": item})
        trigger_client_event(response, "backcare:announce", {"message": text}, after="settle")
        return response
    messages.success(request, text)
    return redirect("exercises:plan")
