"""Checks a parsed interchange file and names every problem: edition, item, field.

Pure: no database. Only what a file can say about itself is checked here (types,
values, references, duplicates); clashes with the database are the importer's.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from jury.enums import JurorRole
from jury.models import Juror, Score
from prize.countries import code_problem
from prize.enums import Aggregation, EditionState, PlaceNumbering
from prize.models import Criterion, Edition
from prize.rules import tie_break_problems
from submissions.enums import RANKED_ENTRY_STATES, AuthorityKind, EntryState
from submissions.models import Authority, Photo
from submissions.rules import MAX_PHOTOS

from . import FORMAT, VERSION
from .parsing import CODE_RE, REF_RE, JsonFloat, printable, structure_problems


@dataclass
class Problem:
    edition: str
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.edition, self.item) if p)
        field = f', field "{self.field}"' if self.field else ""
        return printable(f"{where}{field}: {self.message}")


# ASCII digits only: \d alone also takes "٨" (Arabic-Indic eight), which Decimal reads as 8.
DECIMAL_RE = re.compile(r"\d+(\.\d+)?", re.ASCII)
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
# Whole numbers: what the forms accept, and what the columns hold.
MAX_EDITION_NUMBER = 2_147_483_647  # PositiveIntegerField
MAX_YEAR = 2100
MAX_PLACES = 20
MAX_SCORE_PRECISION = 6
MAX_MAX_SCORE = 1000  # the score_value_range constraint
MAX_PLACE = 32_767  # PositiveSmallIntegerField
# The decimals of the format and the columns that keep them.
WEIGHT = Criterion._meta.get_field("weight")
VALUE = Score._meta.get_field("value")


@dataclass
class Checker:
    """Collects the problems of one edition object, with where they are."""

    edition: str
    base_dir: Path | None = None
    problems: list[Problem] = field(default_factory=list)

    def add(self, item: str, name: str, message: str) -> None:
        self.problems.append(Problem(self.edition, item, name, message))

    def keys(self, obj, item: str, prefix: str, required: set[str], optional: set[str]) -> bool:
        """An object with exactly the known keys; False when it is not an object."""
        if not isinstance(obj, dict):
            self.add(item, prefix, "must be an object")
            return False
        for key in sorted(set(obj) - required - optional):
            self.add(item, _join(prefix, key), "unknown key (check its spelling)")
        for key in sorted(required - set(obj)):
            self.add(item, _join(prefix, key), "is missing")
        return True

    def integer(self, value, item, name, *, minimum, maximum, nullable=False) -> None:
        if value is None and nullable:
            return
        if isinstance(value, JsonFloat):
            message = _(
                "must be a whole number written without a decimal point or exponent, not %(value)s"
            )
            self.add(item, name, message % {"value": value})
        elif isinstance(value, bool) or not isinstance(value, int):
            self.add(item, name, "must be a whole number")
        elif value < minimum:
            self.add(item, name, f"must be a whole number ≥ {minimum}")
        elif value > maximum:
            self.add(item, name, _("must be a whole number ≤ %(maximum)s") % {"maximum": maximum})

    def string(
        self, value, item, name, *, nullable=False, pattern=None, nonempty=True, column=None
    ) -> None:
        """A string; `column` is the model field that keeps it, whose length it must fit."""
        if value is None and nullable:
            return
        if isinstance(value, JsonFloat) or not isinstance(value, str):
            self.add(item, name, "must be a string")
        elif nonempty and not value.strip():
            self.add(item, name, "must not be empty")
        elif column is not None and len(value) > column.max_length:
            message = _("is %(length)d characters long; at most %(limit)d can be stored")
            self.add(item, name, message % {"length": len(value), "limit": column.max_length})
        elif pattern is not None and not pattern.fullmatch(value):
            self.add(item, name, f'"{value}" is not an accepted value')

    def email(self, value, item, name, *, column) -> None:
        """null, or an address the forms' EmailField would accept."""
        before = len(self.problems)
        self.string(value, item, name, nullable=True, column=column)
        if value is None or len(self.problems) > before:
            return
        try:
            validate_email(value)
        except ValidationError:
            self.add(item, name, _('"%(value)s" is not an e-mail address') % {"value": value})

    def choice(self, value, item, name, choices) -> None:
        allowed = [c.value for c in choices] if hasattr(choices, "__members__") else list(choices)
        if value not in allowed or isinstance(value, JsonFloat):
            self.add(item, name, f"must be one of: {', '.join(allowed)}")

    def boolean(self, value, item, name) -> None:
        if not isinstance(value, bool):
            self.add(item, name, "must be true or false")

    def decimal(self, value, item, name, *, field, maximum=None, positive=False) -> Decimal | None:
        """A decimal string that `field` (a model's DecimalField) stores exactly."""
        if (
            isinstance(value, JsonFloat)
            or isinstance(value, (int, float))
            and not isinstance(value, bool)
        ):
            self.add(item, name, f'must be a decimal string such as "{value}", not a JSON number')
            return None
        if not isinstance(value, str) or not DECIMAL_RE.fullmatch(value):
            self.add(item, name, 'must be a decimal string such as "8.5"')
            return None
        number = Decimal(value)
        problem = stored_exactly_problem(number, value, field)
        if problem:
            self.add(item, name, problem)
            return None
        if positive and number <= 0:
            self.add(item, name, "must be greater than 0")
        if maximum is not None and number > maximum:
            self.add(item, name, f"{value} is above the criterion's maximum of {maximum}")
        return number

    def day(self, value, item, name, *, nullable=True) -> date | None:
        if value is None and nullable:
            return None
        try:
            return (
                date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else _bad()
            )
        except ValueError:
            self.add(item, name, 'must be a date written "YYYY-MM-DD"')
            return None

    def moment(self, value, item, name) -> None:
        if value is None:
            return
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else _bad()
        except ValueError:
            self.add(item, name, 'must be a date and time such as "2015-06-30T23:59:00+02:00"')
            return
        if moment.tzinfo is None:
            self.add(item, name, 'needs a UTC offset, such as "+02:00"')
        elif not 1900 <= moment.year <= MAX_YEAR:  # 9999-12-31T23:59-02:00 overflows in UTC
            message = _("must be a moment between the years %(first)d and %(last)d")
            self.add(item, name, message % {"first": 1900, "last": MAX_YEAR})

    def text(self, value, item, name, *, nullable=True) -> None:
        """A text in several languages: {"en": ..., "fr": ...}, en or fr present."""
        if value is None and nullable:
            return
        if not isinstance(value, dict):
            self.add(item, name, 'must be an object of texts by language, such as {"en": "..."}')
            return
        if not ("en" in value or "fr" in value):
            self.add(item, name, 'needs a text in "en" or "fr"')
        for lang, text in sorted(value.items()):
            if not LANG_RE.fullmatch(lang):
                self.add(item, _join(name, lang), "is not a language code")
            self.string(text, item, _join(name, lang))

    def country(self, value, item, name) -> None:
        problem = code_problem(value)
        if problem:
            self.add(item, name, problem)


