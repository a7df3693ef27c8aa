"""History: heat map, weekly goal and streak, adherence, pain trend; the clinician summary;
the calendar feed."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import flare_up, history_report
from ..cache import cache_page_for_owner
from ..calendar_feed import build_calendar
from ..forms import SummaryForm, WeeklyGoalForm
from ..models import Profile, Routine


@login_required
@cache_page_for_owner
def history(request):
    profile = request.user.profile
    return render(
        request, "history/history.html", history_report.history_context(request.user, profile)
    )


@login_required
@require_POST
def set_goal(request):
    profile = request.user.profile
    form = WeeklyGoalForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["weekly_goal"]))
        return redirect("exercises:history")
    goal = form.cleaned_data["weekly_goal"]
    profile.weekly_goal = goal
    profile.save(update_fields=["weekly_goal"])
    if goal is None:
        messages.success(request, "Your weekly goal now follows your plan.")
    else:
        messages.success(request, f"Your weekly goal is {goal} session{'s' * (goal != 1)}.")
    return redirect("exercises:history")


@login_required
def summary(request):
    """One printable page for a GP or physiotherapist, over the dates asked for (GET
    `from`, `to`) or the last eight weeks; bad dates get a message and the default."""
    profile = request.user.profile
    today = profile.today()
    default_start, _ = history_report.default_summary_range(profile, today)
    form = SummaryForm(request.GET or None, today=today, default_start=default_start)
    start, end, name = form.period()
    context = history_report.summary_context(request.user, profile, start, end)
    context.update(
        form=form,
        profile=profile,
        name=name or request.user.get_full_name() or request.user.username,
        is_default_range=(start, end) == (default_start, today),
        flare_ups=[s for s in flare_up.spells_since(request.user, start) if s.start <= end],
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
