"""The guided session player: one routine on one day, one exercise at a time.

With JavaScript, static/js/player.js runs the whole session from the page's JSON block
and ticks each exercise through Today's own endpoints as it is done. Without it, the same
URL is a step-through: `?step=N` shows one exercise with a Done button (a POST here that
ticks it and moves on), and the step after the last one is the "How did it go?" form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from .. import content, days, player
from ..cache import cache_page_for_owner
from ..forms import PainBeforeForm, PlayerStepForm, SessionLogForm
from ..models import Routine
from . import today


def _step_number(request, session: player.Session) -> int:
    """?step=N when it names a step (or the finish page just after the last), else the
    first exercise not yet done. Anything else in the address is simply ignored."""
    asked = PlayerStepForm(request.GET).value("step")
    if asked is not None and asked <= len(session.steps) + 1:
        return asked
    return session.first_unfinished


def _play_url(day, routine, step: int | None = None) -> str:
    url = reverse("exercises:play", args=[day, routine.pk])
    return f"{url}?step={step}" if step else url


@login_required
@cache_page_for_owner(query=True)
def play(request, day, routine_id):
    routine = get_object_or_404(Routine.objects.with_items(), pk=routine_id, owner=request.user)
    if request.method == "POST":
        return _post(request, day, routine)
    profile = request.user.profile
    problem = days.logging_refused(profile.today(), day)
    if problem:
        return render(request, "today/refused.html", {"problem": problem, "day": day}, status=400)
    session = player.build(request.user, routine, day)
    current = _step_number(request, session)
    log = session.log
    context = {
        "routine": routine,
        "day": day,
        "is_today": day == profile.today(),
        "back_url": today.day_url(request, day),
        "flare": session.flare,
        "steps": session.steps,
        "resting": session.resting,
        "current": current,
        "finish_step": len(session.steps) + 1,
        "log": log,
        "ask_pain_before": not (log and (log.finished or log.pain_before is not None)),
        "pain_form": PainBeforeForm(instance=log, prefix=f"r{routine.pk}"),
        "log_form": SessionLogForm(
            instance=log, prefix=f"r{routine.pk}", ask_pain_before=bool(log and log.finished)
        ),
        "hurt_guidance": content.HURT_GUIDANCE,
        "player_data": session.data(player.player_settings(profile)),
    }
    return render(request, "player/play.html", context)


def _post(request, day, routine):
    """Without JavaScript: "Done" on a step, or the pain-before answer."""
    refused = today.refuse(request, day)
    if refused:
        return refused
    if request.POST.get("action") == "pain-before":
        # The same endpoint as Today's question, then back to the player.
        today.start(request, day, routine.pk)
        return redirect(_play_url(day, routine, PlayerStepForm(request.POST).value("step")))
    session = player.build(request.user, routine, day)
    exercise = PlayerStepForm(request.POST).value("exercise")
    step = session.step_for(exercise) if exercise is not None else None
    if step is None:
        messages.error(
            request, "That exercise isn't part of this session today, so nothing was changed."
        )
        return redirect(_play_url(day, routine))
    player.record_done(request.user, session, step)
    messages.success(request, f"{step.exercise.name} done.")
    return redirect(_play_url(day, routine, step.number + 1))
