"""`manage.py loadcatalog` is idempotent and respects admin edits; every exercise
has a safe, self-contained SVG illustration; the catalog is usable in the Django admin."""

import copy
import re
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from exercises import content
from exercises.catalog import LATER_FIELDS, catalog_items, fingerprint, row_record
from exercises.models import Benefit, Exercise, Focus

pytestmark = pytest.mark.django_db

SLUGS = [item["slug"] for item in content.EXERCISES]
# Every row the loader writes: the ten, then their easier and harder versions.
ROWS = catalog_items()
N = len(ROWS)
VERSIONS = {row["slug"]: row for row in ROWS if row["version_of"]}
IMAGES = Path(settings.BASE_DIR) / "static" / "img" / "exercises"
SVG = "{http://www.w3.org/2000/svg}"


def load(*args) -> str:
    out = StringIO()
    call_command("loadcatalog", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {e.slug: (e.pk, e.updated_at, e.summary, e.source_hash) for e in Exercise.objects.all()}


# --- First load ----------------------------------------------------------------------------------


def test_first_load_creates_the_ten_exercises_and_their_versions(db):
    output = load()
    assert f"{N} created" in output
    assert sorted(Exercise.objects.listed().values_list("slug", flat=True)) == sorted(SLUGS)
    assert len(SLUGS) == 10
    assert sorted(Exercise.objects.exclude(version_of=None).values_list("slug", flat=True)) == (
        sorted(VERSIONS)
    )
    assert Focus.objects.count() == len(content.FOCUS_AREAS)
    assert Benefit.objects.count() == 5


@pytest.mark.parametrize("slug", SLUGS)
def test_every_exercise_has_every_field_of_the_spec(db, slug):
    load()
    exercise = Exercise.objects.get(slug=slug)
    for name in ("name", "summary", "why", "breathing", "image", "image_alt"):
        assert getattr(exercise, name).strip(), name
    assert 3 <= len(exercise.step_list) <= 7
    assert exercise.mistake_list
    assert exercise.caution_list
    assert exercise.focus.exists()
    assert exercise.benefits.exists()
    assert exercise.kind in Exercise.Kind.values
    assert exercise.level in Exercise.Level.values
    assert exercise.equipment in Exercise.Equipment.values
    assert 1 <= exercise.default_sets <= 10
    assert (exercise.default_reps is None) != (exercise.default_hold_seconds is None)
    assert exercise.duration_minutes >= 1
    assert exercise.image == f"img/exercises/{slug}.svg"
    assert exercise.source_hash
    exercise.full_clean()


def test_variation_and_related_links_are_loaded(db):
    load()
    side = Exercise.objects.get(slug="childs-pose-side-stretch")
    basic = Exercise.objects.get(slug="childs-pose")
    assert side.variation_of == basic
    assert list(basic.variations.all()) == [side]
    for item in content.EXERCISES:
        exercise = Exercise.objects.get(slug=item["slug"])
        assert sorted(exercise.related.values_list("slug", flat=True)) == sorted(item["related"])


# --- Re-runs -------------------------------------------------------------------------------------


def test_running_twice_changes_nothing(db):
    load()
    before = snapshot()
    focus_before = list(Focus.objects.values_list("pk", "slug", "name"))

    output = load()

    assert f"0 created, 0 updated, {N} unchanged" in output
    assert snapshot() == before
    assert list(Focus.objects.values_list("pk", "slug", "name")) == focus_before
    assert Exercise.objects.count() == N


def test_an_admin_edit_survives_a_rerun_and_is_reported(db):
    load()
    plank = Exercise.objects.get(slug="plank")
    plank.summary = "Our physio's favourite: hold a straight line on your forearms."
    plank.save()

    output = load()

    plank.refresh_from_db()
    assert plank.summary == "Our physio's favourite: hold a straight line on your forearms."
    assert "kept as edited in the admin" in output
    assert "plank" in output
    assert "--force" in output
    assert Exercise.objects.count() == N


def test_an_admin_edit_to_the_focus_also_survives(db):
    load()
    plank = Exercise.objects.get(slug="plank")
    plank.focus.add(Focus.objects.get(slug="hips"))

    output = load()

    assert plank.focus.filter(slug="hips").exists()
    assert "plank" in output


def test_force_overwrites_an_admin_edit(db):
    load()
    plank = Exercise.objects.get(slug="plank")
    shipped = plank.summary
    plank.summary = "Edited in the admin."
    plank.save()

    output = load("--force")

    plank.refresh_from_db()
    assert plank.summary == shipped
    assert "1 updated" in output
    # And a later plain run sees the row as untouched again.
    assert f"{N} unchanged" in load()


def test_a_changed_source_text_updates_an_untouched_row(db, monkeypatch):
    load()
    before = snapshot()
    changed = copy.deepcopy(content.EXERCISES)
    plank = next(item for item in changed if item["slug"] == "plank")
    plank["summary"] = "Hold your body in one straight line, resting on your forearms."
    plank["steps"] = [*plank["steps"][:3], "Rest for a breath between holds."]
    monkeypatch.setattr(content, "EXERCISES", changed)

    output = load()

    assert "1 updated" in output
    assert f"{N - 1} unchanged" in output
    row = Exercise.objects.get(slug="plank")
    assert row.summary == "Hold your body in one straight line, resting on your forearms."
    assert row.step_list[-1] == "Rest for a breath between holds."
    assert row.pk == before["plank"][0]
    after = snapshot()
    for slug in after:
        if slug != "plank":
            assert after[slug] == before[slug]


def test_a_changed_source_text_does_not_overwrite_an_admin_edit(db, monkeypatch):
    load()
    row = Exercise.objects.get(slug="plank")
    row.summary = "Edited in the admin."
    row.save()
    changed = copy.deepcopy(content.EXERCISES)
    next(item for item in changed if item["slug"] == "plank")["summary"] = "New shipped text."
    monkeypatch.setattr(content, "EXERCISES", changed)

    output = load()

    row.refresh_from_db()
    assert row.summary == "Edited in the admin."
    assert "kept as edited" in output


def test_a_source_update_shows_on_an_already_cached_page(client, db, monkeypatch):
    load()
    assert "Hold a straight line." not in client.get("/exercises/plank/").content.decode()
    changed = copy.deepcopy(content.EXERCISES)
    next(item for item in changed if item["slug"] == "plank")["summary"] = "Hold a straight line."
    monkeypatch.setattr(content, "EXERCISES", changed)
    load()
    assert "Hold a straight line." in client.get("/exercises/plank/").content.decode()


def test_versions_are_linked_to_their_exercise_and_kept_out_of_the_catalog_list(db):
    load()
    for slug, row in VERSIONS.items():
        version = Exercise.objects.get(slug=slug)
        assert version.version_of.slug == row["version_of"]
        assert version.version_kind == row["version_kind"]
        assert version.when_to_move.strip()
        # No picture of its own yet: it shows its exercise's.
        assert version.image == f"img/exercises/{row['version_of']}.svg"
        version.full_clean()
    plank = Exercise.objects.get(slug="plank")
    assert {v.version_kind: v.slug for v in plank.versions.all()} == {
        "easier": "wall-plank",
        "harder": "full-plank",
    }
    assert Exercise.objects.get(slug="superman").versions.get().slug == "back-extension-forearms"
    assert Exercise.objects.get(slug="seated-spinal-twist").versions.get().slug == "knee-rolls"
    assert Exercise.objects.get(slug="bridge").versions.get().slug == "single-leg-bridge"
    assert not Exercise.objects.search(q="plank").filter(slug="full-plank").exists()


def test_the_database_refuses_a_version_without_a_kind_or_a_second_of_a_kind(db):
    from django.db import IntegrityError, transaction

    load()
    wall = Exercise.objects.get(slug="wall-plank")
    with pytest.raises(IntegrityError), transaction.atomic():
        Exercise.objects.filter(pk=wall.pk).update(version_kind="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Exercise.objects.filter(pk=wall.pk).update(version_kind="harder")


def test_a_row_loaded_before_versions_and_untouched_since_takes_the_new_text(db):
    """An install whose loader had no cautions or versions yet: its rows match their
    fingerprint without the newer fields, so they count as unedited and are updated."""
    load()
    plank = Exercise.objects.get(slug="plank")
    plank.summary = "Hold a straight line on your forearms."  # the text as it once shipped
    plank.steps = "Hold for 15 seconds.\nDo 3 holds.\nRest between them."
    plank.check_first = ""
    plank.save()
    old = {k: v for k, v in row_record(plank).items() if k not in LATER_FIELDS}
    Exercise.objects.filter(pk=plank.pk).update(source_hash=fingerprint(old))

    output = load()

    plank.refresh_from_db()
    assert "1 updated" in output
    assert plank.summary == next(i for i in content.EXERCISES if i["slug"] == "plank")["summary"]
    assert "15 seconds" not in plank.steps
    assert plank.check_first_list == [
        content.CHECK_FIRST["pregnant-plank"],
        content.CHECK_FIRST["back-surgery"],
    ]


def test_a_row_edited_in_the_admin_before_versions_is_still_kept(db):
    load()
    plank = Exercise.objects.get(slug="plank")
    old = {k: v for k, v in row_record(plank).items() if k not in LATER_FIELDS}
    Exercise.objects.filter(pk=plank.pk).update(
        source_hash=fingerprint(old), summary="Our physio's words."
    )
    output = load()
    assert "kept as edited in the admin (plank" in output
    assert Exercise.objects.get(slug="plank").summary == "Our physio's words."


# --- Illustrations -------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_every_exercise_has_a_self_contained_svg_with_a_title(db, slug):
    load()
    exercise = Exercise.objects.get(slug=slug)
    path = Path(settings.BASE_DIR) / "static" / exercise.image
    assert path == IMAGES / f"{slug}.svg"
    assert path.is_file()

    text = path.read_text()
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")
    title = root.find(f"{SVG}title")
    assert title is not None
    assert (title.text or "").strip()

    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert "image" not in tags
    assert "script" not in tags
    assert "foreignObject" not in tags
    without_namespaces = re.sub(r'\sxmlns(?::\w+)?="[^"]*"', "", text)
    assert "http" not in without_namespaces.lower()
    assert "url(" not in without_namespaces.lower()
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href"):
                assert value.startswith("#"), (name, value)
            assert not name.lower().startswith("on"), name


def test_no_stray_illustrations_without_an_exercise():
    assert sorted(path.stem for path in IMAGES.glob("*.svg")) == sorted(SLUGS)


# --- Admin ---------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, db):
    load()
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "x-Pass-2026")
    client.force_login(admin)
    return client


CHANGELIST = "/admin/exercises/exercise/"


def test_admin_changelist_lists_the_catalog_with_filters(admin_client):
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.result_count == N
    filter_titles = {spec.title for spec in changelist.filter_specs}
    assert {"kind", "level", "equipment", "focus"} <= filter_titles


def test_admin_search_finds_plank(admin_client):
    response = admin_client.get(CHANGELIST, {"q": "plank"})
    assert response.status_code == 200
    found = {exercise.slug for exercise in response.context["cl"].result_list}
    assert "plank" in found
    assert "childs-pose" not in found


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind__exact": "strength"}, lambda item: item["kind"] == "strength"),
        ({"level__exact": "gentle"}, lambda item: item["level"] == "gentle"),
        ({"equipment__exact": "chair"}, lambda item: item["equipment"] == "chair"),
    ],
)
def test_admin_list_filters_narrow_the_list(admin_client, params, expected):
    response = admin_client.get(CHANGELIST, params)
    assert response.status_code == 200
    found = sorted(exercise.slug for exercise in response.context["cl"].result_list)
    assert found == sorted(item["slug"] for item in ROWS if expected(item))


