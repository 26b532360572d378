"""The Alliance's existing participants from a CSV file: one service for the
secretariat's upload page and for `manage.py import_alliance`.

The file (docs/alliance-import.md says the same for the secretariat):
- UTF-8, with or without a byte-order mark; commas or semicolons between the fields
  (what a spreadsheet saves as "CSV UTF-8", in any locale).
- A first line naming the columns, in any order: ``name, kind, country,
  participant_since, website``, and optionally ``name_fr`` (the name in French).
- name: the authority's official name in English or French; kind: ``municipality``,
  ``region`` or ``other_local`` (or their names in English or French); country: the
  two-letter code (``BE``) or the country's name in English or French; participant_since:
  ``YYYY-MM-DD``, or ``YYYY-MM`` for the first day of the month; website: optional.

What an import does (the same file twice changes nothing the second time):
- An authority is found by its name (either language, any letter case) and country.
  A new one is created, verified (the secretariat's own list vouches for it), with no
  member: its officials claim it later (see `submissions.services.authority_create`).
- An authority that has no Alliance record becomes a participant from the date given.
- A participant whose date differs gets the file's date; an empty website or French
  name is filled in. Nothing else on the site is changed by the file, and a participant
  missing from the file stays a participant (ending one is the secretariat's step).
- All or nothing: any problem refuses the whole file, each problem named by its line.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.rules import is_secretariat
from prize.countries import KNOWN, MEMBER_STATES, country_name
from submissions.enums import AuthorityKind
from submissions.models import Authority
from submissions.services import authorities as authority_services
from web.dates import date_format
from web.transliteration import folded

from . import services
from .enums import ParticipationState
from .models import Participation

REQUIRED = ("name", "kind", "country", "participant_since")
COLUMNS = (*REQUIRED, "website", "name_fr")
HEADER = "name,kind,country,participant_since,website"
MAX_BYTES = 512 * 1024
MAX_ROWS = 5000
NAME_MAX = 300

# What each line of the file will do.
CREATE, JOIN, UPDATE, UNCHANGED = "create", "join", "update", "unchanged"
ACTIONS = (CREATE, JOIN, UPDATE, UNCHANGED)


@dataclass(frozen=True)
class Row:
    line: int
    name: str
    kind: str
    country: str
    since: date
    website: str = ""
    name_fr: str = ""


@dataclass
class Step:
    row: Row
    action: str
    authority: Authority | None = None
    participation: Participation | None = None
    changes: list[str] = field(default_factory=list)


def _site_values(step: Step) -> tuple:
    """What the site holds that decides a step's changes."""
    authority, participation = step.authority, step.participation
    return (
        authority and (authority.pk, authority.website, authority.name_fr, authority.is_verified),
        participation and (participation.pk, participation.state, participation.accepted_on),
    )


@dataclass
class Plan:
    """What the file will do, line by line, or why it cannot be imported."""

    steps: list[Step] = field(default_factory=list)
    line_problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """Every problem, in the order of the file's lines."""
        return [_line(n, message) for n, message in sorted(self.line_problems, key=lambda p: p[0])]

    def count(self, action: str) -> int:
        return sum(1 for step in self.steps if step.action == action)

    @property
    def digest(self) -> str:
        """Changes if anything the preview showed would now be done differently; the same
        in every language of the page (the changes' sentences are not in it, the site's
        values they come from are)."""
        text = repr([(s.row, s.action, _site_values(s)) for s in self.steps])
        return hashlib.sha256(text.encode()).hexdigest()


# --- Reading the file --------------------------------------------------------------------


def _line(number: int, message: str) -> str:
    return _("Line %(line)d: %(message)s") % {"line": number, "message": message}


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)d KB; split it in several files.")
            % {"size": MAX_BYTES // 1024}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8 "
                "(comma delimited)” and send it again."
            )
        ) from None
    if "\x00" in text:
        raise ValidationError(_("The file is not a CSV text file (it holds a NUL byte)."))
    if not text.strip():
        raise ValidationError(_("The file is empty."))
    return text


def _header(reader, first: str) -> list[str]:
    names = [n.strip().lower().replace(" ", "_") for n in next(reader)]
    missing = [n for n in REQUIRED if n not in names]
    unknown = [n for n in names if n not in COLUMNS]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if missing or unknown or repeated:
        raise ValidationError(
            _(
                "Line 1 must name the columns: %(header)s (and optionally name_fr). "
                "It reads “%(first)s”."
            )
            % {"header": HEADER, "first": first[:200]}
        )
    return names


def _fold(text: str) -> str:
    """For matching names: transliterated as search does (Łódź is "lodz", Київ "kyiv"),
    no letter case, hyphens as spaces, single spaces."""
    return " ".join(folded(text).replace("-", " ").split())


