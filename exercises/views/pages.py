"""Static-ish pages: home, learn, and the 404 page in the site's layout."""

from django.shortcuts import render

from .. import content


def home(request):
    return render(request, "exercises/home.html", {"intro": content.HOME_INTRO})


def learn(request):
    return render(
        request,
        "exercises/learn.html",
        {
            "benefits": content.BENEFITS,
            "habit_tips": content.HABIT_TIPS,
            "red_flags": content.RED_FLAGS,
            "red_flag_advice": content.RED_FLAG_ADVICE,
            "disclaimer_long": content.DISCLAIMER_LONG,
        },
    )


def not_found(request, exception=None):
    return render(request, "404.html", status=404)
