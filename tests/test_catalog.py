"""The public pages — home, the catalog with its filters, each exercise, /learn/,
the 404 page, /healthz — plus the layout rules every page keeps (disclaimer, no request
leaves the host) and the catalog's query counts and cache."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

from exercises import content
from exercises.models import Exercise, Focus

pytestmark = pytest.mark.django_db

CATALOG = reverse("exercises:catalog")
FILTERS = ("focus", "kind", "level", "equipment")
FOCUS_NAMES = dict(content.FOCUS_AREAS)


def html(response) -> str:
    return response.content.decode()


def result_slugs(response) -> list[str]:
    """The exercises shown as cards in the catalog's results, in order."""
    page = html(response)
    results = page[page.index('id="results"') :]
    return re.findall(r'<h2><a href="/exercises/([\w-]+)/">', results)


def expected_slugs(q="", focus="", kind="", level="", equipment="") -> list[str]:
    """The catalog content filtered by hand, to compare with what the page shows."""

    def matches(item) -> bool:
        searchable = " ".join(
            [item["name"], item["summary"], item["why"]]
            + [FOCUS_NAMES[slug] for slug in item["focus"]]
        ).lower()
        return (
            all(word.lower() in searchable for word in q.split())
            and (not focus or focus in item["focus"])
            and (not kind or item["kind"] == kind)
            and (not level or item["level"] == level)
            and (not equipment or item["equipment"] == equipment)
        )

    return [item["slug"] for item in content.EXERCISES if matches(item)]


def footer(response) -> str:
    page = html(response)
    return page[page.index("<footer") :]


# --- Home, learn, healthz, 404 ----------------------------------------------------------------


def test_home_explains_and_links_to_catalog_and_signup(client, catalog):
    response = client.get("/")
    assert response.status_code == 200
    page = html(response)
    assert escape(content.HOME_INTRO) in page
    assert f'href="{CATALOG}"' in page
    assert f'href="{reverse("exercises:signup")}"' in page
    assert escape(content.DISCLAIMER) in page


def test_healthz_says_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_learn_page_has_benefits_tips_red_flags_and_disclaimer(client, db):
    response = client.get(reverse("exercises:learn"))
    assert response.status_code == 200
    page = html(response)
    assert len(content.BENEFITS) == 5
    assert len(content.HABIT_TIPS) == 4
    for benefit in content.BENEFITS:
        assert escape(benefit["name"]) in page
        assert escape(benefit["text"]) in page
    for tip in content.HABIT_TIPS:
        assert escape(tip["title"]) in page
    assert 'id="red-flags"' in page
    assert content.RED_FLAGS
    for flag in content.RED_FLAGS:
        assert escape(flag["sign"]) in page
    assert escape(content.DISCLAIMER_LONG) in page


def test_unknown_exercise_is_404_in_the_site_layout(client, catalog):
    response = client.get(reverse("exercises:detail", args=["handstand"]))
    assert response.status_code == 404
    page = html(response)
    assert '<nav class="main-nav" aria-label="Main">' in page
    assert "couldn" in page  # the friendly "we couldn't find that page" text
    assert escape(content.DISCLAIMER) in footer(response)


# --- Every page: disclaimer, no off-host requests, htmx from our own static files -------------


def public_pages(catalog) -> list[str]:
    return [
        "/",
        CATALOG,
        f"{CATALOG}?q=zzzz",
        reverse("exercises:learn"),
        reverse("login"),
        reverse("exercises:signup"),
        reverse("password_reset"),
        "/no-such-page/",
        *(exercise.get_absolute_url() for exercise in catalog.values()),
    ]


def test_every_page_has_the_disclaimer_in_its_footer(client, catalog):
    for url in public_pages(catalog):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert escape(content.DISCLAIMER) in footer(response), url


