"""A routine's exercises: add, dose, swap for an easier or harder version, reorder,
pause and remove (with Undo). With htmx each action swaps only the list; without it,
each posts and comes back to the editor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import F
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import planning
from ..forms import ExerciseChoiceForm, RoutineForm
from ..models import RoutineItem, save_existing
from .gone import ITEM_GONE, Gone
from .routines import (
    REMOVED,
    dose_form,
    editor_context,
    forget_removed,
    items_response,
    own_item,
    own_routine,
)


@login_required
@require_POST
def item_add(request, routine_id):
    picked = ExerciseChoiceForm(request.POST)
    if not picked.is_valid():
        own_routine(request, routine_id)  # another user's routine is a 404 all the same
        raise Gone(picked.problem)
    exercise = picked.cleaned_data["exercise"]
    forget_removed(request)
    try:
        with transaction.atomic():
            routine = own_routine(request, routine_id, lock=True)
            item = RoutineItem.objects.create_with_default_dose(
                routine, exercise, routine.next_position()
            )
    except IntegrityError:
        return items_response(
            request, routine, announce=f"{exercise.name} is already in this routine."
        )
    return items_response(
        request, routine, focus=f"item-{item.pk}-sets", announce=f"Added {exercise.name}."
    )


@login_required
@require_POST
def item_dose(request, item_id):
    """Save one item's dose. htmx sends it as soon as a value changes and gets back that
    item's dose fields, saying "Saved" or what is wrong (422)."""
    with transaction.atomic():  # locked: a removed item is a 404, never saved back
        item = own_item(request, item_id, lock=True)
        form = dose_form(item, request.POST)
        valid = form.is_valid()
        gone = valid and not save_existing(form.save(commit=False), form.fields)
    if gone:
        raise Gone(ITEM_GONE)
    if request.htmx:
        context = {"item": item, "dose_form": form, "saved": valid}
        return render(request, "plan/routine.html#dose", context, status=200 if valid else 422)
    if not valid:
        context = editor_context(
            request,
            item.routine,
            form=RoutineForm(instance=item.routine, owner=request.user),
            dose_forms={item.pk: form},
        )
        return render(request, "plan/routine.html", context)
    messages.success(request, f"Saved: {item.exercise.name}, {item.dose_label}.")
    return redirect(item.routine)


@login_required
@require_POST
def item_swap(request, item_id):
    """Swap an item to another version of its exercise (easier, harder, or back). The
    item stays the same row, so its history stays with it; the dose follows the rule in
    models.swapped_dose."""
    family = planning.version_families()
    try:
        with transaction.atomic():
            item = own_item(request, item_id, lock=True)
            before = item.exercise
            versions = family.get(before.pk, [])
            wanted = request.POST.get("to")
            target = next((e for e in versions if e.slug == wanted and e != before), None)
            if target is None:
                problem = f"That isn't another version of {before.name}, so nothing was changed."
            elif not item.swap_to(target):
                problem = ITEM_GONE
            else:
                problem = None
    except IntegrityError:  # added a moment ago, from another tab: nothing was changed
        item = own_item(request, item_id)
        problem = f"{target.name} is already in this routine, so nothing was changed."
    if problem == ITEM_GONE:
        raise Gone(problem)
    if problem and not request.htmx:
        messages.error(request, problem)
        return redirect(item.routine)
    forget_removed(request)
    announce = problem or (
        f"Swapped {before.name} for {target.name}, {item.dose_label}. "
        "Your past sessions stay in your history."
    )
    return items_response(request, item.routine, focus=f"item-{item.pk}-swap", announce=announce)


@login_required
@require_POST
def item_remove(request, item_id):
    """Take an exercise out of the routine, keeping what Undo needs to put it back; focus
    goes to the list, not to the next Remove button."""
    with transaction.atomic():
        item = own_item(request, item_id, lock=True)  # removed twice: the second is told
        routine = item.routine
        planning.lock_for_removal(RoutineItem.objects.filter(pk=item.pk))
        item.delete()
        routine.renumber()
    request.session[REMOVED] = {
        "routine": routine.pk,
        "exercise": item.exercise_id,
        "name": item.exercise.name,
        "position": item.position,
        "sets": item.sets,
        "reps": item.reps,
        "hold_seconds": item.hold_seconds,
        "paused": item.paused,
        "pause_reason": item.pause_reason,
    }
    return items_response(
        request,
        routine,
        focus="items-list",
        announce=f"Removed {item.exercise.name}. Undo is at the top of the list.",
        flash=False,  # the Undo notice says it
    )


@login_required
@require_POST
def undo_remove(request, routine_id):
    """Put the exercise removed last back where it was, with its dose."""
    routine = own_routine(request, routine_id)
    removed = request.session.get(REMOVED)
    if not removed or removed["routine"] != routine.pk:
        return items_response(request, routine, announce="There is nothing to undo.")
    forget_removed(request)
    try:
        with transaction.atomic():
            routine = own_routine(request, routine_id, lock=True)
            routine.items.filter(position__gte=removed["position"]).update(
                position=F("position") + 1
            )
            item = RoutineItem.objects.create(
                routine=routine,
                exercise_id=removed["exercise"],
                position=removed["position"],
                sets=removed["sets"],
                reps=removed["reps"],
                hold_seconds=removed["hold_seconds"],
                paused=removed["paused"],
                pause_reason=removed["pause_reason"],
            )
    except IntegrityError:  # added again since
        return items_response(
            request, routine, announce=f"{removed['name']} is already in this routine."
        )
    routine.renumber()
    return items_response(
        request, routine, focus=f"item-{item.pk}-sets", announce=f"{removed['name']} is back."
    )


@login_required
@require_POST
def item_move(request, item_id):
    direction = request.POST.get("direction")
    forget_removed(request)
    with transaction.atomic():  # locked: the order read is the order written
        item = own_item(request, item_id, lock=True)
        routine = item.routine
        order = list(routine.items.order_by("position", "id"))
        index = next(i for i, other in enumerate(order) if other.pk == item.pk)
        target = index - 1 if direction == "up" else index + 1 if direction == "down" else index
        if 0 <= target < len(order) and target != index:
            order[index], order[target] = order[target], order[index]
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
    return items_response(
        request,
        routine,
        focus=f"item-{item.pk}-{button}",
        announce=f"{item.exercise.name} is now number {place}.",
    )


@login_required
@require_POST
def item_pause(request, item_id):
    """Pause or resume one exercise in a routine (including one paused because it hurt)."""
    forget_removed(request)
    resume = request.POST.get("action") == "resume"
    with transaction.atomic():  # locked: a removed item is a 404, not a failed update
        item = own_item(request, item_id, lock=True)
        item.paused = not resume
        item.pause_reason = "" if resume else RoutineItem.PauseReason.USER
        saved = save_existing(item, ["paused", "pause_reason"])
    if not saved:
        raise Gone(ITEM_GONE)
    verb = "Resumed" if resume else "Paused"
    if request.POST.get("next") == "plan":
        messages.success(request, f"{verb} {item.exercise.name}.")
        return redirect("exercises:plan")
    return items_response(
        request,
        item.routine,
        focus=f"item-{item.pk}-pause",
        announce=f"{verb} {item.exercise.name}.",
    )
