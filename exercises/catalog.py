"""The idempotent catalog loader.

The text lives in `content.py`. Each loaded exercise keeps a fingerprint of the text it
was loaded from (`source_hash`). On a re-run:
- an exercise whose row still matches its fingerprint is updated only if the text changed;
- an exercise edited in the admin (row no longer matches) is left alone unless `force`;
- nothing is ever duplicated, and a re-run with nothing new writes nothing.

Easier and harder versions are loaded as exercise rows of their own, linked to their
exercise by `version_of`: a routine item swaps between them and keeps its history.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction

from . import content
from .cache import forget_catalog_version
from .models import Benefit, Exercise, Focus

LIST_FIELDS = ("steps", "mistakes", "cautions", "check_first")
TEXT_FIELDS = (
    "name",
    "summary",
    "why",
    "breathing",
    "kind",
    "level",
    "equipment",
    "image_alt",
    "when_to_move",
    "version_kind",
)
# Fields a loader before versions and cautions didn't know: a row it loaded and nobody
# edited since still matches its fingerprint without them, and so takes the new text.
LATER_FIELDS = ("check_first", "when_to_move", "version_kind", "version_of")


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{len(self.created)} created",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.kept_edits:
            parts.append(
                f"{len(self.kept_edits)} kept as edited in the admin "
                f"({', '.join(self.kept_edits)}; use --force to overwrite)"
            )
        return ", ".join(parts)


def fingerprint(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def catalog_items() -> list[dict]:
    """Every row the catalog holds, as flat dicts: the exercises in content.py, then their
    easier and harder versions. A version borrows what it doesn't say from its exercise
    (focus, benefits, kind, picture) and has no links of its own."""
    bases, versions = [], []
    for item in content.EXERCISES:
        bases.append(
            {
                **item,
                "check_first": [content.CHECK_FIRST[key] for key in item["check_first"]],
                "when_to_move": "",
                "version_kind": "",
                "version_of": None,
                "picture_of": item["slug"],
            }
        )
        for kind in ("easier", "harder"):
            version = item.get(kind)
            if version:
                versions.append(
                    {
                        "focus": item["focus"],
                        "benefits": item["benefits"],
                        "kind": item["kind"],
                        "image_alt": item["image_alt"],
                        **version,
                        "check_first": [content.CHECK_FIRST[key] for key in version["check_first"]],
                        "version_kind": kind,
                        "version_of": item["slug"],
                        "variation_of": None,
                        "related": [],
                        "picture_of": item["slug"],
                    }
                )
    return bases + versions


def source_record(item: dict) -> dict:
    """The fields of one catalog row that the loader owns, normalised."""
    record = {name: item[name] for name in TEXT_FIELDS}
    for name in LIST_FIELDS:
        record[name] = [line.strip() for line in item[name]]
    record.update(
        focus=sorted(item["focus"]),
        benefits=sorted(item["benefits"]),
        sets=item["sets"],
        reps=item["reps"],
        hold_seconds=item["hold_seconds"],
        per_side=item["per_side"],
        duration_minutes=item["duration_minutes"],
        variation_of=item["variation_of"],
        version_of=item["version_of"],
        related=sorted(item["related"]),
    )
    return record


def row_record(exercise: Exercise) -> dict:
    """The same shape as `source_record`, read back from the database row."""
    record = {name: getattr(exercise, name) for name in TEXT_FIELDS}
    record.update(
        steps=exercise.step_list,
        mistakes=exercise.mistake_list,
        cautions=exercise.caution_list,
        check_first=exercise.check_first_list,
        focus=sorted(f.slug for f in exercise.focus.all()),
        benefits=sorted(b.slug for b in exercise.benefits.all()),
        sets=exercise.default_sets,
        reps=exercise.default_reps,
        hold_seconds=exercise.default_hold_seconds,
        per_side=exercise.per_side,
        duration_minutes=exercise.duration_minutes,
        variation_of=exercise.variation_of.slug if exercise.variation_of else None,
        version_of=exercise.version_of.slug if exercise.version_of else None,
        related=sorted(r.slug for r in exercise.related.all()),
    )
    return record


def edited_since_loaded(exercise: Exercise) -> bool:
    """Whether the row no longer matches the text it was last loaded from, read with the
    fields of today's loader or of the one before versions existed."""
    record = row_record(exercise)
    if fingerprint(record) == exercise.source_hash:
        return False
    earlier = {name: value for name, value in record.items() if name not in LATER_FIELDS}
    return fingerprint(earlier) != exercise.source_hash


