"""Today and other days: tick exercises off, log pain and effort, finish the session."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from .. import content, rawsql
from ..cache import cache_page_for_owner
from ..forms import ActivityForm, SessionLogForm
from ..middleware import data_version_moved
from ..models import (
    WEEKDAY_NAMES,
    ActivityLog,
    Exercise,
    ExerciseCheck,
    Routine,
    RoutineItem,
    SessionLog,
)
from ..progress import needs_pain_notice

HURT_WINDOW_DAYS = 14


def _submission_key(request) -> uuid.UUID | None:
    """The one-time key a form was rendered with: a replayed POST carries the same key,
    and a unique constraint turns the second save into a no-op."""
    try:
        return uuid.UUID(request.POST.get("submission_key", ""))
    except ValueError:
        return None


def _window(profile, day: date) -> str | None:
    """Why a day can't be logged, or None when it can."""
    today = profile.today()
    if day > today:
        return "That day hasn't happened yet, so there's nothing to log. Here is today instead."
    if day < today - timedelta(days=settings.BACKCARE_BACKFILL_DAYS):
        return (
            f"You can fill in the last {settings.BACKCARE_BACKFILL_DAYS} days only. "
            "Older days are kept in History as they are."
        )
    return None


def _build_day(user, day: date) -> dict:
    """Everything a day page shows, in a constant number of queries."""
    sessions = list(
        SessionLog.objects.for_user(user)
        .filter(date=day)
        .prefetch_related(
            Prefetch("checks", queryset=ExerciseCheck.objects.select_related("exercise"))
        )
    )
    by_routine = {s.routine_id: s for s in sessions if s.routine_id}
    routines = list(
        Routine.objects.for_user(user)
        .active()
        .on_weekday(day.weekday())
        .with_items()
        .order_by(F("time_of_day").asc(nulls_last=True), "position", "id")
    )
    blocks, total, done = [], 0, 0
    for routine in routines:
        session = by_routine.get(routine.pk)
        statuses = {c.exercise_id: c.status for c in session.checks.all()} if session else {}
        rows = [
            {"item": item, "status": statuses.get(item.exercise_id)}
            for item in routine.items.all()
            if not item.paused
        ]
        if not rows:
            continue
        block_done = sum(1 for row in rows if row["status"] == ExerciseCheck.Status.DONE)
        total += len(rows)
        done += block_done
        form = SessionLogForm(instance=session, prefix=f"r{routine.pk}")
        blocks.append(
            {
                "routine": routine,
                "session": session,
                "rows": rows,
                "done": block_done,
                "form": form,
            }
        )
    quick = [s for s in sessions if not s.routine_id]
    return {
        "day": day,
        "blocks": blocks,
        "total": total,
        "done": done,
        "quick_sessions": quick,
        "activities": list(ActivityLog.objects.filter(owner=user, date=day)),
    }


def _next_planned_day(user, today: date) -> date | None:
    masks = (
        Routine.objects.for_user(user)
        .active()
        .filter(items__paused=False)
        .values_list("weekdays", flat=True)
    )
    combined = 0
    for mask in masks:
        combined |= mask
    for offset in range(1, 8):
        candidate = today + timedelta(days=offset)
        if combined & (1 << candidate.weekday()):
            return candidate
    return None


def _render_day(request, day: date, *, status=200, extra=None):
    profile = request.user.profile
    today = profile.today()
    context = _build_day(request.user, day)
    invalid = (extra or {}).pop("invalid_form", None)
    if invalid:
        for block in context["blocks"]:
            if block["routine"].pk == invalid[0]:
                block["form"] = invalid[1]
                block["invalid"] = True
    recent = list(
        SessionLog.objects.for_user(request.user)
        .filter(finished_at__isnull=False)
        .order_by("-date", "-finished_at")[:2]
    )
    context.update(
        is_today=day == today,
        today=today,
        weekday_name=WEEKDAY_NAMES[day.weekday()],
        previous_day=day - timedelta(days=1)
        if day - timedelta(days=1) >= today - timedelta(days=settings.BACKCARE_BACKFILL_DAYS)
        else None,
        next_day=day + timedelta(days=1) if day < today else None,
        next_planned=None if context["blocks"] else _next_planned_day(request.user, today),
        pain_notice=needs_pain_notice(recent, profile.pain_notice_acknowledged_at),
        ease_off=content.EASE_OFF_NOTICE,
        hurt_guidance=content.HURT_GUIDANCE,
        activity_form=ActivityForm(),
        submission_key=uuid.uuid4(),
        **(extra or {}),
    )
    return render(request, "today/day.html", context, status=status)


