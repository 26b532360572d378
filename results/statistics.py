"""The figures of the secretariat's statistics: per edition and across editions.

Every figure comes from aggregate queries (counts grouped in the database), so a page
runs the same few queries whatever the number of entries. No score is ever read: the
jurors' progress is a count of sheets.

An entry is *received* once it was submitted and not withdrawn: drafts and withdrawn
entries are counted by state only."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jury.selectors import jurors_with_sheet_counts
from prize.countries import country_name
from prize.enums import PUBLIC_RESULT_STATES
from prize.models import Edition
from prize.texts import pick
from submissions.enums import AuthorityKind, EntryState
from submissions.models import Entry

from .selectors import PlaceGroup, laureates_by_edition

RECEIVED_STATES = tuple(s for s in EntryState if s not in (EntryState.DRAFT, EntryState.WITHDRAWN))
RECEIVED = Q(state__in=RECEIVED_STATES)
# Submission times are counted in weeks before the deadline, this many of them.
WEEKS = 8
LAST_HOURS = 48


@dataclass(frozen=True)
class Tally:
    """A number of entries under one heading (a state, a country, a kind…)."""

    code: str
    label: str
    count: int


@dataclass(frozen=True)
class Timing:
    """When the received entries came in, against the deadline."""

    deadline: datetime
    timed: int  # received entries with a submission time (imported ones have none)
    windows: list[Tally]  # oldest first, then "after the deadline"
    last_hours: int  # in the LAST_HOURS before the deadline


@dataclass(frozen=True)
class SheetProgress:
    """A juror's score sheets: how many are submitted of those expected."""

    name: str
    role: str
    submitted: int
    expected: int


@dataclass(frozen=True)
class EditionFigures:
    edition: Edition
    entries: int  # every entry, drafts and withdrawn ones included
    received: int
    by_state: list[Tally]
    by_country: list[Tally]
    by_kind: list[Tally]
    timing: Timing | None  # None when the edition has no deadline
    jurors: list[SheetProgress]
    results: list[PlaceGroup] = field(default_factory=list)  # once public

    @property
    def countries(self) -> int:
        return len(self.by_country)


def kind_label(code: str) -> str:
    return str(AuthorityKind(code).label) if code in AuthorityKind.values else code


def state_label(code: str) -> str:
    return str(EntryState(code).label) if code in EntryState.values else code


def edition_figures(*, edition: Edition) -> EditionFigures:
    """Everything the edition's statistics page, CSV and PDF show, in at most seven
    queries (two more for the jurors, one for the results once public)."""
    entries = Entry.objects.filter(edition=edition).order_by()
    states = dict(entries.values_list("state").annotate(n=Count("pk")))
    places = list(
        entries.filter(RECEIVED)
        .values_list("authority__country", "authority__kind")
        .annotate(n=Count("pk"))
    )
    jurors = [
        SheetProgress(j.name, j.get_role_display(), j.submitted, j.assigned)
        for j in jurors_with_sheet_counts(edition=edition)
    ]
    return EditionFigures(
        edition=edition,
        entries=sum(states.values()),
        received=sum(n for _c, _k, n in places),
        by_state=[Tally(s.value, str(s.label), states.get(s.value, 0)) for s in EntryState],
        by_country=_by_country(places),
        by_kind=_by_kind(places),
        timing=timing(edition=edition),
        jurors=jurors,
        results=laureates_by_edition([edition]).get(edition.pk, []),
    )


def _by_country(places) -> list[Tally]:
    """Most entries first, then by name in the page's language."""
    counts: dict[str, int] = {}
    for country, _kind, n in places:
        counts[country] = counts.get(country, 0) + n
    tallies = [Tally(code, country_name(code), n) for code, n in counts.items()]
    return sorted(tallies, key=lambda t: (-t.count, t.label.casefold()))


def _by_kind(places) -> list[Tally]:
    """Every kind of authority, in the order of the form, even with no entry."""
    counts: dict[str, int] = {}
    for _country, kind, n in places:
        counts[kind] = counts.get(kind, 0) + n
    known = [Tally(k.value, str(k.label), counts.pop(k.value, 0)) for k in AuthorityKind]
    return known + [Tally(code, code, n) for code, n in sorted(counts.items())]


def _windows(deadline: datetime) -> list[tuple[str, str, Q]]:
    """(code, label, condition) of each window of submission times, oldest first."""
    at = "submitted_at"
    start = deadline - timedelta(weeks=WEEKS)
    windows = [
        (
            "earlier",
            _("More than %(days)d days before") % {"days": WEEKS * 7},
            Q(**{f"{at}__lte": start}),
        )
    ]
    for week in range(WEEKS, 0, -1):
        end = deadline - timedelta(weeks=week - 1)
        first, last = (week - 1) * 7 + 1, week * 7
        label = (
            _("Last 7 days")
            if week == 1
            else _("%(first)d to %(last)d days before") % {"first": first, "last": last}
        )
        begin = end - timedelta(weeks=1)
        windows.append((f"week-{week}", label, Q(**{f"{at}__gt": begin, f"{at}__lte": end})))
    windows.append(("late", _("After the deadline"), Q(**{f"{at}__gt": deadline})))
    return windows