def _column(model, name: str):
    return model._meta.get_field(name)


def _bad():
    raise ValueError


def stored_exactly_problem(number: Decimal, text: str, field) -> str | None:
    """Why a DecimalField would not store `number` as it is, or None. The database
    rounds silently to the field's decimal places, which would change a ranking."""
    places = field.decimal_places
    largest = Decimal(10) ** (field.max_digits - places) - Decimal(10) ** -places
    if number > largest:
        return _("%(value)s is too large to be stored; the largest value kept is %(largest)s") % {
            "value": text,
            "largest": largest,
        }
    if number != number.quantize(Decimal(10) ** -places):
        return _(
            "%(value)s has more decimals than the %(places)d the database keeps, so it would "
            "be stored rounded; write it with at most %(places)d decimals"
        ) % {"value": text, "places": places}
    return None


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def label_of(obj) -> str:
    edition = obj.get("edition") if isinstance(obj, dict) else None
    number = edition.get("number") if isinstance(edition, dict) else None
    if isinstance(number, int) and not isinstance(number, bool):
        return f"edition {number}"
    return "edition (number unknown)"


def check_file(obj, *, base_dir: Path | None = None, position: int | None = None) -> list[Problem]:
    """Every problem of one edition object."""
    label = label_of(obj)
    if label.endswith("unknown)") and position is not None:
        label = f"edition at position {position + 1}"
    c = Checker(label, base_dir)
    for item, name, message in structure_problems(obj):
        c.add(item, name, message)
    if c.problems:  # the other checks would echo the text or walk into the nesting
        return c.problems
    if not c.keys(
        obj, "", "", {"format", "version", "edition"}, {"entries", "jurors", "conflicts", "scores"}
    ):
        return c.problems
    if obj.get("format") != FORMAT:
        c.add("", "format", f'must be "{FORMAT}"')
    if obj.get("version") != VERSION or isinstance(obj.get("version"), bool):
        c.add("", "version", f"must be {VERSION}")
    criteria = _check_edition(c, obj.get("edition"))
    entries = _check_entries(c, obj.get("entries", []))
    jurors = _check_jurors(c, obj.get("jurors", []))
    conflicts = _check_conflicts(c, obj.get("conflicts", []), jurors, entries)
    _check_scores(c, obj.get("scores", []), jurors, entries, criteria, conflicts)
    return c.problems


