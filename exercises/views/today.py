"""Today and other days: tick exercises off, log pain and effort, finish the session."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from .. import content, days
from ..cache import cache_page_for_owner, leaves_plan_alone
from ..forms import ActivityForm, PainBeforeForm, SessionLogForm
from ..models import (
    WEEKDAY_NAMES,
    ExerciseCheck,
    RoutineItem,
    SessionLog,
)
from ..progress import needs_pain_notice
from .gone import ITEM_GONE, Gone
from .routines import own_item, own_routine

# "This hurt" twice within this many days pauses the exercise in the plan.
HURT_WINDOW_DAYS = 14


def _log_form(session, routine_id: int, data=None) -> SessionLogForm:
    """'How did it go?'. Pain before is asked at the start ("How is your back right
    now?"), so this form offers it only for editing a finished session."""
    finished = session is not None and session.finished
    return SessionLogForm(data, instance=session, prefix=f"r{routine_id}", ask_pain_before=finished)


def _render_day(request, day: date, *, status=200, invalid_form=None):
    """The day page; `invalid_form` is (routine id, bound form with errors) to show."""
    profile = request.user.profile
    today = profile.today()
    context = days.build_day(request.user, day)
    for block in context["blocks"]:
        routine_id, session = block["routine"].pk, block["session"]
        block["pain_form"] = PainBeforeForm(instance=session, prefix=f"r{routine_id}")
        if invalid_form and invalid_form[0] == routine_id:
            block["form"], block["invalid"] = invalid_form[1], True
        else:
            block["form"] = _log_form(session, routine_id)
    recent = list(
        SessionLog.objects.for_user(request.user)
        .filter(finished_at__isnull=False)
        .order_by("-date", "-finished_at")[:2]
    )
    earliest = today - timedelta(days=settings.BACKCARE_BACKFILL_DAYS)
    acknowledged = profile.pain_notice_acknowledged_at
    pain_notice = needs_pain_notice(recent, acknowledged)
    hurt_again_at = days.repeated_hurt_at(request.user, today, window_days=HURT_WINDOW_DAYS)
    context.update(
        is_today=day == today,
        today=today,
        weekday_name=WEEKDAY_NAMES[day.weekday()],
        previous_day=day - timedelta(days=1) if day - timedelta(days=1) >= earliest else None,
        next_day=day + timedelta(days=1) if day < today else None,
        next_planned=None if context["blocks"] else days.next_planned_day(request.user, today),
        pain_notice=pain_notice,
        # An exercise that hurt in two sessions lately: offer flare-up mode and show the
        # warning signs again, until read (or flare-up mode is on).
        hurt_notice=bool(hurt_again_at)
        and not pain_notice
        and not context["flare"].on
        and (acknowledged is None or acknowledged < hurt_again_at),
        red_flag_tiers=content.red_flags_by_tier(),
        back_fact=content.back_fact_for(today),
        ease_off=content.EASE_OFF_NOTICE,
        hurt_guidance=content.HURT_GUIDANCE,
        hurt_again=content.HURT_AGAIN,
        activity_form=ActivityForm(),
        submission_key=uuid.uuid4(),
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
    problem = days.logging_refused(profile.today(), day)
    if problem:
        return render(request, "today/refused.html", {"problem": problem, "day": day}, status=400)
    return _render_day(request, day)


def _after_row_change(
    request,
    day: date,
    item: RoutineItem,
    status,
    *,
    plan: days.DayPlan | None = None,
    checks: days.DayChecks | None = None,
    announce: str = "",
    extra=None,
):
    """HTMX: the changed row plus the day's progress (out of band). Else back to the day.
    `plan` and `checks`: the day's plan and checks as they now stand, when the view has
    them (otherwise they are read afresh)."""
    if not request.htmx:
        if announce:
            messages.info(request, announce)
        return redirect(f"{day_url(request, day)}#item-{item.routine_id}-{item.pk}")
    plan = plan if plan is not None else days.DayPlan.read(request.user, day)
    done, total = days.day_progress(request.user, day, plan=plan, checks=checks)
    context = {
        "day": day,
        "row": days.row(day, item, status, plan.flare.ease(item), plan.urls.get(item.pk)),
        "done": done,
        "total": total,
        "oob": True,
        "hurt_guidance": content.HURT_GUIDANCE,
        "hurt_again": content.HURT_AGAIN,
        "red_flag_tiers": content.red_flags_by_tier,  # called only if the row shows them
        **(extra or {}),
    }
    response = render(request, "today/day.html#check-row", context)
    if announce:
        trigger_client_event(response, "backcare:announce", {"message": announce}, after="settle")
    return response


def refuse(request, day: date):
    """The refusal for a day that can't be logged, or None when it can."""
    problem = days.logging_refused(request.user.profile.today(), day)
    if not problem:
        return None
    if request.htmx:
        response = render(request, "today/refused.html#problem", {"problem": problem}, status=422)
        return reswap(retarget(response, "#announcer"), "innerHTML")
    messages.error(request, problem)
    return redirect("exercises:today")


@login_required
@require_POST
@leaves_plan_alone
def check(request, day, item_id):
    """Tick (done=1) or untick one exercise. The desired state is in the request, so
    double clicks and replays are harmless; the unique constraint keeps one check."""
    plan = days.DayPlan.of(request.user, day)
    item = plan.items.get(item_id)
    if item is None:  # another user's item, or one removed already
        raise Gone(ITEM_GONE)
    refused = refuse(request, day)
    if refused:
        return refused
    done = request.POST.get("done") == "1"
    status = ExerciseCheck.Status.DONE if done else None
    # The day's checks, read once: they name the session to write to and, with this tick
    # added, give the day's progress.
    checks = days.DayChecks.of(request.user, day)
    try:
        days.write_check(request.user, day, item, status, checks)
    except (IntegrityError, RoutineItem.DoesNotExist):  # removed meanwhile: nothing stored
        raise Gone(ITEM_GONE) from None
    name = item.exercise.name
    announce = f"{name} done." if done else f"{name} not done."
    return _after_row_change(
        request, day, item, status, plan=plan, checks=checks, announce=announce
    )


@login_required
@require_POST
def hurt(request, day, item_id):
    """'This hurt': stop the exercise for this session; twice in two weeks pauses it in
    the plan."""
    refused = refuse(request, day)
    if refused:
        own_item(request, item_id)  # another user's item is a 404 all the same
        return refused
    with transaction.atomic():  # locked: "This hurt" on an item removed meanwhile is a 404
        item = own_item(request, item_id, lock=True)
        session = SessionLog.for_routine_on(request.user, item.routine, day)
        session.set_check(item.exercise, ExerciseCheck.Status.HURT, item=item)
        again = days.hurt_recently(
            request.user, item.exercise, day, besides=session, window_days=HURT_WINDOW_DAYS
        )
        paused = bool(again and not item.paused)
        if paused:
            RoutineItem.objects.filter(pk=item.pk).update(
                paused=True, pause_reason=RoutineItem.PauseReason.HURT
            )
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
@leaves_plan_alone
def start(request, day, routine_id):
    """'How is your back right now?': pain before, asked before the first exercise."""
    routine = own_routine(request, routine_id)
    refused = refuse(request, day)
    if refused:
        return refused
    form = PainBeforeForm(request.POST, prefix=f"r{routine.pk}")
    if form.is_valid():
        with transaction.atomic():  # locked: the routine can't be deleted halfway
            routine = own_routine(request, routine_id, lock=True)
            session = SessionLog.for_routine_on(request.user, routine, day)
            session.pain_before = form.cleaned_data["pain_before"]
            session.save(update_fields=["pain_before"])
    elif not request.htmx:
        messages.error(request, " ".join(form.errors["pain_before"]))
    if not request.htmx:
        return redirect(f"{day_url(request, day)}#routine-{routine.pk}")
    session = SessionLog.objects.filter(owner=request.user, routine=routine, date=day).first()
    context = {
        "day": day,
        "session": session,
        "block": {"routine": routine, "pain_form": form},
    }
    status = 200 if form.is_valid() else 422
    return render(request, "today/day.html#pain-before", context, status=status)


@login_required
@require_POST
@leaves_plan_alone
def log_session(request, day, routine_id):
    """Pain before/after, effort, notes; 'Finish session'. Bad values store nothing."""
    routine = own_routine(request, routine_id)
    refused = refuse(request, day)
    if refused:
        return refused
    existing = SessionLog.objects.filter(owner=request.user, routine=routine, date=day).first()
    form = _log_form(existing, routine.pk, request.POST)
    if not form.is_valid():
        messages.error(request, "Some answers need another look; nothing was saved yet.")
        return _render_day(request, day, invalid_form=(routine.pk, form))
    reopen = request.POST.get("action") == "reopen"
    with transaction.atomic():  # locked: the routine can't be deleted halfway
        routine = own_routine(request, routine_id, lock=True)
        session = existing or SessionLog.for_routine_on(request.user, routine, day)
        form = SessionLogForm(
            request.POST,
            instance=session,
            prefix=f"r{routine.pk}",
            ask_pain_before="pain_before" in form.fields,
        )
        form.is_valid()
        session = form.save(commit=False)
        session.finished_at = None if reopen else session.finished_at or timezone.now()
        session.save()
    if reopen:
        messages.info(request, f"“{routine.name}” is open again.")
    else:
        if session.pain_rose:
            messages.warning(request, ease_off_message())
        else:
            messages.success(request, f"Well done: “{routine.name}” is finished.")
    return redirect(f"{day_url(request, day)}#routine-{routine.pk}")


def ease_off_message() -> str:
    notice = content.EASE_OFF_NOTICE
    return f"{notice['after_session']} {notice['text']}"


def day_url(request, day: date) -> str:
    if day == request.user.profile.today():
        return reverse("exercises:today")
    return reverse("exercises:day", args=[day])


@login_required
@require_POST
def acknowledge_notice(request):
    profile = request.user.profile
    profile.pain_notice_acknowledged_at = timezone.now()
    profile.save(update_fields=["pain_notice_acknowledged_at"])
    messages.info(request, content.ACKNOWLEDGED)
    return redirect("exercises:today")
