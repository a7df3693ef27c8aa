"""Static-ish pages: home, learn, and the 404 page in the site's layout."""

from django.shortcuts import render
from django_htmx.http import trigger_client_event

from .. import content, days
from .gone import Gone


def home(request):
    """For a visitor, what BackCare is; for someone logged in, their day first."""
    context = {"intro": content.HOME_INTRO}
    if request.user.is_authenticated:
        today = request.user.profile.today()
        context["day"] = days.build_day(request.user, today)
        if not context["day"]["blocks"]:
            context["next_planned"] = days.next_planned_day(request.user, today)
    return render(request, "exercises/home.html", context)


def learn(request):
    return render(
        request,
        "exercises/learn.html",
        {
            "benefits": content.BENEFITS,
            "habit_tips": content.HABIT_TIPS,
            "intro": content.LEARN_INTRO,
            "back_facts": content.BACK_FACTS,
            "flare_up": content.FLARE_UP,
            "red_flag_tiers": content.red_flags_by_tier(),
            "disclaimer_long": content.DISCLAIMER_LONG,
        },
    )


def not_found(request, exception=None):
    """The 404 page; a `Gone` says what is missing (announced to htmx, which shows no 404)."""
    reason = str(exception) if isinstance(exception, Gone) else ""
    response = render(request, "404.html", {"reason": reason}, status=404)
    if reason and getattr(request, "htmx", False):
        trigger_client_event(response, "backcare:announce", {"message": reason})
    return response