def _lookup_tables() -> tuple[dict[str, str], dict[str, str]]:
    kinds, countries = {}, {}
    for language in ("en", "fr"):
        with translation.override(language):
            for code, label in AuthorityKind.choices:
                kinds[_fold(code)] = kinds[_fold(str(label))] = code
    for code in KNOWN:
        countries[_fold(code)] = code
        for language in ("en", "fr"):
            countries[_fold(country_name(code, language))] = code
    return kinds, countries


def _date(value: str) -> date | None:
    for size, suffix in ((10, ""), (7, "-01")):
        if len(value) == size:
            try:
                return date.fromisoformat(value + suffix)
            except ValueError:
                return None
    return None


def _row(number: int, values: dict, tables, today: date) -> tuple[Row | None, list]:
    kinds, countries = tables
    problems = []
    for column in REQUIRED:
        if not values[column]:
            problems.append(_("the “%(column)s” field is empty.") % {"column": column})
    name, kind, country, since = (values[c] for c in REQUIRED)
    if len(name) > NAME_MAX or len(values["name_fr"]) > NAME_MAX:
        problems.append(_("the name is longer than %(max)d characters.") % {"max": NAME_MAX})
    if kind and _fold(kind) not in kinds:
        problems.append(
            _("unknown kind “%(kind)s”: write municipality, region or other_local.")
            % {"kind": kind}
        )
    code = countries.get(_fold(country)) if country else None
    if country and code is None:
        problems.append(
            _(
                "unknown country “%(country)s”: write its two-letter code (such as BE) or "
                "its name in English or French."
            )
            % {"country": country}
        )
    elif code and code not in MEMBER_STATES:
        problems.append(
            _("%(country)s is not a member state of the Council of Europe.")
            % {"country": country_name(code)}
        )
    day = _date(since) if since else None
    if since and day is None:
        problems.append(
            _("“%(date)s” is not a date: write it as 2014-03-01 (year, month, day) or 2014-03.")
            % {"date": since}
        )
    elif day and day > today:
        problems.append(
            _("the date %(date)s is after today.") % {"date": date_format(day, "j F Y")}
        )
    if values["website"]:
        try:
            URLValidator()(values["website"])
        except ValidationError:
            problems.append(
                _("“%(url)s” is not a web address: write it in full, with https://.")
                % {"url": values["website"]}
            )
    if problems:
        return None, [(number, p) for p in problems]
    kind_code = kinds[_fold(kind)]
    row = Row(number, name, kind_code, code, day, values["website"], values["name_fr"])
    return row, []


def read(data: bytes) -> tuple[list[Row], list[tuple[int, str]]]:
    """The file's rows and the problems of each line as (line, sentence); no database
    read. A file that cannot be read at all raises ValidationError."""
    text = _decode(data)
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        names = _header(reader, first)
        rows, problems, seen = [], [], {}
        tables, today, start = _lookup_tables(), timezone.localdate(), reader.line_num + 1
        for record in reader:
            number, start = start, reader.line_num + 1
            if not any(v.strip() for v in record):
                continue  # blank lines, as spreadsheets leave them at the end
            if len(rows) + len(problems) >= MAX_ROWS:
                raise ValidationError(
                    _("The file has more than %(max)d lines; split it.") % {"max": MAX_ROWS}
                )
            if len(record) != len(names):
                problems.append(
                    (
                        number,
                        _("%(found)d fields where the first line names %(expected)d.")
                        % {"found": len(record), "expected": len(names)},
                    )
                )
                continue
            values = dict.fromkeys(COLUMNS, "") | {
                n: " ".join(v.split()) for n, v in zip(names, record, strict=True)
            }
            row, row_problems = _row(number, values, tables, today)
            problems += row_problems
            if row is not None:
                key = (_fold(row.name), row.country)
                if key in seen:
                    problems.append(
                        (
                            number,
                            _("%(name)s (%(country)s) is already on line %(first)d.")
                            % {"name": row.name, "country": row.country, "first": seen[key]},
                        )
                    )
                    continue
                seen[key] = number
                rows.append(row)
    except csv.Error as error:
        raise ValidationError(
            _("Line %(line)d cannot be read as CSV (%(error)s); check its quotation marks.")
            % {"line": reader.line_num, "error": error}
        ) from None
    if not rows and not problems:
        raise ValidationError(_("The file names its columns but has no participant."))
    return rows, problems


# --- Matching with the site --------------------------------------------------------------


def _find(row: Row, candidates: list[Authority]) -> tuple[Authority | None, str]:
    wanted = {_fold(name) for name in (row.name, row.name_fr) if name}
    same = [a for a in candidates if wanted & {_fold(name) for name in (a.name, a.name_fr) if name}]
    if len(same) > 1:
        same = [a for a in same if a.kind == row.kind] or same
    if len(same) > 1:
        return None, _(
            "%(name)s matches several authorities on the site; write to the developers."
        ) % {"name": row.name}
    if same and same[0].kind != row.kind:
        return None, _(
            "%(name)s is on the site as “%(site)s”, the file says “%(file)s”: correct the file "
            "or the authority's page."
        ) % {
            "name": row.name,
            "site": same[0].get_kind_display(),
            "file": AuthorityKind(row.kind).label,
        }
    return (same[0] if same else None), ""


