"""The catalog: browse, filter and search the ten exercises, and read one."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.http import urlencode
from django_htmx.http import push_url

from .. import content, planning
from ..cache import cache_page_for_owner, cache_page_for_visitors, catalog_version
from ..forms import CatalogFilterForm
from ..models import Exercise, Focus


def _cached(version: str, name: str, compute):
    """Cache catalog data under the current catalog version (moved by any edit)."""
    return cache.get_or_set(f"catalog:{version}:{name}", compute, settings.CATALOG_CACHE_SECONDS)


class _CatalogQuery:
    """The filter form, its valid filters and their results, worked out only when the
    page is rendered: a cached page (the usual case) needs none of it."""

    def __init__(self, request, version: str):
        self.params, self.version = request.GET, version

    @cached_property
    def form(self) -> CatalogFilterForm:
        focus_choices = _cached(
            self.version,
            "focus-choices",
            lambda: list(Focus.objects.values_list("slug", "name")),
        )
        return CatalogFilterForm(self.params or None, focus_choices=focus_choices)

    @cached_property
    def active(self) -> dict[str, str]:
        filters = self.form.filters() if self.params else {}
        return {name: value for name, value in filters.items() if value}

    @cached_property
    def exercises(self) -> list[Exercise]:
        key = "results:" + urlencode(sorted(self.active.items()))
        return _cached(
            self.version, key, lambda: list(Exercise.objects.search(**self.active).for_cards())
        )

    @cached_property
    def errors(self) -> list[str]:
        if not self.params:
            return []
        return [error for errors in self.form.errors.values() for error in errors]


@cache_page_for_visitors
@cache_page_for_owner(query=True)
def catalog(request):
    version = catalog_version()
    query = _CatalogQuery(request, version)
    context = {
        "form": SimpleLazyObject(lambda: query.form),
        "exercises": SimpleLazyObject(lambda: query.exercises),
        "filtered": SimpleLazyObject(lambda: bool(query.active)),
        "errors": SimpleLazyObject(lambda: query.errors),
        "catalog_version": version,
        # What the cached fragments vary on: every parameter as given, so a refused value
        # shows its message, not another request's.
        "query_key": request.GET.urlencode(),
        "CATALOG_CACHE_SECONDS": settings.CATALOG_CACHE_SECONDS,
    }
    if request.htmx and not request.htmx.history_restore_request:
        context["oob"] = True  # the result count outside #results changes too
        response = render(request, "exercises/catalog.html#results", context)
        # Push the tidy URL (no empty parameters) rather than the raw form submission.
        active = query.active
        push_url(response, request.path + (f"?{urlencode(active)}" if active else ""))
    else:
        response = render(request, "exercises/catalog.html", context)
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def _load_exercise(slug: str) -> Exercise | None:
    return (
        Exercise.objects.select_related("variation_of", "version_of")
        .prefetch_related("focus", "benefits", "variations", "related", "related_from", "versions")
        .filter(slug=slug)
        .first()
    )


class _ExercisePage:
    """What the cached parts of an exercise page show (its versions, variations and
    related exercises), loaded only when a part is rendered: a logged-in visit to a page
    already cached needs just the exercise's own row, for the dose and the plan box."""

    def __init__(self, version: str, slug: str):
        self.version, self.slug = version, slug

    @cached_property
    def exercise(self) -> Exercise:
        return _cached(self.version, f"exercise:{self.slug}", lambda: _load_exercise(self.slug))

    @cached_property
    def versions(self) -> dict[str, Exercise]:
        return {v.version_kind: v for v in self.exercise.versions.all()}

    @cached_property
    def related(self) -> list[Exercise]:
        exercise = self.exercise
        related = {e.slug: e for e in [*exercise.related.all(), *exercise.related_from.all()]}
        related.pop(exercise.slug, None)
        return sorted(related.values(), key=lambda e: e.position)


@cache_page_for_visitors
@cache_page_for_owner(query=True)
def detail(request, slug):
    version = catalog_version()
    exercise = _cached(
        version,
        f"exercise-row:{slug}",
        lambda: Exercise.objects.select_related("version_of").filter(slug=slug).first(),
    )
    if exercise is None:
        raise Http404("No exercise with that name.")
    if exercise.version_of:
        # An easier or harder version is described on its exercise's page.
        return redirect(
            reverse("exercises:detail", args=[exercise.version_of.slug])
            + f"#{exercise.version_kind}"
        )
    page = _ExercisePage(version, slug)
    plan_box = {}
    if request.user.is_authenticated:
        mine = planning.in_plan(request.user, exercise)
        added = request.GET.get("added", "")
        plan_box = {"in_plan": mine, "added": next((i for i in mine if str(i.pk) == added), None)}
    return render(
        request,
        "exercises/detail.html",
        {
            "exercise": exercise,
            "full": SimpleLazyObject(lambda: page.exercise),
            "variations": SimpleLazyObject(lambda: list(page.exercise.variations.all())),
            "easier": SimpleLazyObject(lambda: page.versions.get(Exercise.VersionKind.EASIER)),
            "harder": SimpleLazyObject(lambda: page.versions.get(Exercise.VersionKind.HARDER)),
            "stop_rules": content.STOP_RULES,
            "hurt_is_not_harm": content.HURT_IS_NOT_HARM,
            "dose_advice": content.DOSE_ADVICE,
            "floor": content.FLOOR_TRANSFER,
            "related": SimpleLazyObject(lambda: page.related),
            "catalog_version": version,
            "CATALOG_CACHE_SECONDS": settings.CATALOG_CACHE_SECONDS,
            **plan_box,
        },
    )