def test_no_page_refers_to_another_host(client, catalog):
    off_host = re.compile(r"""(?:src|href|action|srcset)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
    for url in public_pages(catalog):
        page = html(client.get(url))
        assert not off_host.findall(page), url
        assert "@import" not in page, url


def test_no_logged_in_page_refers_to_another_host(logged_in, user, make_routine):
    routine = make_routine(user)
    off_host = re.compile(r"""(?:src|href|action|srcset)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
    urls = [
        reverse("exercises:plan"),
        reverse("exercises:starters"),
        reverse("exercises:routine_new"),
        routine.get_absolute_url(),
        reverse("exercises:add_to_plan", args=["plank"]),
        reverse("exercises:settings"),
        reverse("exercises:safety_check"),
        reverse("exercises:today"),
        reverse("exercises:history"),
        reverse("exercises:learn"),
    ]
    for url in urls:
        response = logged_in.get(url)
        assert response.status_code == 200, url
        assert not off_host.findall(html(response)), url
        assert escape(content.DISCLAIMER) in footer(response), url


def test_htmx_script_is_served_from_our_static_files(client, catalog):
    page = html(client.get(CATALOG))
    scripts = re.findall(r'<script[^>]*\ssrc="([^"]+)"', page)
    htmx = [src for src in scripts if "htmx" in src]
    assert htmx, "the page loads htmx"
    assert all(src.startswith("/static/") for src in scripts)
    response = client.get(htmx[0])
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert b"htmx" in body


# --- The catalog --------------------------------------------------------------------------------


def test_catalog_lists_all_ten_with_search_and_filter_controls(client, catalog):
    response = client.get(CATALOG)
    assert response.status_code == 200
    assert result_slugs(response) == [item["slug"] for item in content.EXERCISES]
    page = html(response)
    assert '<label for="id_q">Search</label>' in page
    for name in FILTERS:
        assert f'<label for="id_{name}">{name.capitalize()}</label>' in page
    assert "Showing all 10 exercises." in page


def test_catalog_card_shows_name_picture_summary_kind_level_focus_and_duration(client, catalog):
    page = html(client.get(CATALOG))
    plank = catalog["plank"]
    card = page[page.index(f'href="{plank.get_absolute_url()}"') :]
    card = card[: card.index("</article>")]
    assert escape(plank.name) in card
    assert escape(plank.summary) in card
    assert plank.get_kind_display() in card
    assert plank.get_level_display() in card
    assert f"{plank.duration_minutes} min" in card
    for area in plank.focus.all():
        assert escape(area.name) in card
    assert re.search(r'<img src="/static/img/exercises/plank\.[0-9a-f]+\.svg"', page)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "twist"},
        {"q": "lower back"},
        {"q": "PLANK"},
        {"focus": "core"},
        {"focus": "obliques"},
        {"kind": "stretch"},
        {"kind": "strength"},
        {"level": "gentle"},
        {"level": "challenging"},
        {"equipment": "mat"},
        {"equipment": "chair"},
        {"focus": "lower-back", "kind": "stretch"},
        {"focus": "lower-back", "kind": "strength", "level": "moderate", "equipment": "mat"},
        {"q": "pose", "level": "gentle", "equipment": "mat"},
        {"kind": "mobility", "equipment": "wall"},
    ],
    ids=lambda params: "&".join(f"{k}={v}" for k, v in params.items()),
)
def test_filters_alone_and_combined_show_exactly_the_matching_exercises(client, catalog, params):
    expected = expected_slugs(**params)
    assert expected, "each case should match something"
    response = client.get(CATALOG, params)
    assert response.status_code == 200
    assert result_slugs(response) == expected
    count = len(expected)
    assert f"{count} exercise{'s' if count != 1 else ''} match" in html(response)


def test_filters_narrow_as_they_combine(client, catalog):
    broad = result_slugs(client.get(CATALOG, {"focus": "lower-back"}))
    narrow = result_slugs(client.get(CATALOG, {"focus": "lower-back", "kind": "stretch"}))
    assert set(narrow) < set(broad)


def test_the_form_keeps_the_chosen_filters(client, catalog):
    page = html(client.get(CATALOG, {"q": "stretch", "kind": "stretch"}))
    assert 'value="stretch"' in page
    assert re.search(r'<option value="stretch" selected>', page)


@pytest.mark.parametrize("name", FILTERS)
def test_unknown_filter_value_is_reported_and_ignored(client, catalog, name):
    response = client.get(CATALOG, {name: "flying-carpet"})
    assert response.status_code == 200
    assert f"That {name} isn&#x27;t one we know, so it was ignored." in html(response)
    assert result_slugs(response) == [item["slug"] for item in content.EXERCISES]