def timing(*, edition: Edition) -> Timing | None:
    """Received entries by week before the deadline, and in its last 48 hours: one
    aggregate query. None when the edition has no deadline."""
    deadline = edition.submission_deadline
    if deadline is None:
        return None
    windows = _windows(deadline)
    last = Q(submitted_at__gt=deadline - timedelta(hours=LAST_HOURS), submitted_at__lte=deadline)
    counts = (
        Entry.objects.filter(RECEIVED, edition=edition, submitted_at__isnull=False)
        .order_by()
        .aggregate(
            timed=Count("pk"),
            last_hours=Count("pk", filter=last),
            **{code: Count("pk", filter=condition) for code, _label, condition in windows},
        )
    )
    return Timing(
        deadline=deadline,
        timed=counts["timed"],
        windows=[Tally(code, label, counts[code]) for code, label, _q in windows],
        last_hours=counts["last_hours"],
    )


# --- across editions -----------------------------------------------------------------


@dataclass(frozen=True)
class EditionRow:
    """One edition in the overview."""

    edition: Edition
    received: int
    countries: int
    by_kind: list[Tally]
    last_hours: int | None  # None without a deadline
    laureates: int | None  # None while the results are not public


@dataclass(frozen=True)
class Overview:
    rows: list[EditionRow]  # newest first
    by_country: list[Tally]
    by_kind: list[Tally]

    @property
    def received(self) -> int:
        return sum(row.received for row in self.rows)

    @property
    def countries(self) -> int:
        return len(self.by_country)


def overview() -> Overview:
    """Every edition with its figures, and the totals across editions: two queries."""
    received = Q(entries__state__in=RECEIVED_STATES)
    deadline = F("submission_deadline")
    last = received & Q(
        entries__submitted_at__gt=deadline - timedelta(hours=LAST_HOURS),
        entries__submitted_at__lte=deadline,
    )
    kinds = {
        f"kind_{k.value}": Count("entries", filter=received & Q(entries__authority__kind=k.value))
        for k in AuthorityKind
    }
    editions = Edition.objects.order_by("-number").annotate(
        received=Count("entries", filter=received),
        countries=Count("entries__authority__country", filter=received, distinct=True),
        last_hours=Count("entries", filter=last),
        laureates=Count("entries", filter=Q(entries__result__place__lte=F("places"))),
        **kinds,
    )
    rows = [_row(edition) for edition in editions]
    places = list(
        Entry.objects.filter(RECEIVED)
        .order_by()
        .values_list("authority__country", "authority__kind")
        .annotate(n=Count("pk"))
    )
    return Overview(rows=rows, by_country=_by_country(places), by_kind=_by_kind(places))


def _row(edition) -> EditionRow:
    public = edition.state in PUBLIC_RESULT_STATES
    return EditionRow(
        edition=edition,
        received=edition.received,
        countries=edition.countries,
        by_kind=[
            Tally(k.value, str(k.label), getattr(edition, f"kind_{k.value}")) for k in AuthorityKind
        ],
        last_hours=edition.last_hours if edition.submission_deadline else None,
        laureates=edition.laureates if public else None,
    )


def entry_rows(*, edition: Edition) -> list[tuple]:
    """The edition's entries by reference, as the entries CSV lists them: reference,
    title (in the active language, else the other), authority, country code and name,
    kind, state, submission time (ISO 8601, local time). One query of plain values."""
    values = (
        Entry.objects.filter(edition=edition)
        .order_by("ref")
        .values_list(
            "ref",
            "title",
            "authority__name",
            "authority__country",
            "authority__kind",
            "state",
            "submitted_at",
        )
    )
    return [
        (
            ref,
            text.text if (text := pick(title)) else "",
            authority,
            country,
            country_name(country),
            kind_label(kind),
            state_label(state),
            timezone.localtime(submitted).isoformat() if submitted else "",
        )
        for ref, title, authority, country, kind, state, submitted in values
    ]


def timing_summary(timing: Timing) -> str:
    """'In the last 48 hours before the deadline: 12 of 40 entries with a submission time.'"""
    return ngettext(
        "In the last 48 hours before the deadline: %(last)d of %(timed)d entry with a "
        "submission time.",
        "In the last 48 hours before the deadline: %(last)d of %(timed)d entries with a "
        "submission time.",
        timing.timed,
    ) % {"last": timing.last_hours, "timed": timing.timed}
