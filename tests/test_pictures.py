"""The exercise pictures: every file holds the positions of its movement, each position is
described, every position can morph into the next, the set stays light, and the picture
tag puts a moving picture on the exercise page and stills everywhere else."""

import gzip
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils.html import escape

from exercises import content
from exercises.models import Exercise
from exercises.templatetags.pictures import load_picture, mirror_words

ROOT = Path(settings.BASE_DIR)
IMAGES = ROOT / "static" / "img" / "exercises"
PICTURES_CSS = ROOT / "static" / "css" / "pictures.css"
SVG = "{http://www.w3.org/2000/svg}"
SLUGS = [item["slug"] for item in content.EXERCISES]
BUDGET = 60 * 1024


def frames(slug: str) -> list[ET.Element]:
    root = ET.parse(IMAGES / f"{slug}.svg").getroot()
    return [g for g in root if g.get("class") == "frame"]


def render(template: str, **context) -> str:
    return Template("{% load pictures %}" + template).render(Context(context))


# --- The files --------------------------------------------------------------------------------


def test_the_ten_pictures_and_their_movement_weigh_at_most_60_kb_compressed():
    sizes = [len(gzip.compress(path.read_bytes(), 9)) for path in sorted(IMAGES.glob("*.svg"))]
    assert len(sizes) == 10
    movement = len(gzip.compress(PICTURES_CSS.read_bytes(), 9))
    assert sum(sizes) + movement <= BUDGET, (sum(sizes), movement)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_picture_has_a_described_start_and_end_and_shows_one_position_as_a_still(slug):
    positions = frames(slug)
    labels = [g.get("data-label") for g in positions if g.get("id") != "harder"]
    assert labels[0] == "Start"
    assert labels[-1] == "End"
    assert set(labels[1:-1]) <= {"Then"}
    for g in positions:
        title = g.find(f"{SVG}title")
        assert title is not None, g.get("id")
        assert title.text.startswith(g.get("data-label")), g.get("id")
    # Shown with <img>, the file shows exactly one position (the key one).
    visible = [g.get("id") for g in positions if g.get("display") != "none"]
    assert len(visible) == 1


@pytest.mark.parametrize("slug", SLUGS)
def test_every_position_draws_the_same_parts_so_one_can_morph_into_the_next(slug):
    def commands(g):
        return {
            path.get("class"): re.sub(r"[^A-Za-z]", "", path.get("d"))
            for figure in g
            if figure.get("class") == "figure"
            for path in figure.iter(f"{SVG}path")
        }

    first, *others = [commands(g) for g in frames(slug)]
    assert first
    for other in others:
        assert other == first


@pytest.mark.parametrize("slug", SLUGS)
def test_the_movement_loops_at_a_calm_breathing_pace(slug):
    css = PICTURES_CSS.read_text()
    loop = re.search(rf"\.picture--{slug}\{{--picture-loop:([\d.]+)s\}}", css)
    assert loop, slug
    assert 6 <= float(loop.group(1)) <= 15
    assert f"@keyframes {slug}-" in css


def test_the_picture_styles_use_no_inline_style_or_script():
    for path in IMAGES.glob("*.svg"):
        text = path.read_text()
        assert " style=" not in text
        assert "<script" not in text


# --- The tag ----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_the_page_picture_is_inline_with_its_alt_text_labelled_positions_and_caption(catalog, slug):
    exercise = catalog[slug]
    page = render('{% exercise_picture exercise "page" %}', exercise=exercise)
    assert f'<figure class="picture picture--page picture--{slug}">' in page
    assert f'role="img" aria-label="{escape(exercise.image_alt)}"' in page
    assert page.count('class="picture__motion"') == 1
    labels = re.findall(r'<span class="picture__label">(\w+)</span>', page)
    assert labels[0] == "Start"
    assert "End" in labels
    for g in frames(slug):
        caption = g.find(f"{SVG}title").text
        head, _, rest = caption.partition(":")
        assert f"<p><strong>{escape(head)}:</strong>{escape(rest)}</p>" in page
    # The copy in the page keeps the strict CSP and can appear twice on a page.
    assert "<style" not in page
    assert " style=" not in page
    assert not re.search(r"\sid=", page)
    assert "<title" not in page


