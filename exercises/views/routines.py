"""The routine editor: name and schedule, then add, dose, reorder, pause and remove its
exercises. Without JavaScript one "Save routine" saves the name, the schedule and every
dose together; with htmx each dose is saved as it changes, and every item action swaps
only the list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from .. import planning
from ..forms import DoseForm, RoutineForm
from ..models import Exercise, Routine, RoutineItem

# The session key holding the item removed last, so that Undo can put it back as it was.
REMOVED = "removed_item"


def _own_routine(request, routine_id) -> Routine:
    return get_object_or_404(Routine, pk=routine_id, owner=request.user)


def _own_item(request, item_id) -> RoutineItem:
    return get_object_or_404(
        RoutineItem.objects.select_related("routine", "exercise"),
        pk=item_id,
        routine__owner=request.user,
    )


def _dose_form(item: RoutineItem, data=None) -> DoseForm:
    """An item's dose fields, part of the routine's own form (the `form` attribute), so
    that "Save routine" sends them too."""
    form = DoseForm(data, instance=item, exercise=item.exercise, prefix=f"item{item.pk}")
    for name, field in form.fields.items():
        short = "hold" if name == "hold_seconds" else name
        field.widget.attrs.update(id=f"item-{item.pk}-{short}", form="routine-form")
    return form


def _editor_context(request, routine: Routine, *, dose_forms=None, **extra) -> dict:
    """The editor's data; `dose_forms` replaces the fresh form of an item by a bound one
    (with its errors)."""
    routine = (
        Routine.objects.filter(pk=routine.pk)
        .prefetch_related(
            Prefetch("items", queryset=RoutineItem.objects.select_related("exercise"))
        )
        .get()
    )
    items = list(routine.items.all())
    families = planning.version_families()
    for item in items:
        # The other versions of its exercise this item can swap to, easier first.
        item.swap_options = [e for e in families.get(item.exercise_id, []) if e != item.exercise]
    in_routine = {item.exercise_id for item in items}
    query = request.GET.get("q", "").strip()[:100]
    choices = [e for e in Exercise.objects.search(q=query) if e.pk not in in_routine]
    dose_forms = dose_forms or {}
    removed = request.session.get(REMOVED)
    return {
        "routine": routine,
        "items": [(item, dose_forms.get(item.pk) or _dose_form(item)) for item in items],
        "choices": choices,
        "query": query,
        "undo": removed if removed and removed["routine"] == routine.pk else None,
        **extra,
    }


@login_required
def routine_new(request):
    form = RoutineForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        routine = form.save()
        messages.success(request, f"“{routine.name}” is in your plan. Now add some exercises.")
        return redirect(routine)
    return render(request, "plan/routine_form.html", {"form": form})


@login_required
def routine_detail(request, routine_id):
    """The editor. A POST saves the name, schedule and every dose sent with it, all or
    nothing: a dose changed and not yet saved on its own is never lost."""
    routine = _own_routine(request, routine_id)
    form = RoutineForm(request.POST or None, instance=routine, owner=request.user)
    if request.method == "POST":
        items = routine.items.select_related("exercise")
        doses = {
            item.pk: _dose_form(item, request.POST)
            for item in items
            if f"item{item.pk}-sets" in request.POST
        }
        if form.is_valid() and all(dose.is_valid() for dose in doses.values()):
            with transaction.atomic():
                form.save()
                for dose in doses.values():
                    dose.save()
            messages.success(request, "Routine saved.")
            return redirect(routine)
        messages.error(request, "Some answers need another look; nothing was saved yet.")
        context = _editor_context(request, routine, form=form, dose_forms=doses)
        return render(request, "plan/routine.html", context)
    if request.htmx and "q" in request.GET:
        return render(
            request, "plan/routine.html#picker-results", _editor_context(request, routine)
        )
    return render(request, "plan/routine.html", _editor_context(request, routine, form=form))


def _items_response(
    request, routine: Routine, *, focus: str = "", announce: str = "", flash: bool = True
):
    """After an item action: the routine's items (and the picker, out of band) for htmx,
    else back to the editor, with `announce` as a message unless the page says it."""
    if not request.htmx:
        if announce and flash:
            messages.success(request, announce)
        return redirect(routine)
    context = _editor_context(request, routine, oob_picker=True)
    response = render(request, "plan/routine.html#items", context)
    if focus:
        trigger_client_event(response, "backcare:focus", {"id": focus}, after="settle")
    if announce:
        trigger_client_event(response, "backcare:announce", {"message": announce}, after="settle")
    return response


def _forget_removed(request) -> None:
    """Undo is offered for the last removal only, until the next change to the list."""
    request.session.pop(REMOVED, None)


@login_required
@require_POST
def item_add(request, routine_id):
    routine = _own_routine(request, routine_id)
    exercise = get_object_or_404(Exercise, pk=request.POST.get("exercise") or 0)
    _forget_removed(request)
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
    """Save one item's dose. htmx sends it as soon as a value changes and gets back that
    item's dose fields, saying "Saved" or what is wrong (422)."""
    item = _own_item(request, item_id)
    form = _dose_form(item, request.POST)
    valid = form.is_valid()
    if valid:
        form.save()
    if request.htmx:
        context = {"item": item, "dose_form": form, "saved": valid}
        return render(request, "plan/routine.html#dose", context, status=200 if valid else 422)
    if not valid:
        context = _editor_context(
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
    item = _own_item(request, item_id)
    before = item.exercise
    family = planning.version_families().get(before.pk, [])
    target = next((e for e in family if e.slug == request.POST.get("to") and e != before), None)
    if target is None:
        problem = f"That isn't another version of {before.name}, so nothing was changed."
    else:
        try:
            with transaction.atomic():
                item.swap_to(target)
            problem = None
        except IntegrityError:
            item.refresh_from_db()
            problem = f"{target.name} is already in this routine, so nothing was changed."
    if problem and not request.htmx:
        messages.error(request, problem)
        return redirect(item.routine)
    _forget_removed(request)
    announce = problem or (
        f"Swapped {before.name} for {target.name}, {item.dose_label}. "
        "Your past sessions stay in your history."
    )
    return _items_response(request, item.routine, focus=f"item-{item.pk}-swap", announce=announce)


@login_required
@require_POST
def item_remove(request, item_id):
    """Take an exercise out of the routine, keeping what Undo needs to put it back; focus
    goes to the list, not to the next Remove button."""
    item = _own_item(request, item_id)
    routine = item.routine
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
    with transaction.atomic():
        item.delete()
        routine.renumber()
    return _items_response(
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
    routine = _own_routine(request, routine_id)
    removed = request.session.get(REMOVED)
    if not removed or removed["routine"] != routine.pk:
        return _items_response(request, routine, announce="There is nothing to undo.")
    _forget_removed(request)
    try:
        with transaction.atomic():
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
        return _items_response(
            request, routine, announce=f"{removed['name']} is already in this routine."
        )
    routine.renumber()
    return _items_response(
        request, routine, focus=f"item-{item.pk}-sets", announce=f"{removed['name']} is back."
    )


@login_required
@require_POST
def item_move(request, item_id):
    item = _own_item(request, item_id)
    routine = item.routine
    direction = request.POST.get("direction")
    _forget_removed(request)
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
    _forget_removed(request)
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