def test_unknown_filter_is_dropped_but_the_valid_ones_still_apply(client, catalog):
    response = client.get(CATALOG, {"kind": "stretch", "level": "impossible"})
    assert response.status_code == 200
    assert "isn&#x27;t one we know" in html(response)
    assert result_slugs(response) == expected_slugs(kind="stretch")


def test_no_match_shows_an_empty_state_with_a_way_back(client, catalog):
    response = client.get(CATALOG, {"q": "trampoline"})
    assert response.status_code == 200
    assert result_slugs(response) == []
    page = html(response)
    assert "No exercises match" in page
    empty = page[page.index("empty-state") :]
    assert f'href="{CATALOG}"' in empty
    assert "0 exercises match" in page


def test_htmx_request_gets_only_the_results_fragment_with_the_count(client, catalog):
    response = client.get(CATALOG, {"kind": "strength"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = html(response)
    assert page.lstrip().startswith('<div id="results">')
    assert "<html" not in page
    assert "<nav" not in page
    assert "<footer" not in page
    assert 'id="result-count" data-hx-swap-oob="innerHTML"' in page
    count = len(expected_slugs(kind="strength"))
    assert f"{count} exercises match" in page
    assert result_slugs(response) == expected_slugs(kind="strength")
    assert response["HX-Push-Url"] == f"{CATALOG}?kind=strength"


def test_htmx_push_url_leaves_out_empty_filters(client, catalog):
    response = client.get(
        CATALOG,
        {"q": "", "focus": "core", "kind": "", "level": "", "equipment": ""},
        headers={"HX-Request": "true"},
    )
    assert response["HX-Push-Url"] == f"{CATALOG}?focus=core"


def test_full_request_gets_the_whole_page(client, catalog):
    response = client.get(CATALOG, {"kind": "strength"})
    page = html(response)
    assert page.startswith("<!doctype html>")
    assert '<nav class="main-nav" aria-label="Main">' in page
    assert '<div id="results">' in page
    assert "hx-swap-oob" not in page  # neither prefix
    assert "HX-Push-Url" not in response


def test_htmx_history_restore_gets_the_whole_page(client, catalog):
    response = client.get(
        CATALOG,
        {"kind": "strength"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert html(response).startswith("<!doctype html>")


def test_catalog_varies_on_the_htmx_header(client, catalog):
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(CATALOG, headers=headers)
        vary = [part.strip().lower() for part in response["Vary"].split(",")]
        assert "hx-request" in vary


# --- One exercise -------------------------------------------------------------------------------


def section_of(page: str, marker: str) -> str:
    """The text of the <section> whose opening tag holds `marker`."""
    start = page.index(marker)
    return page[start : page.index("</section>", start)]


def ordered_list_items(page: str) -> list[list[str]]:
    lists = re.findall(r"<ol[^>]*>(.*?)</ol>", page, re.S)
    return [re.findall(r"<li>(.*?)</li>", body, re.S) for body in lists]


@pytest.mark.parametrize("slug", [item["slug"] for item in content.EXERCISES])
def test_exercise_page_shows_everything_needed_to_do_it_safely(client, catalog, slug):
    exercise = catalog[slug]
    response = client.get(exercise.get_absolute_url())
    assert response.status_code == 200
    page = html(response)

    assert re.findall(r"<h1>(.*?)</h1>", page) == [escape(exercise.name)]
    # The picture is drawn into the page (so that it can move), described by its alt text.
    alt = re.escape(escape(exercise.image_alt))
    assert re.search(rf'<figure class="picture picture--page picture--{slug}">', page)
    assert re.search(rf'<div class="picture__art" role="img" aria-label="{alt}">', page)
    assert exercise.image_alt.strip()
    assert escape(exercise.summary) in page

    steps = [escape(step) for step in exercise.step_list]
    assert 3 <= len(steps) <= 7
    assert steps in ordered_list_items(page)

    assert escape(exercise.dose_label) in page
    assert f"<dd>{exercise.default_sets}</dd>" in page
    if exercise.uses_hold:
        assert f"<dd>{exercise.default_hold_seconds} seconds</dd>" in page
    else:
        assert f"<dd>{exercise.default_reps}</dd>" in page
    # "Sides" is only said where there are two: an exercise done once for both has none.
    assert ("<dt>Sides</dt>" in page) == exercise.per_side

    assert escape(exercise.breathing) in page
    assert exercise.mistake_list
    for mistake in exercise.mistake_list:
        assert escape(mistake) in page
    assert "Hurt is not harm" in page
    assert escape(content.HURT_IS_NOT_HARM) in page
    stop = section_of(page, 'id="stop"')
    for rule in content.STOP_RULES:
        assert escape(rule[0].upper() + rule[1:]) in stop
    assert exercise.caution_list
    for caution in exercise.caution_list:
        assert escape(caution) in section_of(page, 'id="adapt"')
    check_first = section_of(page, 'id="check-first"')
    for line in exercise.check_first_list:
        assert escape(line) in check_first
    assert ("Getting down to the floor" in page) is (
        exercise.on_the_floor or any(v.on_the_floor for v in exercise.versions.all())
    )
    assert exercise.benefits.exists()
    for benefit in exercise.benefits.all():
        assert escape(benefit.name) in page
    assert exercise.focus.exists()
    for area in exercise.focus.all():
        assert escape(area.name) in page
    assert escape(exercise.get_equipment_display()) in page
    assert escape(exercise.why) in page


@pytest.mark.parametrize("slug", [item["slug"] for item in content.EXERCISES])
def test_exercise_page_links_to_its_related_exercises(client, catalog, slug):
    item = next(item for item in content.EXERCISES if item["slug"] == slug)
    page = html(client.get(catalog[slug].get_absolute_url()))
    assert item["related"]
    for other in item["related"]:
        assert f'href="{catalog[other].get_absolute_url()}"' in page


def test_variation_and_basic_pose_link_to_each_other(client, catalog):
    basic, variation = catalog["childs-pose"], catalog["childs-pose-side-stretch"]
    assert variation.variation_of == basic

    basic_page = html(client.get(basic.get_absolute_url()))
    section = basic_page[basic_page.index('id="variations"') :]
    section = section[: section.index("</section>")]
    assert f'href="{variation.get_absolute_url()}"' in section

    variation_page = html(client.get(variation.get_absolute_url()))
    assert f'A variation of <a href="{basic.get_absolute_url()}">' in variation_page
    section = variation_page[variation_page.index('id="variations"') :]
    section = section[: section.index("</section>")]
    assert f'href="{basic.get_absolute_url()}"' in section


def test_exercise_page_offers_add_to_plan_when_logged_in_and_sign_up_otherwise(
    client, catalog, user
):
    plank = catalog["plank"]
    anonymous = html(client.get(plank.get_absolute_url()))
    assert "Add to plan" not in anonymous
    assert f'href="{reverse("exercises:signup")}"' in anonymous

    client.force_login(user)
    logged_in = html(client.get(plank.get_absolute_url()))
    form = logged_in[
        logged_in.index(f'action="{reverse("exercises:add_to_plan", args=["plank"])}"') :
    ]
    assert re.match(r'[^<]*>\s*<button type="submit">Add to plan</button>', form)


# --- Queries and cache --------------------------------------------------------------------------


def add_exercises(count: int) -> None:
    """Extra rows shaped like the real ones, each linked to two focus areas."""
    focus = list(Focus.objects.all())
    for number in range(count):
        exercise = Exercise.objects.create(
            slug=f"extra-{number}",
            name=f"Extra exercise {number}",
            summary="An extra exercise for counting queries.",
            why="Because.",
            steps="One\nTwo\nThree",
            breathing="Breathe.",
            mistakes="Rushing",
            cautions="Stop if it hurts.",
            kind=Exercise.Kind.STRETCH,
            level=Exercise.Level.GENTLE,
            equipment=Exercise.Equipment.MAT,
            default_sets=2,
            default_reps=8,
            duration_minutes=2,
            image="img/exercises/plank.svg",
            image_alt="A person.",
            position=100 + number,
        )
        exercise.focus.set(focus[number % len(focus) :][:2] or focus[:2])


def uncached_queries(client, url, django_assert_max_num_queries) -> int:
    cache.clear()
    with django_assert_max_num_queries(20) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        CATALOG,
        f"{CATALOG}?focus=lower-back&kind=stretch",
        f"{CATALOG}?q=back",
        reverse("exercises:detail", args=["childs-pose"]),
        reverse("exercises:detail", args=["plank"]),
    ],
)
def test_catalog_page_queries_do_not_grow_with_the_number_of_exercises(
    client, catalog, django_assert_max_num_queries, url
):
    at_ten = uncached_queries(client, url, django_assert_max_num_queries)
    add_exercises(90)
    assert Exercise.objects.listed().count() == 100
    at_hundred = uncached_queries(client, url, django_assert_max_num_queries)
    assert at_ten == at_hundred
    # An exercise page also loads its easier and harder versions, and its own row apart
    # (all a logged-in visit to the cached page reads): two queries more.
    assert at_ten <= (10 if url.rstrip("/").count("/") == 2 else 8)


@pytest.mark.parametrize(
    "url", [CATALOG, f"{CATALOG}?kind=stretch", reverse("exercises:detail", args=["plank"])]
)
def test_a_second_request_is_served_from_the_cache_with_fewer_queries(
    client, catalog, django_assert_max_num_queries, url
):
    first = uncached_queries(client, url, django_assert_max_num_queries)
    with django_assert_max_num_queries(20) as captured:
        client.get(url)
    assert len(captured.captured_queries) < first


def test_catalog_shows_all_hundred_exercises(client, catalog):
    add_exercises(90)
    response = client.get(CATALOG)
    assert len(result_slugs(response)) == 100
    assert "Showing all 100 exercises." in html(response)


def test_editing_an_exercise_refreshes_its_cached_pages(client, catalog):
    plank = catalog["plank"]
    assert "Forearm plank hold" not in html(client.get(plank.get_absolute_url()))
    assert "Forearm plank hold" not in html(client.get(CATALOG))

    plank.name = "Forearm plank hold"
    plank.save()

    assert "<h1>Forearm plank hold</h1>" in html(client.get(plank.get_absolute_url()))
    assert "Forearm plank hold" in html(client.get(CATALOG))


def test_changing_an_exercises_focus_refreshes_the_filtered_catalog(client, catalog):
    plank = catalog["plank"]
    assert "plank" not in result_slugs(client.get(CATALOG, {"focus": "hips"}))
    plank.focus.add(Focus.objects.get(slug="hips"))
    assert "plank" in result_slugs(client.get(CATALOG, {"focus": "hips"}))


@pytest.mark.parametrize(
    ("q", "finds", "not_found"),
    [
        ("stretch", ["childs-pose", "knee-to-chest"], ["plank"]),  # the kind counts
        ("stretches", ["childs-pose"], ["plank"]),
        ("brige", ["bridge"], ["plank"]),  # one letter off
        ("supermna", ["superman"], ["bridge"]),  # two letters swapped
        ("gentle", ["childs-pose", "pelvic-tilts"], ["plank"]),  # the level
        ("chair", ["seated-spinal-twist"], ["bridge"]),  # the equipment
        ("gentle core", ["pelvic-tilts"], ["plank", "childs-pose"]),  # every word counts
    ],
)
def test_search_understands_kind_level_and_small_typos(client, catalog, q, finds, not_found):
    shown = result_slugs(client.get(CATALOG, {"q": q}))
    for slug in finds:
        assert slug in shown, (q, slug)
    for slug in not_found:
        assert slug not in shown, (q, slug)


def test_search_for_nonsense_finds_nothing_and_says_so(client, catalog):
    response = client.get(CATALOG, {"q": "zzzzqx"})
    assert result_slugs(response) == []
    assert "No exercises match" in html(response)


def test_logged_in_the_home_page_leads_with_the_users_day(logged_in, user, make_routine):
    make_routine(user, "Morning", days=range(7), slugs=("cat-cow", "plank"))
    page = html(logged_in.get("/"))
    assert page.index("Hello, alex") < page.index("Look after your back")
    assert "0 of 2 exercises done today." in page
    assert "<strong>Morning</strong>: 0 of 2" in page
    assert f'href="{reverse("exercises:today")}"' in page


def test_logged_in_with_nothing_today_the_home_page_says_what_is_next(logged_in, user, catalog):
    page = html(logged_in.get("/"))
    assert "Nothing is planned for today" in page
    assert "Plan your week" in page
