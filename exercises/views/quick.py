"""A quick session: exercises done outside the plan, logged for today in one form."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..forms import QuickExercisesForm, SessionLogForm
from ..models import Exercise, ExerciseCheck, SessionLog
from .activities import submission_key
from .today import day_url, ease_off_message, refuse


@login_required
def quick_session(request):
    """An unplanned session of any catalog exercises, logged as done for today."""
    profile = request.user.profile
    exercises = list(Exercise.objects.listed())
    errors = []
    form = SessionLogForm(request.POST or None, prefix="quick")
    if request.method == "POST":
        picked = QuickExercisesForm(request.POST)
        chosen = list(picked.cleaned_data["exercise"]) if picked.is_valid() else []
        errors.extend(picked.errors.get("exercise", []))
        if form.is_valid() and not errors:
            try:
                with transaction.atomic():
                    session = form.save(commit=False)
                    session.owner = request.user
                    session.routine = None
                    session.routine_name = "Quick session"
                    session.date = profile.today()
                    session.finished_at = timezone.now()
                    session.submission_key = submission_key(request)
                    session.save()
                    ExerciseCheck.objects.bulk_create(
                        ExerciseCheck(session=session, exercise=e) for e in chosen
                    )
            except IntegrityError:
                messages.info(request, "That quick session is already logged.")
                return redirect("exercises:today")
            if session.pain_rose:
                messages.warning(request, ease_off_message())
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
            "submission_key": submission_key(request) or uuid.uuid4(),
        },
    )


@login_required
@require_POST
def log_quick(request, day, session_id):
    session = get_object_or_404(SessionLog, pk=session_id, owner=request.user, routine=None)
    if session.date != day:
        return redirect("exercises:day", day=session.date)
    refused = refuse(request, day)
    if refused:
        return refused
    form = SessionLogForm(request.POST, instance=session, prefix=f"q{session.pk}")
    if form.is_valid():
        form.save()
        messages.success(request, "Saved.")
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(day_url(request, day))