def _list(c: Checker, value, name: str) -> list:
    if not isinstance(value, list):
        c.add("", name, "must be a list")
        return []
    return value


def _check_edition(c: Checker, ed) -> dict[str, Decimal]:
    """Checks the settings; returns each criterion's maximum by code."""
    item = "edition settings"
    required = {"number", "name", "year", "state", "criteria"}
    optional = {
        "eligible_countries",
        "project_period",
        "submission_deadline",
        "ceremony",
        "places",
        "place_numbering",
        "aggregation",
        "score_precision",
        "tie_break",
    }
    if not c.keys(ed, item, "edition", required, optional):
        return {}
    c.integer(ed.get("number"), item, "edition.number", minimum=1, maximum=MAX_EDITION_NUMBER)
    c.text(ed.get("name"), item, "edition.name", nullable=False)
    c.integer(ed.get("year"), item, "edition.year", minimum=1900, maximum=MAX_YEAR)
    c.choice(ed.get("state"), item, "edition.state", EditionState)
    countries = ed.get("eligible_countries")
    if countries is not None:
        if not isinstance(countries, list):
            c.add(item, "edition.eligible_countries", "must be null or a list of country codes")
        else:
            for i, code in enumerate(countries):
                c.country(code, item, f"edition.eligible_countries[{i}]")
    period = ed.get("project_period")
    if period is not None and c.keys(
        period, item, "edition.project_period", {"start", "end"}, set()
    ):
        start = c.day(period.get("start"), item, "edition.project_period.start", nullable=False)
        end = c.day(period.get("end"), item, "edition.project_period.end", nullable=False)
        if start and end and end < start:
            c.add(item, "edition.project_period.end", "must not be before the start")
    c.moment(ed.get("submission_deadline"), item, "edition.submission_deadline")
    ceremony = ed.get("ceremony")
    if ceremony is not None and c.keys(
        ceremony, item, "edition.ceremony", set(), {"date", "place", "occasion"}
    ):
        c.day(ceremony.get("date"), item, "edition.ceremony.date")
        c.string(
            ceremony.get("place"),
            item,
            "edition.ceremony.place",
            nullable=True,
            column=_column(Edition, "ceremony_place"),
        )
        c.text(ceremony.get("occasion"), item, "edition.ceremony.occasion")
    c.integer(ed.get("places", 3), item, "edition.places", minimum=1, maximum=MAX_PLACES)
    c.choice(ed.get("place_numbering", "dense"), item, "edition.place_numbering", PlaceNumbering)
    c.choice(ed.get("aggregation", "mean"), item, "edition.aggregation", Aggregation)
    c.integer(
        ed.get("score_precision", 2),
        item,
        "edition.score_precision",
        minimum=0,
        maximum=MAX_SCORE_PRECISION,
    )
    maxima = _check_criteria(c, ed.get("criteria"))
    tie_break = ed.get("tie_break", [])
    if not isinstance(tie_break, list):
        c.add(item, "edition.tie_break", "must be a list of criterion codes")
    else:
        for i, problem in tie_break_problems(tie_break, {code: code for code in maxima}).items():
            c.add(item, f"edition.tie_break[{i}]", problem)
    return maxima