def test_stills_are_plain_images_of_the_file(catalog):
    plank = catalog["plank"]
    card = render('{% exercise_picture exercise "card" %}', exercise=plank)
    assert re.fullmatch(
        r'<img src="/static/img/exercises/plank\.[0-9a-f]{12}\.svg" alt="" width="320" '
        r'height="200" class="picture-still picture-still--card" loading="lazy">',
        card,
    )
    row = render('{% exercise_picture exercise "row" %}', exercise=plank)
    assert 'width="56" height="35"' in row
    assert "loading" not in row


def test_the_player_picture_moves_without_a_caption_unless_asked(catalog):
    bridge = catalog["bridge"]
    player = render('{% exercise_picture exercise "player" %}', exercise=bridge)
    assert "picture--player" in player
    assert "picture__motion" in player
    assert "figcaption" not in player
    captioned = render('{% exercise_picture exercise "player" caption=True %}', exercise=bridge)
    assert "figcaption" in captioned


def test_the_mirrored_picture_is_flipped_and_its_words_swap_sides(catalog):
    stretch = catalog["childs-pose-side-stretch"]
    page = render('{% exercise_picture exercise "page" mirrored=True %}', exercise=stretch)
    assert "picture--mirrored" in page
    assert "walked over to the left" in page
    assert "along your right side" in page
    still = render('{% exercise_picture exercise "row" mirrored=True %}', exercise=stretch)
    assert "picture--mirrored" in still
    assert mirror_words("Right hand on the left knee") == "Left hand on the right knee"


def test_a_missing_picture_file_leaves_the_alt_text_and_breaks_nothing(catalog):
    exercise = Exercise(slug="new", image="img/exercises/not-drawn-yet.svg", image_alt="A person.")
    page = render('{% exercise_picture exercise "page" %}', exercise=exercise)
    assert "A person." in page
    assert "picture__motion" not in page
    assert "<img" not in page
    assert render('{% exercise_picture exercise "card" %}', exercise=exercise) == ""


def test_a_picture_file_is_read_once_per_process(catalog):
    load_picture.cache_clear()
    for _ in range(3):
        render('{% exercise_picture exercise "page" %}', exercise=catalog["cat-cow"])
    info = load_picture.cache_info()
    assert (info.misses, info.hits) == (1, 2)


# --- Where the pictures appear ---------------------------------------------------------------


def test_catalog_cards_show_the_key_position_as_a_still(client, catalog):
    page = client.get("/exercises/").content.decode()
    for slug in SLUGS:
        assert re.search(
            rf'<img src="/static/img/exercises/{slug}\.[0-9a-f]{{12}}\.svg" alt="" width="320"',
            page,
        )
    assert "picture__motion" not in page


def test_today_and_the_routine_editor_show_a_small_still_per_exercise(client, user, make_routine):
    routine = make_routine(user, days=range(7), slugs=("bridge", "superman"))
    client.force_login(user)
    for url in ("/today/", f"/plan/routines/{routine.pk}/"):
        page = client.get(url).content.decode()
        for slug in ("bridge", "superman"):
            assert re.search(
                rf'<img src="/static/img/exercises/{slug}\.[0-9a-f]{{12}}\.svg" alt="" '
                r'width="56" height="35" class="picture-still picture-still--row">',
                page,
            ), (url, slug)


def test_picture_files_are_served_hashed_compressed_cached_forever_and_under_the_csp(
    client, catalog
):
    page = client.get("/exercises/").content.decode()
    urls = sorted(set(re.findall(r'src="(/static/img/exercises/[^"]+\.svg)"', page)))
    assert len(urls) == 10
    for url in urls:
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        assert response["Cache-Control"] == "max-age=315360000, public, immutable"
        assert response["Content-Encoding"] == "gzip"
        assert "style-src 'self'" in response["Content-Security-Policy"]
        b"".join(response.streaming_content)
        response.close()