def _step(row: Row, authority: Authority | None) -> tuple[Step, str]:
    if authority is None:
        return Step(row, CREATE), ""
    changes = []
    if row.website and not authority.website:
        changes.append(_("website: %(url)s") % {"url": row.website})
    if row.name_fr and not authority.name_fr:
        changes.append(_("name in French: %(name)s") % {"name": row.name_fr})
    participation = getattr(authority, "participation", None)
    if participation is None:
        if not authority.is_verified:
            changes.append(_("verified now (it was waiting for verification)"))
        return Step(row, JOIN, authority, None, changes), ""
    if participation.state != ParticipationState.ACCEPTED:
        return Step(row, UNCHANGED), _(
            "%(name)s's Alliance record is “%(state)s” on the site: decide or leave it on "
            "its page first, or remove this line."
        ) % {"name": authority.display_name, "state": participation.get_state_display()}
    if participation.accepted_on != row.since:
        changes.append(
            _("participant since: %(old)s → %(new)s")
            % {
                "old": participation.accepted_on
                and date_format(participation.accepted_on, "j F Y")
                or "—",
                "new": date_format(row.since, "j F Y"),
            }
        )
    return Step(row, UPDATE if changes else UNCHANGED, authority, participation, changes), ""


def plan(rows: list[Row], problems: list[tuple[int, str]]) -> Plan:
    """What importing `rows` would do now. Two queries, whatever the number of rows."""
    countries = {row.country for row in rows}
    names = {_fold(name) for row in rows for name in (row.name, row.name_fr) if name}
    candidates = [
        a
        for a in Authority.objects.filter(country__in=countries).select_related("participation")
        if names & {_fold(name) for name in (a.name, a.name_fr) if name}
    ]
    result = Plan(line_problems=list(problems))
    for row in rows:
        authority, problem = _find(row, [a for a in candidates if a.country == row.country])
        if not problem:
            step, problem = _step(row, authority)
        if problem:
            result.line_problems.append((row.line, problem))
        else:
            result.steps.append(step)
    return result


# --- The services ------------------------------------------------------------------------


def _refuse_unless_secretariat(by) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat imports the Alliance's participants."))


def participants_import_preview(*, data: bytes, by) -> Plan:
    """What importing the file would do, and its problems. Writes nothing."""
    _refuse_unless_secretariat(by)
    return plan(*read(data))


def participants_import(*, data: bytes, by, expected: str = "") -> Plan:
    """Import the file: all of it, or nothing if a line has a problem (ValidationError
    listing every problem by line). With `expected` (the preview's digest), refuses if the
    site changed since the preview so that the import would now do something else.

    Side effects, in one transaction: new authorities (verified, no member), accepted
    participations with one log row each, changed dates (one log row each), filled-in
    websites and French names; the public pages renewed (the counter)."""
    _refuse_unless_secretariat(by)
    rows, problems = read(data)
    try:
        with transaction.atomic():
            return _import(rows, problems, by=by, expected=expected)
    except IntegrityError:  # another import created the same authority meanwhile
        raise ValidationError(
            _("Someone imported or registered the same authorities at the same moment: try again.")
        ) from None


def _import(rows, problems, *, by, expected: str) -> Plan:
    result = plan(rows, problems)
    if result.problems:
        raise ValidationError(result.problems)
    if expected and expected != result.digest:
        raise ValidationError(
            _("The site changed since your preview: look at the new preview and confirm again.")
        )
    for step in result.steps:
        _apply(step, by)
    return result


def _apply(step: Step, by) -> None:
    row = step.row
    if step.action == CREATE:
        authority = authority_services.authority_create(
            by=None,
            name=row.name,
            kind=row.kind,
            country=row.country,
            website=row.website,
            name_fr=row.name_fr,
        )
        authority_services.authority_verify(authority_id=authority.pk, by=by)
        step.authority = authority
    if step.action in (JOIN, UPDATE):
        filled = {}
        if row.website and not step.authority.website:
            filled["website"] = row.website
        if row.name_fr and not step.authority.name_fr:
            filled["name_fr"] = row.name_fr
        if filled:
            authority_services.authority_update(authority_id=step.authority.pk, by=by, **filled)
    if step.action == JOIN and not step.authority.is_verified:
        authority_services.authority_verify(authority_id=step.authority.pk, by=by)
    if step.action in (CREATE, JOIN):
        services.participation_register(
            authority_id=step.authority.pk, by=by, accepted_on=row.since
        )
    elif step.action == UPDATE and step.participation.accepted_on != row.since:
        services.participation_since_record(
            participation_id=step.participation.pk, by=by, accepted_on=row.since
        )