def _check_criteria(c: Checker, criteria) -> dict[str, Decimal]:
    maxima: dict[str, Decimal] = {}
    if not isinstance(criteria, list):
        c.add("edition settings", "edition.criteria", "must be a list")
        return maxima
    for i, crit in enumerate(criteria):
        code = crit.get("code") if isinstance(crit, dict) else None
        item = f'criterion "{code}"' if isinstance(code, str) else f"criterion #{i + 1}"
        if not c.keys(crit, item, "", {"code", "name", "weight", "max_score"}, set()):
            continue
        c.string(code, item, "code", pattern=CODE_RE)
        if isinstance(code, str) and code in maxima:
            c.add(item, "code", "is used by another criterion")
        c.text(crit.get("name"), item, "name", nullable=False)
        c.decimal(crit.get("weight"), item, "weight", field=WEIGHT, positive=True)
        c.integer(crit.get("max_score"), item, "max_score", minimum=1, maximum=MAX_MAX_SCORE)
        max_score = crit.get("max_score")
        if isinstance(code, str):
            maxima[code] = Decimal(max_score) if isinstance(max_score, int) else Decimal("Infinity")
    return maxima


def _check_entries(c: Checker, entries) -> dict[str, dict]:
    by_ref: dict[str, dict] = {}
    places: dict[int, list[tuple[str, bool]]] = {}
    for i, entry in enumerate(_list(c, entries, "entries")):
        ref = entry.get("ref") if isinstance(entry, dict) else None
        item = f'entry "{ref}"' if isinstance(ref, str) else f"entry #{i + 1}"
        optional = {"title", "summary", "description", "result", "photos"}
        if not c.keys(entry, item, "", {"ref", "authority", "state"}, optional):
            continue
        c.string(ref, item, "ref", pattern=REF_RE)
        if isinstance(ref, str):
            if ref in by_ref:
                c.add(item, "ref", "is used by another entry")
            by_ref[ref] = entry
        authority = entry.get("authority")
        if c.keys(authority, item, "authority", {"name", "kind", "country"}, set()):
            c.string(
                authority.get("name"), item, "authority.name", column=_column(Authority, "name")
            )
            c.choice(authority.get("kind"), item, "authority.kind", AuthorityKind)
            c.country(authority.get("country"), item, "authority.country")
        for name in ("title", "summary", "description"):
            c.text(entry.get(name), item, name)
        c.choice(entry.get("state"), item, "state", EntryState)
        if "result" in entry:
            _check_result(c, entry, item, places)
        photos = _list(c, entry.get("photos", []), f"{item} photos")
        if len(photos) > MAX_PHOTOS:  # as many as an authority may upload
            c.add(item, "photos", _("an entry has at most %(n)d photos") % {"n": MAX_PHOTOS})
        for j, photo in enumerate(photos):
            _check_photo(c, photo, item, f"photos[{j}]")
    for place, holders in sorted(places.items()):
        shared = len(holders) > 1
        for ref, ex_aequo in holders:
            if ex_aequo != shared:
                message = (
                    f"place {place} is shared, so ex_aequo must be true"
                    if shared
                    else f"no other entry has place {place}, so ex_aequo must be false"
                )
                c.add(f'entry "{ref}"', "result.ex_aequo", message)
    return by_ref


def _check_result(c: Checker, entry: dict, item: str, places: dict) -> None:
    result = entry["result"]
    if not c.keys(result, item, "result", {"place", "ex_aequo"}, set()):
        return
    c.integer(result.get("place"), item, "result.place", minimum=1, maximum=MAX_PLACE)
    c.boolean(result.get("ex_aequo"), item, "result.ex_aequo")
    if entry.get("state") not in [s.value for s in RANKED_ENTRY_STATES]:
        c.add(item, "result", f'an entry in state "{entry.get("state")}" cannot have a result')
    place = result.get("place")
    if (
        isinstance(place, int)
        and not isinstance(place, bool)
        and isinstance(result.get("ex_aequo"), bool)
    ):
        places.setdefault(place, []).append((entry.get("ref"), result["ex_aequo"]))


def _check_photo(c: Checker, photo, item: str, name: str) -> None:
    if not c.keys(photo, item, name, {"file"}, {"caption", "credit", "alt"}):
        return
    c.text(photo.get("caption"), item, f"{name}.caption")
    c.text(photo.get("alt"), item, f"{name}.alt")
    c.string(
        photo.get("credit", ""),
        item,
        f"{name}.credit",
        nonempty=False,
        column=_column(Photo, "credit"),
    )
    path = photo.get("file")
    c.string(path, item, f"{name}.file")
    if not isinstance(path, str) or not path.strip() or c.base_dir is None:
        return
    try:  # symbolic links are followed, so one cannot lead outside either
        resolved = (c.base_dir / path).resolve()
        inside = resolved.is_relative_to(c.base_dir.resolve())
        found = inside and resolved.is_file()
    except OSError as error:  # a name too long for the system, a loop of links...
        message = _('"%(file)s" cannot be used as a path (%(error)s)')
        c.add(item, f"{name}.file", message % {"file": path, "error": error.strerror})
        return
    if Path(path).is_absolute() or not inside:
        c.add(item, f"{name}.file", f'"{path}" must be a path inside the folder of the file')
    elif not found:
        c.add(item, f"{name}.file", f'"{path}" was not found next to the file')


