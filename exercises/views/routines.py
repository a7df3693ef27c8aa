"""The routine editor: name and schedule, then add, dose, reorder, pause and remove its
exercises. Without JavaScript one "Save routine" saves the name, the schedule and every
dose together; with htmx each dose is saved as it changes, and every item action swaps
only the list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from .. import planning
from ..forms import DoseForm, RoutineForm
from ..models import Exercise, Routine, RoutineItem, save_existing
from .gone import ITEM_GONE, ROUTINE_GONE, Gone

# The session key holding the item removed last, so that Undo can put it back as it was.
REMOVED = "removed_item"


def own_routine(request, routine_id, *, lock: bool = False) -> Routine:
    """The user's routine, or a 404 that says so. With `lock` (inside transaction.atomic)
    its row stays locked until the transaction ends: see `own_item`."""
    routines = Routine.objects.filter(owner=request.user)
    if lock:
        routines = routines.select_for_update()
    routine = routines.filter(pk=routine_id).first()
    if routine is None:
        raise Gone(ROUTINE_GONE)
    return routine


def own_item(request, item_id, *, lock: bool = False) -> RoutineItem:
    """The user's routine item with its routine and exercise, or a 404 that says so.

    Every change to a routine's items (dose, pause, move, swap, remove) runs inside
    transaction.atomic with `lock`: the routine's row is locked first
    (`planning.lock_routine_of`), then the item is read again. Two changes to one routine
    take turns, so an item removed a moment ago is never written back and the second
    change is told it is gone."""
    items = RoutineItem.objects.filter(pk=item_id, routine__owner=request.user)
    try:
        if lock:
            planning.lock_routine_of(request.user, item_id)
        return items.select_related("routine", "exercise").get()
    except RoutineItem.DoesNotExist:
        raise Gone(ITEM_GONE) from None


def dose_form(item: RoutineItem, data=None) -> DoseForm:
    """An item's dose fields, part of the routine's own form (the `form` attribute), so
    that "Save routine" sends them too."""
    form = DoseForm(data, instance=item, exercise=item.exercise, prefix=f"item{item.pk}")
    for name, field in form.fields.items():
        short = "hold" if name == "hold_seconds" else name
        field.widget.attrs.update(id=f"item-{item.pk}-{short}", form="routine-form")
    return form


def editor_context(request, routine: Routine, *, dose_forms=None, **extra) -> dict:
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
        "items": [(item, dose_forms.get(item.pk) or dose_form(item)) for item in items],
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
    if request.method == "POST":
        # Locked (see own_item): the items read here are the ones saved, so a dose of an
        # item removed meanwhile is not written back as a new item.
        with transaction.atomic():
            routine = own_routine(request, routine_id, lock=True)
            form = RoutineForm(request.POST, instance=routine, owner=request.user)
            items = routine.items.select_related("exercise")
            doses = {
                item.pk: dose_form(item, request.POST)
                for item in items
                if f"item{item.pk}-sets" in request.POST
            }
            valid = form.is_valid() and all(dose.is_valid() for dose in doses.values())
            if valid:
                form.save()
                for dose in doses.values():
                    save_existing(dose.save(commit=False), dose.fields)
        if valid:
            messages.success(request, "Routine saved.")
            return redirect(routine)
        messages.error(request, "Some answers need another look; nothing was saved yet.")
        context = editor_context(request, routine, form=form, dose_forms=doses)
        return render(request, "plan/routine.html", context)
    routine = own_routine(request, routine_id)
    form = RoutineForm(instance=routine, owner=request.user)
    if request.htmx and "q" in request.GET:
        return render(request, "plan/routine.html#picker-results", editor_context(request, routine))
    return render(request, "plan/routine.html", editor_context(request, routine, form=form))


def items_response(
    request, routine: Routine, *, focus: str = "", announce: str = "", flash: bool = True
):
    """After an item action: the routine's items (and the picker, out of band) for htmx,
    else back to the editor, with `announce` as a message unless the page says it."""
    if not request.htmx:
        if announce and flash:
            messages.success(request, announce)
        return redirect(routine)
    context = editor_context(request, routine, oob_picker=True)
    response = render(request, "plan/routine.html#items", context)
    if focus:
        trigger_client_event(response, "backcare:focus", {"id": focus}, after="settle")
    if announce:
        trigger_client_event(response, "backcare:announce", {"message": announce}, after="settle")
    return response


def forget_removed(request) -> None:
    """Undo is offered for the last removal only, until the next change to the list."""
    request.session.pop(REMOVED, None)


@login_required
@require_POST
def routine_toggle(request, routine_id):
    with transaction.atomic():
        routine = own_routine(request, routine_id, lock=True)
        routine.active = not routine.active
        saved = save_existing(routine, ["active"])
    if not saved:
        raise Gone(ROUTINE_GONE)
    state = "back on" if routine.active else "paused"
    messages.success(request, f"“{routine.name}” is {state}.")
    return redirect("exercises:plan")


@login_required
def routine_delete(request, routine_id):
    if request.method == "POST":
        with transaction.atomic():
            routine = own_routine(request, routine_id, lock=True)
            planning.lock_for_removal(routine.items.all())
            name = routine.name
            routine.delete()
        messages.success(request, f"Deleted “{name}”. Your past sessions are kept in History.")
        return redirect("exercises:plan")
    routine = own_routine(request, routine_id)
    return render(request, "plan/routine_delete.html", {"routine": routine})