def test_admin_focus_filter_narrows_the_list(admin_client):
    core = Focus.objects.get(slug="core")
    response = admin_client.get(CHANGELIST, {"focus__id__exact": core.pk})
    found = sorted(exercise.slug for exercise in response.context["cl"].result_list)
    assert found == sorted(item["slug"] for item in ROWS if "core" in item["focus"])


def admin_form_data(exercise: Exercise, **changes) -> dict:
    data = {
        "name": exercise.name,
        "slug": exercise.slug,
        "summary": exercise.summary,
        "why": exercise.why,
        "position": exercise.position,
        "steps": exercise.steps,
        "breathing": exercise.breathing,
        "mistakes": exercise.mistakes,
        "cautions": exercise.cautions,
        "kind": exercise.kind,
        "level": exercise.level,
        "equipment": exercise.equipment,
        "focus": [f.pk for f in exercise.focus.all()],
        "benefits": [b.pk for b in exercise.benefits.all()],
        "duration_minutes": exercise.duration_minutes,
        "default_sets": exercise.default_sets,
        "default_reps": exercise.default_reps or "",
        "default_hold_seconds": exercise.default_hold_seconds or "",
        "image": exercise.image,
        "image_alt": exercise.image_alt,
        "variation_of": exercise.variation_of_id or "",
        "related": [r.pk for r in exercise.related.all()],
        "_save": "Save",
    }
    if exercise.per_side:
        data["per_side"] = "on"
    data.update(changes)
    return data


def test_editing_in_the_admin_saves_survives_a_rerun_and_shows_on_the_site(admin_client):
    plank = Exercise.objects.get(slug="plank")
    assert admin_client.get(f"{CHANGELIST}{plank.pk}/change/").status_code == 200
    assert "Steady as a table" not in admin_client.get("/exercises/plank/").content.decode()

    response = admin_client.post(
        f"{CHANGELIST}{plank.pk}/change/",
        admin_form_data(plank, summary="Steady as a table: a forearm plank."),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Steady as a table" in admin_client.get("/exercises/plank/").content.decode()
    output = load()
    assert "kept as edited in the admin (plank" in output
    assert Exercise.objects.get(slug="plank").summary == "Steady as a table: a forearm plank."


def test_admin_refuses_an_exercise_with_both_reps_and_a_hold(admin_client):
    plank = Exercise.objects.get(slug="plank")
    response = admin_client.post(
        f"{CHANGELIST}{plank.pk}/change/",
        admin_form_data(plank, default_reps=10, default_hold_seconds=20),
    )
    assert response.status_code == 200
    assert "not both" in response.content.decode()
    plank.refresh_from_db()
    assert plank.default_reps is None