def _check_jurors(c: Checker, jurors) -> set[str]:
    refs: set[str] = set()
    for i, juror in enumerate(_list(c, jurors, "jurors")):
        ref = juror.get("ref") if isinstance(juror, dict) else None
        item = f'juror "{ref}"' if isinstance(ref, str) else f"juror #{i + 1}"
        if not c.keys(juror, item, "", {"ref", "name"}, {"email", "country", "role"}):
            continue
        c.string(ref, item, "ref", pattern=REF_RE, column=_column(Juror, "ref"))
        if isinstance(ref, str):
            if ref in refs:
                c.add(item, "ref", "is used by another juror")
            refs.add(ref)
        c.string(juror.get("name"), item, "name", column=_column(Juror, "name"))
        c.email(juror.get("email"), item, "email", column=_column(Juror, "email"))
        if juror.get("country") is not None:
            c.country(juror.get("country"), item, "country")
        c.choice(juror.get("role", "member"), item, "role", JurorRole)
    return refs


def _check_conflicts(c: Checker, conflicts, jurors: set[str], entries: dict) -> set[tuple]:
    pairs: set[tuple] = set()
    for i, conflict in enumerate(_list(c, conflicts, "conflicts")):
        item = f"conflict #{i + 1}"
        if not c.keys(conflict, item, "", {"juror", "entry", "reason"}, set()):
            continue
        if not _refs_are_text(c, item, conflict, ("juror", "entry")):
            continue
        pair = (conflict.get("juror"), conflict.get("entry"))
        item = f'conflict of juror "{pair[0]}" with entry "{pair[1]}"'
        _check_refs(c, item, pair[0], jurors, pair[1], entries)
        c.string(conflict.get("reason"), item, "reason")
        if pair in pairs:
            c.add(item, "", "is declared twice")
        pairs.add(pair)
    return pairs


def _refs_are_text(c: Checker, item: str, obj: dict, names: tuple[str, ...]) -> bool:
    """References are strings; anything else (a list...) cannot even be looked up."""
    wrong = [name for name in names if not isinstance(obj.get(name), str)]
    for name in wrong:
        c.add(item, name, "must be a string")
    return not wrong


def _check_refs(c: Checker, item: str, juror, jurors: set[str], entry, entries: dict) -> None:
    if juror not in jurors:
        c.add(item, "juror", f'"{juror}" is not the ref of a juror in this file')
    if entry not in entries:
        c.add(item, "entry", f'"{entry}" is not the ref of an entry in this file')


def _check_scores(c: Checker, scores, jurors, entries, maxima, conflicts) -> None:
    seen: dict[tuple, set[str]] = {}
    for i, score in enumerate(_list(c, scores, "scores")):
        item = f"score #{i + 1}"
        if not c.keys(score, item, "", {"juror", "entry", "criterion", "value"}, set()):
            continue
        if not _refs_are_text(c, item, score, ("juror", "entry", "criterion")):
            continue
        juror, entry, code = score.get("juror"), score.get("entry"), score.get("criterion")
        item = f'score of juror "{juror}" for entry "{entry}" on "{code}"'
        _check_refs(c, item, juror, jurors, entry, entries)
        if code not in maxima:
            c.add(item, "criterion", f'"{code}" is not a criterion of this edition')
        c.decimal(score.get("value"), item, "value", field=VALUE, maximum=maxima.get(code))
        if (juror, entry) in conflicts:
            c.add(item, "juror", "has a declared conflict with this entry and cannot score it")
        codes = seen.setdefault((juror, entry), set())
        if code in codes:
            c.add(item, "", "is given twice")
        codes.add(code)
    for (juror, entry), codes in sorted(seen.items(), key=str):
        missing = sorted(set(maxima) - codes)
        if missing and juror in jurors and entry in entries:
            c.add(
                f'scores of juror "{juror}" for entry "{entry}"',
                "criterion",
                "scores count as submitted, so every criterion needs one; missing: "
                + ", ".join(missing),
            )
