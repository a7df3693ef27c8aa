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
    focus = {}
    for position, (slug, name) in enumerate(content.FOCUS_AREAS):
        obj, _ = Focus.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
        focus[slug] = obj
    benefits = {}
    for position, item in enumerate(content.BENEFITS):
        obj, _ = Benefit.objects.get_or_create(
            slug=item["slug"],
            defaults={"name": item["name"], "text": item["text"], "position": position},
        )
        benefits[item["slug"]] = obj
    return focus, benefits


@transaction.atomic
def load_catalog(*, force: bool = False) -> LoadReport:
    report = LoadReport()
    focus, benefits = _sync_lookups()
    existing = {
        e.slug: e
        for e in Exercise.objects.select_related("variation_of", "version_of").prefetch_related(
            "focus", "benefits", "related"
        )
    }
    to_link: list[tuple[Exercise, dict]] = []

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
        # A version comes after its exercise, so its link can be set with its kind; the
        # other links are set below, once every row exists.
        base = existing.get(record["version_of"]) if record["version_of"] else None
        exercise.version_of = base
        exercise.version_kind = record["version_kind"] if base else ""
        exercise.full_clean(exclude=["variation_of", "version_of", "related", "focus", "benefits"])
        exercise.save()
        exercise.focus.set([focus[slug] for slug in record["focus"]])
        exercise.benefits.set([benefits[slug] for slug in record["benefits"]])
        existing[exercise.slug] = exercise
        to_link.append((exercise, record))

    # Links need every exercise to exist first.
    for exercise, record in to_link:
        variation, base = record["variation_of"], record["version_of"]
        exercise.variation_of = existing[variation] if variation else None
        exercise.version_of = existing[base] if base else None
        exercise.version_kind = record["version_kind"]
        exercise.save(update_fields=["variation_of", "version_of", "version_kind"])
        exercise.related.set([existing[slug] for slug in record["related"]])
    return report