def _sync_lookups() -> tuple[dict[str, Focus], dict[str, Benefit]]:
    """The focus areas and benefits by slug, adding the ones the database lacks. Rows that
    exist are left as they are: an admin may have renamed one."""
    focus = Focus.objects.in_bulk(field_name="slug")
    Focus.objects.bulk_create(
        Focus(slug=slug, name=name, position=position)
        for position, (slug, name) in enumerate(content.FOCUS_AREAS)
        if slug not in focus
    )
    benefits = Benefit.objects.in_bulk(field_name="slug")
    Benefit.objects.bulk_create(
        Benefit(slug=item["slug"], name=item["name"], text=item["text"], position=position)
        for position, item in enumerate(content.BENEFITS)
        if item["slug"] not in benefits
    )
    if len(focus) < len(content.FOCUS_AREAS) or len(benefits) < len(content.BENEFITS):
        focus = Focus.objects.in_bulk(field_name="slug")
        benefits = Benefit.objects.in_bulk(field_name="slug")
    return focus, benefits


def _replace_links(through, source: str, target: str, rows: dict[int, list[int]], fresh: set):
    """Make each exercise's links in a many-to-many table exactly `rows[exercise id]`, in
    two statements, whatever the number of exercises. Rows just created have none to
    remove."""
    stale = set(rows) - fresh
    if stale:
        through.objects.filter(**{f"{source}__in": stale}).delete()
    through.objects.bulk_create(
        through(**{source: exercise_id, target: target_id})
        for exercise_id, targets in rows.items()
        for target_id in targets
    )


@transaction.atomic
def load_catalog(*, force: bool = False) -> LoadReport:
    """Create or update the catalog rows from `content.py`. The writes are batched (a few
    statements for the whole catalog, however many rows change) because a fresh install
    and every test that needs the catalog start here."""
    report = LoadReport()
    focus, benefits = _sync_lookups()
    existing = {
        e.slug: e
        for e in Exercise.objects.select_related("variation_of", "version_of").prefetch_related(
            "focus", "benefits", "related"
        )
    }
    created: list[Exercise] = []
    written: list[tuple[Exercise, dict]] = []

    for position, item in enumerate(catalog_items()):
        record = source_record(item)
        new_hash = fingerprint(record)
        exercise = existing.get(item["slug"])
        if exercise is None:
            exercise = Exercise(slug=item["slug"])
            report.created.append(item["slug"])
        else:
            edited = edited_since_loaded(exercise)
            if edited and not force:
                report.kept_edits.append(exercise.slug)
                continue
            if not edited and exercise.source_hash == new_hash:
                report.unchanged.append(exercise.slug)
                continue
            report.updated.append(exercise.slug)

        for name in TEXT_FIELDS:
            setattr(exercise, name, record[name])
        for name in LIST_FIELDS:
            setattr(exercise, name, "\n".join(record[name]))
        exercise.default_sets = record["sets"]
        exercise.default_reps = record["reps"]
        exercise.default_hold_seconds = record["hold_seconds"]
        exercise.per_side = record["per_side"]
        exercise.duration_minutes = record["duration_minutes"]
        exercise.image = f"img/exercises/{item['picture_of']}.svg"
        exercise.position = position
        exercise.source_hash = new_hash
        # The links to other rows are set below, once every row exists; until then a row
        # is not a version, as the database requires of a row without a link.
        exercise.variation_of = exercise.version_of = None
        exercise.version_kind = ""
        # Field values are checked here so a slip in content.py names its field; unique
        # names and the check constraints are the database's to enforce as it writes.
        exercise.full_clean(
            exclude=["variation_of", "version_of", "related", "focus", "benefits"],
            validate_unique=False,
            validate_constraints=False,
        )
        if exercise.pk is None:
            created.append(exercise)
        else:
            exercise.save()
        existing[exercise.slug] = exercise
        written.append((exercise, record))

    Exercise.objects.bulk_create(created)
    if not written:
        return report

    for exercise, record in written:
        variation, base = record["variation_of"], record["version_of"]
        exercise.variation_of = existing[variation] if variation else None
        exercise.version_of = existing[base] if base else None
        exercise.version_kind = record["version_kind"]
    Exercise.objects.bulk_update(
        [exercise for exercise, _ in written], ["variation_of", "version_of", "version_kind"]
    )
    fresh = {exercise.pk for exercise in created}
    _replace_links(
        Exercise.focus.through,
        "exercise_id",
        "focus_id",
        {e.pk: [focus[slug].pk for slug in record["focus"]] for e, record in written},
        fresh,
    )
    _replace_links(
        Exercise.benefits.through,
        "exercise_id",
        "benefit_id",
        {e.pk: [benefits[slug].pk for slug in record["benefits"]] for e, record in written},
        fresh,
    )
    _replace_links(
        Exercise.related.through,
        "from_exercise_id",
        "to_exercise_id",
        {e.pk: [existing[slug].pk for slug in record["related"]] for e, record in written},
        fresh,
    )
    # Batched writes send no signals: the catalog version moves with the rows' count and
    # their `updated_at`, and this process forgets the version it had read.
    transaction.on_commit(forget_catalog_version)
    forget_catalog_version()
    return report