@login_required
@cache_page_for_owner
def today(request):
    return _render_day(request, request.user.profile.today())


@login_required
def day(request, day):
    profile = request.user.profile
    if day == profile.today():
        return redirect("exercises:today")
    problem = _window(profile, day)
    if problem:
        return render(request, "today/refused.html", {"problem": problem, "day": day}, status=400)
    return _render_day(request, day)


def _own_item(request, item_id: int) -> RoutineItem:
    """The user's routine item with its routine and exercise (one plain query: it starts
    every tick), or 404."""
    item = rawsql.owned_item(item_id, request.user.pk)
    if item is None:
        raise Http404("No such item in your plan.")
    return item


def _after_row_change(
    request, day: date, item: RoutineItem, status, *, announce: str = "", extra=None
):
    """HTMX: the changed row plus the day's progress (out of band). Else back to the day."""
    if not request.htmx:
        if announce:
            messages.info(request, announce)
        url = (
            reverse("exercises:today")
            if day == request.user.profile.today()
            else reverse("exercises:day", args=[day])
        )
        return redirect(f"{url}#item-{item.routine_id}-{item.pk}")
    done, total = rawsql.day_progress(request.user.pk, day)
    context = {
        "day": day,
        "row": {"item": item, "status": status},
        "done": done,
        "total": total,
        "oob": True,
        "hurt_guidance": content.HURT_GUIDANCE,
        **(extra or {}),
    }
    response = render(request, "today/day.html#check-row", context)
    if announce:
        trigger_client_event(response, "backcare:announce", {"message": announce}, after="settle")
    return response


def _refuse(request, day: date):
    problem = _window(request.user.profile, day)
    if not problem:
        return None
    if request.htmx:
        response = render(request, "today/refused.html#problem", {"problem": problem}, status=422)
        response["HX-Retarget"] = "#announcer"
        response["HX-Reswap"] = "innerHTML"
        return response
    messages.error(request, problem)
    return redirect("exercises:today")


@login_required
@require_POST
def check(request, day, item_id):
    """Tick (done=1) or untick one exercise. The desired state is in the request, so
    double clicks and replays are harmless; the unique constraint keeps one check."""
    found = rawsql.owned_item_on(item_id, request.user.pk, day)  # and the day's session
    if found is None:
        raise Http404("No such item in your plan.")
    item, session = found
    refused = _refuse(request, day)
    if refused:
        return refused
    done = request.POST.get("done") == "1"
    if session is None:  # the day's first tick
        session = SessionLog.for_routine_on(request.user, item.routine, day)
    session.set_check(item.exercise, ExerciseCheck.Status.DONE if done else None, item=item)
    data_version_moved(request)  # set_check moved it
    name = item.exercise.name
    return _after_row_change(
        request,
        day,
        item,
        ExerciseCheck.Status.DONE if done else None,
        announce=f"{name} done." if done else f"{name} not done.",
    )


@login_required
@require_POST
def hurt(request, day, item_id):
    """'This hurt': stop the exercise for this session; twice in 14 days pauses it in the plan."""
    item = _own_item(request, item_id)
    refused = _refuse(request, day)
    if refused:
        return refused
    session = SessionLog.for_routine_on(request.user, item.routine, day)
    session.set_check(item.exercise, ExerciseCheck.Status.HURT, item=item)
    hurt_before = (
        ExerciseCheck.objects.filter(
            session__owner=request.user,
            exercise=item.exercise,
            status=ExerciseCheck.Status.HURT,
            session__date__gte=day - timedelta(days=HURT_WINDOW_DAYS),
            session__date__lte=day + timedelta(days=HURT_WINDOW_DAYS),
        )
        .exclude(session=session)
        .exists()
    )
    paused = False
    if hurt_before and not item.paused:
        with transaction.atomic():
            RoutineItem.objects.filter(pk=item.pk).update(
                paused=True, pause_reason=RoutineItem.PauseReason.HURT
            )
        paused = True
    announce = f"Stopped {item.exercise.name}." + (
        " It hurt twice in two weeks, so it is paused in your plan." if paused else ""
    )
    return _after_row_change(
        request,
        day,
        item,
        ExerciseCheck.Status.HURT,
        announce=announce,
        extra={"just_paused": paused},
    )


