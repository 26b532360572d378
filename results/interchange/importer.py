"""All-or-nothing import of interchange files (see shared/contracts/edition-format.md)."""

import math
import os
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from jury.enums import AssignmentState, DecisionSource
from jury.models import Assignment, Conflict, Decision, Juror, Result, Score
from prize.models import Criterion, Edition, EditionTransition
from results.public_cache import public_pages_changed
from submissions.files import ProcessedPhoto, clean_filename, photo_process
from submissions.models import Authority, Entry, Photo
from submissions.services.files import files_delete_quietly, photo_files_save

from .parsing import parse
from .validate import Problem, check_file, label_of


class ImportRefused(Exception):
    """The files were refused; nothing was written. `problems` says why, item by item."""

    def __init__(self, problems: list[Problem | str]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Source:
    obj: dict
    base_dir: Path
    name: str


def read_files(paths: list[Path]) -> list[Source]:
    """Parse the files: each holds one edition object or a list of them."""
    sources, problems = [], []
    for path in paths:
        data = _read(path, problems)
        if data is _UNREADABLE:
            continue
        for obj in data if isinstance(data, list) else [data]:
            sources.append(Source(obj, path.parent, str(path)))
    if problems:
        raise ImportRefused(problems)
    return sources


_UNREADABLE = object()
# The seven past editions take 24 kB; a large edition with long texts a few MB.
MAX_FILE_BYTES = 10 * 1024 * 1024
_MB = 1024 * 1024


def _read(path: Path, problems: list) -> object:
    """The parsed file, or _UNREADABLE with one sentence added to `problems`."""
    where = {"file": path}
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # never more, whatever the file is
            size = max(len(raw), os.fstat(handle.fileno()).st_size)
        if size > MAX_FILE_BYTES:
            message = _("%(file)s: is %(size)s MB; an interchange file may be at most %(limit)s MB")
            sizes = {"size": _mb_up(size), "limit": MAX_FILE_BYTES // _MB}
            problems.append(message % {**where, **sizes})
            return _UNREADABLE
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(_("%(file)s: cannot be read (%(error)s)") % {**where, "error": error})
        return _UNREADABLE
    at = text.find("\x00")
    if at >= 0:
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        message = _(
            "%(file)s: has a NUL character at line %(line)d, column %(column)d, which a JSON "
            "file never holds"
        )
        problems.append(message % {**where, "line": line, "column": column})
        return _UNREADABLE
    try:
        return parse(text)
    except RecursionError:
        problems.append(_("%(file)s: is nested deeper than the interchange format allows") % where)
    except ValueError as error:
        problems.append(_("%(file)s: is not valid JSON (%(error)s)") % {**where, "error": error})
    return _UNREADABLE


def _mb_up(size: int) -> str:
    """Rounded up, so a file just over the limit never reads as the limit (10.0 MB)."""
    return number_format(math.ceil(size * 10 / _MB) / 10, decimal_pos=1)


def check_sources(sources: list[Source], *, replace: bool) -> list[Problem | str]:
    problems: list[Problem | str] = []
    numbers: dict[int, str] = {}
    refs: dict[str, str] = {}
    for i, source in enumerate(sources):
        own = check_file(source.obj, base_dir=source.base_dir, position=i)
        problems += own
        if own:  # the database is only asked about values known to be clean (no NUL...)
            continue
        edition = source.obj.get("edition") if isinstance(source.obj, dict) else None
        number = edition.get("number") if isinstance(edition, dict) else None
        label = label_of(source.obj)
        if isinstance(number, int):
            if number in numbers:
                problems.append(Problem(label, "", "edition.number", "appears twice in the import"))
            numbers[number] = label
            if not replace and Edition.objects.filter(number=number).exists():
                problems.append(
                    Problem(
                        label,
                        "",
                        "edition.number",
                        "this edition already exists; import with --replace to overwrite it",
                    )
                )
        entries = source.obj.get("entries") if isinstance(source.obj, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            ref = entry.get("ref") if isinstance(entry, dict) else None
            if not isinstance(ref, str):
                continue
            if ref in refs and refs[ref] != label:
                problems.append(
                    Problem(label, f'entry "{ref}"', "ref", f"is also used in {refs[ref]}")
                )
            refs[ref] = label
            clash = Entry.objects.filter(ref=ref).exclude(edition__number=number).first()
            if clash and not (replace and clash.edition.number in numbers):
                problems.append(
                    Problem(
                        label,
                        f'entry "{ref}"',
                        "ref",
                        f"is already used by an entry of edition {clash.edition.number}",
                    )
                )
    return problems


def import_editions(paths: list[Path], *, replace: bool = False, by=None) -> list[Edition]:
    """Import every edition of the files, or none.

    Side effects: editions with their criteria, entries (and authorities, reused when
    name, country and kind match), photos (through the upload pipeline, stored in the
    default storage), jurors, conflicts, submitted assignments with their scores, the
    recorded result, and an "import" line in each edition's transition log. On any
    error nothing is written and every file already stored is deleted again.
    """
    sources = read_files(paths)
    problems = check_sources(sources, replace=replace)
    if problems:
        raise ImportRefused(problems)
    stored: list[Photo] = []
    try:
        photos = _store_photos(sources, by=by, stored=stored)
        with transaction.atomic():
            editions = [
                _create(source, replace=replace, by=by, photos=photos[i])
                for i, source in enumerate(sources)
            ]
            public_pages_changed()  # results and photos were written in bulk
    except BaseException as error:  # even on Ctrl-C: no stored file outlives the refusal
        files_delete_quietly(f for photo in stored for f in (photo.file, photo.large, photo.thumb))
        if isinstance(error, ImportRefused) or not isinstance(error, Exception):
            raise
        raise ImportRefused([f"nothing was imported: {error}"]) from error
    return editions


def _store_photos(sources: list[Source], *, by, stored: list[Photo]) -> list[dict]:
    """Every photo through the upload pipeline (decoded, size-checked, re-encoded without
    metadata, named by its decoded format), before any row is written. Returns, for each
    source, the unsaved Photo objects by entry ref; appends each to `stored` as soon as
    its files are, so the caller can delete them. Raises ImportRefused naming each bad
    photo; nothing more is stored once one is refused."""
    problems: list[Problem] = []
    photos: list[dict] = []
    for source in sources:
        by_ref: dict[str, list[Photo]] = {}
        for entry in source.obj.get("entries", []):
            for order, raw in enumerate(entry.get("photos", [])):
                where = (label_of(source.obj), f'entry "{entry["ref"]}"', f"photos[{order}].file")
                try:
                    photo = _store_photo(source, raw, order, by=by, store=not problems)
                except ValidationError as error:
                    problems.append(Problem(*where, " ".join(error.messages)))
                    continue
                if photo is not None:
                    stored.append(photo)
                    by_ref.setdefault(entry["ref"], []).append(photo)
        photos.append(by_ref)
    if problems:
        raise ImportRefused(problems)
    return photos


def _store_photo(source: Source, raw: dict, order: int, *, by, store: bool) -> Photo | None:
    """One photo through the pipeline, its files stored unless `store` is false (another
    photo was refused: only the checks go on). Raises ValidationError with the
    pipeline's sentence, or the store's when it is down (then it kept nothing)."""
    processed = _process(source.base_dir / raw["file"], raw["file"])
    if not store:
        return None
    photo = _photo(raw, order, processed, by=by)
    photo_files_save(photo=photo, processed=processed)
    return photo


def _process(path: Path, relative: str) -> ProcessedPhoto:
    """photo_process on a file next to the interchange file, as if it were uploaded."""
    try:
        with path.open("rb") as handle:
            return photo_process(File(handle, name=path.name))
    except OSError as error:
        message = _("“%(file)s” cannot be read (%(error)s).")
        raise ValidationError(message % {"file": relative, "error": error.strerror}) from None


def _photo(raw: dict, order: int, processed: ProcessedPhoto, *, by) -> Photo:
    return Photo(
        caption=raw.get("caption"),
        credit=raw.get("credit", ""),
        alt=raw.get("alt"),
        width=processed.width,
        height=processed.height,
        original_name=clean_filename(Path(raw["file"]).name, default="photo"),
        order=order,
        uploaded_by=by,
    )


def _create(source: Source, *, replace: bool, by, photos: dict[str, list[Photo]]) -> Edition:
    data, ed = source.obj, source.obj["edition"]
    if replace:
        Edition.objects.filter(number=ed["number"]).delete()
    edition = Edition.objects.create(**_edition_fields(ed))
    EditionTransition.objects.create(
        edition=edition,
        action="import",
        source="",
        target=edition.state,
        by=by,
        note=f"Imported from {Path(source.name).name}",
    )
    criteria = {
        c["code"]: Criterion.objects.create(
            edition=edition,
            code=c["code"],
            name=c["name"],
            weight=Decimal(c["weight"]),
            max_score=c["max_score"],
            order=i,
        )
        for i, c in enumerate(ed["criteria"])
    }
    entries = {
        e["ref"]: _create_entry(edition, e, photos.get(e["ref"], []))
        for e in data.get("entries", [])
    }
    jurors = {
        j["ref"]: Juror.objects.create(
            edition=edition,
            ref=j["ref"],
            name=j["name"],
            email=j.get("email") or "",
            country=j.get("country") or "",
            role=j.get("role", "member"),
        )
        for j in data.get("jurors", [])
    }
    Conflict.objects.bulk_create(
        Conflict(juror=jurors[c["juror"]], entry=entries[c["entry"]], reason=c["reason"])
        for c in data.get("conflicts", [])
    )
    _create_scores(data.get("scores", []), jurors, entries, criteria)
    _create_results(edition, data.get("entries", []), entries)
    return edition


def _edition_fields(ed: dict) -> dict:
    period = ed.get("project_period") or {}
    ceremony = ed.get("ceremony") or {}
    deadline = ed.get("submission_deadline")
    return {
        "number": ed["number"],
        "name": ed["name"],
        "year": ed["year"],
        "state": ed["state"],
        "eligible_countries": ed.get("eligible_countries"),
        "project_start": date.fromisoformat(period["start"]) if period else None,
        "project_end": date.fromisoformat(period["end"]) if period else None,
        "submission_deadline": datetime.fromisoformat(deadline) if deadline else None,
        "ceremony_date": date.fromisoformat(ceremony["date"]) if ceremony.get("date") else None,
        "ceremony_place": ceremony.get("place"),
        "ceremony_occasion": ceremony.get("occasion"),
        "places": ed.get("places", 3),
        "place_numbering": ed.get("place_numbering", "dense"),
        "aggregation": ed.get("aggregation", "mean"),
        "score_precision": ed.get("score_precision", 2),
        "tie_break": ed.get("tie_break", []),
    }


def _create_entry(edition: Edition, e: dict, photos: list[Photo]) -> Entry:
    authority, _created = Authority.objects.get_or_create(**e["authority"])
    entry = Entry.objects.create(
        edition=edition,
        authority=authority,
        ref=e["ref"],
        state=e["state"],
        title=e.get("title"),
        summary=e.get("summary"),
        description=e.get("description"),
    )
    for photo in photos:  # their files are already stored
        photo.entry = entry
        photo.save()
    return entry


def _create_scores(scores: list[dict], jurors: dict, entries: dict, criteria: dict) -> None:
    assignments: dict[tuple[str, str], Assignment] = {}
    for s in scores:
        key = (s["juror"], s["entry"])
        if key not in assignments:
            assignments[key] = Assignment.objects.create(
                juror=jurors[key[0]], entry=entries[key[1]], state=AssignmentState.SUBMITTED
            )
    Score.objects.bulk_create(
        Score(
            assignment=assignments[(s["juror"], s["entry"])],
            criterion=criteria[s["criterion"]],
            value=Decimal(s["value"]),
        )
        for s in scores
    )


def _create_results(edition: Edition, raw_entries: list[dict], entries: dict) -> None:
    with_result = [e for e in raw_entries if "result" in e]
    if not with_result:
        return
    decision = Decision.objects.create(edition=edition, source=DecisionSource.IMPORTED)
    Result.objects.bulk_create(
        Result(
            decision=decision,
            entry=entries[e["ref"]],
            place=e["result"]["place"],
            ex_aequo=e["result"]["ex_aequo"],
        )
        for e in with_result
    )
