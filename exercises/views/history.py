"""History: heat map, weekly goal and streak, adherence, pain trend; the clinician summary;
the calendar feed."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import progress
from ..cache import cache_page_for_owner
from ..calendar_feed import build_calendar
from ..models import (
    ExerciseCheck,
    Profile,
    Routine,
    RoutineItem,
    SessionLog,
)

HISTORY_DAYS = 7 * 12


def routine_plans(user, profile) -> tuple[list, list[progress.RoutinePlan]]:
    routines = list(
        Routine.objects.for_user(user).annotate(
            live_items=Count("items", filter=Q(items__paused=False))
        )
    )
    plans = [
        progress.RoutinePlan(
            id=r.pk,
            weekdays=r.weekdays,
            since=r.created_at.astimezone(profile.zone).date(),
            active=r.active and r.live_items > 0,
        )
        for r in routines
    ]
    return routines, plans


def session_facts(user, since) -> list[progress.SessionFact]:
    rows = (
        SessionLog.objects.for_user(user)
        .filter(date__gte=since)
        .annotate(done=Count("checks", filter=Q(checks__status=ExerciseCheck.Status.DONE)))
        .values("date", "routine_id", "finished_at", "pain_before", "pain_after", "done")
    )
    return [
        progress.SessionFact(
            date=row["date"],
            routine_id=row["routine_id"],
            finished=row["finished_at"] is not None,
            pain_before=row["pain_before"],
            pain_after=row["pain_after"],
            checked=row["done"],
        )
        for row in rows
    ]


def _history_context(user, profile) -> dict:
    today = profile.today()
    routines, plans = routine_plans(user, profile)
    since = today - timedelta(days=HISTORY_DAYS + 7)
    sessions = session_facts(user, since)
    goal = profile.weekly_goal or max(1, progress.planned_per_week(plans))
    # Streaks (the best one especially) look at every week, not just the heat map's.
    finished_ever = [
        progress.SessionFact(day, None, True)
        for day in SessionLog.objects.for_user(user)
        .filter(finished_at__isnull=False)
        .values_list("date", flat=True)
    ]
    first_day = min([s.date for s in finished_ever] + [p.since for p in plans] + [today])
    weeks = progress.heat_map(today, profile.week_start, plans, sessions)
    backfill_from = today - timedelta(days=7)
    heat_rows = [
        [
            {
                "date": day,
                "status": status,
                "label": f"{day:%A %-d %B}: {progress.DAY_LABELS[status]}",
                "link": backfill_from <= day <= today,
                "is_today": day == today,
            }
            for day, status in week
        ]
        for week in weeks
    ]
    totals = (
        ExerciseCheck.objects.filter(session__owner=user)
        .values("exercise__name", "exercise__slug")
        .annotate(
            done=Count("id", filter=Q(status=ExerciseCheck.Status.DONE)),
            hurt=Count("id", filter=Q(status=ExerciseCheck.Status.HURT)),
        )
        .order_by("-done", "exercise__name")
    )
    return {
        "today": today,
        "routines": routines,
        "heat_rows": heat_rows,
        "weekday_headers": [
            ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d] for d in profile.week_order()
        ],
        "goal": progress.weekly_goal(today, profile.week_start, goal, finished_ever, first_day),
        "goal_is_default": profile.weekly_goal is None,
        "adherence": _from_first_planned_week(
            progress.weekly_adherence(today, profile.week_start, plans, sessions)
        ),
        "totals": list(totals),
        "trend": progress.pain_trend(sessions, today),
        "has_logs": bool(sessions),
    }


def _from_first_planned_week(weeks: list) -> list:
    """Drop the empty weeks before the plan existed; keep gaps after it."""
    for index, week in enumerate(weeks):
        if week.scheduled:
            return weeks[index:]
    return weeks[-1:]


@login_required
@cache_page_for_owner
def history(request):
    profile = request.user.profile
    return render(request, "history/history.html", _history_context(request.user, profile))


@login_required
@require_POST
def set_goal(request):
    profile = request.user.profile
    raw = request.POST.get("weekly_goal", "").strip()
    if raw == "":
        profile.weekly_goal = None
        messages.success(request, "Your weekly goal now follows your plan.")
    elif raw.isdigit() and 1 <= int(raw) <= 21:
        profile.weekly_goal = int(raw)
        messages.success(request, f"Your weekly goal is {raw} session{'s' if raw != '1' else ''}.")
    else:
        messages.error(
            request, "A weekly goal is a number of sessions from 1 to 21. Nothing was changed."
        )
        return redirect("exercises:history")
    profile.save(update_fields=["weekly_goal"])
    return redirect("exercises:history")


@login_required
def summary(request):
    """One printable page for a GP or physiotherapist."""
    user = request.user
    profile = user.profile
    context = _history_context(user, profile)
    today = context["today"]
    context.update(
        profile=profile,
        plan=Routine.objects.for_user(user).active().with_items(),
        stopped=RoutineItem.objects.filter(
            routine__owner=user, paused=True, pause_reason=RoutineItem.PauseReason.HURT
        ).select_related("exercise", "routine"),
        hurt_checks=ExerciseCheck.objects.filter(
            session__owner=user,
            status=ExerciseCheck.Status.HURT,
            session__date__gte=today - timedelta(days=60),
        )
        .select_related("exercise", "session")
        .order_by("-session__date"),
        shared_notes=SessionLog.objects.for_user(user)
        .filter(share_notes=True)
        .exclude(notes="")
        .order_by("-date")[:30],
    )
    return render(request, "history/summary.html", context)


def calendar_feed(request, token):
    """The plan as iCalendar. The secret token is the only credential: no session needed."""
    profile = (
        Profile.objects.select_related("user").filter(calendar_token=token).first()
        if len(token) >= 20
        else None
    )
    if profile is None:
        raise Http404("Unknown calendar link.")
    routines = Routine.objects.for_user(profile.user).active().with_items()
    body = build_calendar(
        profile,
        routines,
        today_url=request.build_absolute_uri(reverse("exercises:today")),
        now=datetime.now(tz=profile.zone),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="backcare.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