@login_required
@require_POST
def log_session(request, day, routine_id):
    """Pain before/after, effort, notes; 'Finish session'. Bad values store nothing."""
    routine = get_object_or_404(Routine, pk=routine_id, owner=request.user)
    refused = _refuse(request, day)
    if refused:
        return refused
    existing = SessionLog.objects.filter(owner=request.user, routine=routine, date=day).first()
    form = SessionLogForm(request.POST, instance=existing, prefix=f"r{routine.pk}")
    if not form.is_valid():
        messages.error(request, "Some answers need another look; nothing was saved yet.")
        return _render_day(request, day, extra={"invalid_form": (routine.pk, form)})
    session = existing or SessionLog.for_routine_on(request.user, routine, day)
    form = SessionLogForm(request.POST, instance=session, prefix=f"r{routine.pk}")
    form.is_valid()
    session = form.save(commit=False)
    if request.POST.get("action") == "reopen":
        session.finished_at = None
        session.save()
        messages.info(request, f"“{routine.name}” is open again.")
    else:
        session.finished_at = session.finished_at or timezone.now()
        session.save()
        if session.pain_rose:
            messages.warning(request, content.EASE_OFF_NOTICE["text"])
        else:
            messages.success(request, f"Well done: “{routine.name}” is finished.")
    return _redirect_to_day(request, day)


@login_required
@require_POST
def log_quick(request, day, session_id):
    session = get_object_or_404(SessionLog, pk=session_id, owner=request.user, routine=None)
    if session.date != day:
        return redirect("exercises:day", day=session.date)
    refused = _refuse(request, day)
    if refused:
        return refused
    form = SessionLogForm(request.POST, instance=session, prefix=f"q{session.pk}")
    if form.is_valid():
        form.save()
        messages.success(request, "Saved.")
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return _redirect_to_day(request, day)


def _redirect_to_day(request, day: date):
    if day == request.user.profile.today():
        return redirect("exercises:today")
    return redirect("exercises:day", day=day)


@login_required
def quick_session(request):
    """An unplanned session of any catalog exercises, logged as done for today."""
    profile = request.user.profile
    exercises = list(Exercise.objects.all())
    errors = []
    form = SessionLogForm(request.POST or None, prefix="quick")
    if request.method == "POST":
        chosen_ids = {int(v) for v in request.POST.getlist("exercise") if v.isdigit()}
        chosen = [e for e in exercises if e.pk in chosen_ids]
        if not chosen:
            errors.append("Tick at least one exercise you did.")
        if form.is_valid() and not errors:
            try:
                with transaction.atomic():
                    session = form.save(commit=False)
                    session.owner = request.user
                    session.routine = None
                    session.routine_name = "Quick session"
                    session.date = profile.today()
                    session.finished_at = timezone.now()
                    session.submission_key = _submission_key(request)
                    session.save()
                    ExerciseCheck.objects.bulk_create(
                        ExerciseCheck(session=session, exercise=e) for e in chosen
                    )
            except IntegrityError:
                messages.info(request, "That quick session is already logged.")
                return redirect("exercises:today")
            if session.pain_rose:
                messages.warning(request, content.EASE_OFF_NOTICE["text"])
            else:
                count = len(chosen)
                messages.success(
                    request, f"Logged a quick session of {count} exercise{'s' * (count != 1)}."
                )
            return redirect("exercises:today")
    return render(
        request,
        "today/quick.html",
        {
            "exercises": exercises,
            "form": form,
            "errors": errors,
            "chosen": set(request.POST.getlist("exercise")) if request.method == "POST" else set(),
            "submission_key": _submission_key(request) or uuid.uuid4(),
        },
    )


@login_required
@require_POST
def add_activity(request):
    """Other activities: yoga, pilates, walking, swimming… (logged for today)."""
    form = ActivityForm(request.POST)
    if form.is_valid():
        activity = form.save(commit=False)
        activity.owner = request.user
        activity.date = request.user.profile.today()
        activity.submission_key = _submission_key(request)
        try:
            with transaction.atomic():
                activity.save()
        except IntegrityError:
            messages.info(request, "That activity is already logged.")
            return redirect("exercises:today")
        messages.success(
            request, f"Logged {activity.minutes} minutes of {activity.get_kind_display().lower()}."
        )
    else:
        messages.error(
            request,
            "That activity wasn't saved: "
            + " ".join(e for errs in form.errors.values() for e in errs),
        )
    return redirect("exercises:today")


@login_required
@require_POST
def acknowledge_notice(request):
    profile = request.user.profile
    profile.pain_notice_acknowledged_at = timezone.now()
    profile.save(update_fields=["pain_notice_acknowledged_at"])
    messages.info(request, "Thanks. Go gently, and stop anything that hurts.")
    return redirect("exercises:today")
