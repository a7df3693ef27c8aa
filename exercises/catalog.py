"""The idempotent catalog loader.

The text lives in `content.py`. Each loaded exercise keeps a fingerprint of the text it
was loaded from (`source_hash`). On a re-run:
- an exercise whose row still matches its fingerprint is updated only if the text changed;
- an exercise edited in the admin (row no longer matches) is left alone unless `force`;
- nothing is ever duplicated, and a re-run with nothing new writes nothing.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction

from . import content
from .models import Benefit, Exercise, Focus

LIST_FIELDS = ("steps", "mistakes", "cautions")
TEXT_FIELDS = ("name", "summary", "why", "breathing", "kind", "level", "equipment", "image_alt")


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


def source_record(item: dict) -> dict:
    """The fields of one exercise in content.py that the loader owns, normalised."""
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
        focus=sorted(f.slug for f in exercise.focus.all()),
        benefits=sorted(b.slug for b in exercise.benefits.all()),
        sets=exercise.default_sets,
        reps=exercise.default_reps,
        hold_seconds=exercise.default_hold_seconds,
        per_side=exercise.per_side,
        duration_minutes=exercise.duration_minutes,
        variation_of=exercise.variation_of.slug if exercise.variation_of else None,
        related=sorted(r.slug for r in exercise.related.all()),
    )
    return record


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
        for e in Exercise.objects.select_related("variation_of").prefetch_related(
            "focus", "benefits", "related"
        )
    }
    to_link: list[tuple[Exercise, dict]] = []

    for position, item in enumerate(content.EXERCISES):
        record = source_record(item)
        new_hash = fingerprint(record)
        exercise = existing.get(item["slug"])
        if exercise is None:
            exercise = Exercise(slug=item["slug"])
            report.created.append(item["slug"])
        else:
            edited = fingerprint(row_record(exercise)) != exercise.source_hash
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
        exercise.image = f"img/exercises/{exercise.slug}.svg"
        exercise.position = position
        exercise.source_hash = new_hash
        exercise.full_clean(exclude=["variation_of", "related", "focus", "benefits"])
        exercise.save()
        exercise.focus.set([focus[slug] for slug in record["focus"]])
        exercise.benefits.set([benefits[slug] for slug in record["benefits"]])
        existing[exercise.slug] = exercise
        to_link.append((exercise, record))

    # Links need every exercise to exist first.
    for exercise, record in to_link:
        variation = record["variation_of"]
        exercise.variation_of = existing[variation] if variation else None
        exercise.save(update_fields=["variation_of"])
        exercise.related.set([existing[slug] for slug in record["related"]])
    return report
