"""Export an edition in the interchange format, deterministically: keys sorted, lists in
a stable order, decimals as the shortest exact string, times in Strasbourg time."""

import json
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db.models import Prefetch

from jury.models import Conflict, Juror, Result, Score
from prize.models import Edition
from submissions.models import Entry, Photo

from . import FORMAT, VERSION

STRASBOURG = ZoneInfo("Europe/Paris")


def decimal_str(value: Decimal) -> str:
    """'8' for 8.000, '8.5' for 8.500: the stored precision is not part of the value."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def dumps(obj) -> str:
    return json.dumps(obj, indent=1, sort_keys=True, ensure_ascii=False)


def export_edition(number: int, *, photo_dir: Path | None = None) -> dict:
    """The edition as a dict. Photos are copied into photo_dir/photos/ when given;
    without it, an edition with photos cannot be exported (they would be lost)."""
    edition = Edition.objects.prefetch_related("criteria").get(number=number)
    criteria = list(edition.criteria.all())
    entries = list(
        Entry.objects.filter(edition=edition)
        .select_related("authority")
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("order", "pk")))
    )
    results = {r.entry_id: r for r in Result.objects.filter(entry__edition=edition)}
    entries.sort(key=lambda e: (results[e.pk].place if e.pk in results else 10**9, e.ref))
    return {
        "format": FORMAT,
        "version": VERSION,
        "edition": _edition(edition, criteria),
        "entries": [_entry(e, results.get(e.pk), photo_dir) for e in entries],
        "jurors": [_juror(j) for j in Juror.objects.filter(edition=edition).order_by("ref")],
        "conflicts": [
            {"juror": c.juror.ref, "entry": c.entry.ref, "reason": c.reason}
            for c in Conflict.objects.filter(juror__edition=edition)
            .select_related("juror", "entry")
            .order_by("juror__ref", "entry__ref")
        ],
        "scores": [
            {
                "juror": s.assignment.juror.ref,
                "entry": s.assignment.entry.ref,
                "criterion": s.criterion.code,
                "value": decimal_str(s.value),
            }
            # The sheets that count: the final round's, when the edition had a shortlist.
            for s in Score.objects.filter(
                assignment__juror__edition=edition,
                assignment__state="submitted",
                assignment__round=edition.jury_round,
            )
            .select_related("assignment__juror", "assignment__entry", "criterion")
            .order_by(
                "assignment__juror__ref",
                "assignment__entry__ref",
                "criterion__order",
                "criterion__code",
            )
        ],
    }


def _edition(edition: Edition, criteria) -> dict:
    deadline = edition.submission_deadline
    period = None
    if edition.project_start and edition.project_end:
        period = {
            "start": edition.project_start.isoformat(),
            "end": edition.project_end.isoformat(),
        }
    return {
        "number": edition.number,
        "name": edition.name,
        "year": edition.year,
        "state": edition.state,
        "eligible_countries": edition.eligible_countries,
        "project_period": period,
        "submission_deadline": deadline.astimezone(STRASBOURG).isoformat() if deadline else None,
        "ceremony": {
            "date": edition.ceremony_date.isoformat() if edition.ceremony_date else None,
            "place": edition.ceremony_place,
            "occasion": edition.ceremony_occasion,
        },
        "places": edition.places,
        "place_numbering": edition.place_numbering,
        "aggregation": edition.aggregation,
        "score_precision": edition.score_precision,
        "tie_break": edition.tie_break,
        "criteria": [
            {
                "code": c.code,
                "name": c.name,
                "weight": decimal_str(c.weight),
                "max_score": c.max_score,
            }
            for c in criteria
        ],
    }


def _entry(entry: Entry, result: Result | None, photo_dir: Path | None) -> dict:
    data = {
        "ref": entry.ref,
        "authority": {
            "name": entry.authority.name,
            "kind": entry.authority.kind,
            "country": entry.authority.country,
        },
        "title": entry.title,
        "summary": entry.summary,
        "description": entry.description,
        "state": entry.state,
        "photos": [_photo(entry, i, p, photo_dir) for i, p in enumerate(entry.photos.all())],
    }
    if result is not None:
        data["result"] = {"place": result.place, "ex_aequo": result.ex_aequo}
    return data


def _photo(entry: Entry, index: int, photo: Photo, photo_dir: Path | None) -> dict:
    if photo_dir is None:
        raise ValueError(
            f'entry "{entry.ref}" has photos: export to a file (-o FILE) so they can be '
            "written beside it"
        )
    suffix = Path(photo.file.name).suffix.lower() or ".jpg"
    relative = f"photos/{entry.ref}-{index + 1}{suffix}"
    target = photo_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with photo.file.open("rb") as source:
        target.write_bytes(source.read())
    return {"file": relative, "caption": photo.caption, "credit": photo.credit, "alt": photo.alt}


def _juror(juror: Juror) -> dict:
    return {
        "ref": juror.ref,
        "name": juror.name,
        "email": juror.email or None,
        "country": juror.country or None,
        "role": juror.role,
    }
