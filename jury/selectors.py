from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, StringAgg, Value
from django.db.models.functions import Cast, Concat

from accounts.rules import is_secretariat
from prize.enums import EDITION_JURY_STATES, JuryRound
from prize.models import Criterion, Edition
from prize.texts import pick
from submissions.models import Entry

from . import ranking, rules
from .enums import (
    BLOCKING_CONFLICTS,
    AssignmentState,
    ConflictStatus,
    DecisionSource,
    JurorRole,
)
from .models import Assignment, Conflict, Decision, Juror, Result, Score, Shortlist


def is_chair(*, edition_id: int, user) -> bool:
    """The chair of that edition's jury, or the secretariat (which may always act)."""
    return (
        is_secretariat(user)
        or Juror.objects.filter(
            edition_id=edition_id, user_id=getattr(user, "pk", None), role=JurorRole.CHAIR
        ).exists()
    )


def second_factor_duty(user) -> bool:
    """Whether `user` sits on the jury (as a juror or the chair) of an edition being judged
    or deliberated, and so must log in with a second factor (jury.rules.
    seat_needs_second_factor). Named in settings.SECOND_FACTOR_REQUIRED_BY: accounts asks
    it without importing the jury. One query."""
    return Juror.objects.filter(
        user_id=user.pk, edition__state__in=rules.SECOND_FACTOR_STATES
    ).exists()


def may_decide_conflict(*, conflict: Conflict, user) -> bool:
    """Whether `user` may confirm or waive `conflict` (jury.rules.may_decide_conflict)."""
    seat = Juror.objects.filter(
        edition_id=conflict.juror.edition_id, user_id=getattr(user, "pk", None)
    ).first()
    return rules.may_decide_conflict(conflicted=conflict.juror, user=user, seat=seat)


def conflicts_to_decide(*, edition: Edition, user) -> list[Conflict]:
    """The edition's flagged conflicts, each with `decidable`: whether `user` may confirm
    or waive it (jury.rules.may_decide_conflict; never their own). Two queries."""
    seat = Juror.objects.filter(edition=edition, user_id=getattr(user, "pk", None)).first()
    flags = list(
        Conflict.objects.filter(juror__edition=edition, status=ConflictStatus.FLAGGED)
        .select_related("juror", "entry__authority")
        .order_by("entry__ref", "juror__ref")
    )
    for flag in flags:
        flag.decidable = rules.may_decide_conflict(conflicted=flag.juror, user=user, seat=seat)
    return flags


def juror_count(*, edition: Edition) -> int:
    return Juror.objects.filter(edition=edition).count()


def has_decision(*, edition: Edition) -> bool:
    """A decision that can be published: imported from the archive, or recorded by the
    chair and approved by the secretariat."""
    return (
        Decision.objects.filter(edition=edition)
        .filter(Q(source=DecisionSource.IMPORTED) | Q(approved_at__isnull=False))
        .exists()
    )


def results(*, editions):
    """Recorded results of the given editions, with entry and authority, best first."""
    return (
        Result.objects.filter(decision__edition__in=editions)
        .select_related("entry__authority", "entry__edition", "decision__edition")
        .order_by("decision__edition__number", "place", "entry__ref")
    )


def round_entries(edition: Edition):
    """The entries of the jury's current round: every entry of the edition, or in the
    final round of an edition with a shortlist only the shortlisted ones."""
    entries = Entry.objects.filter(edition=edition)
    if edition.jury_round == JuryRound.FINAL:
        entries = entries.filter(shortlists__edition=edition)
    return entries


def ranking_input(*, edition: Edition) -> dict:
    """Everything the ranking engine needs, as plain data, in five queries whatever the
    number of entries, jurors and scores: the current round's (Edition.jury_round)
    entries and sheets only, so a final round ranks the shortlisted entries by their
    final-round scores alone."""
    entries = [
        ranking.Entry(ref, state, name, country)
        for ref, state, name, country in round_entries(edition).values_list(
            "ref", "state", "authority__name", "authority__country"
        )
    ]
    criteria = [
        ranking.Criterion(code, weight, max_score)
        for code, weight, max_score in Criterion.objects.filter(edition=edition)
        .order_by("order", "code")
        .values_list("code", "weight", "max_score")
    ]
    jury = frozenset(Juror.objects.filter(edition=edition).values_list("ref", flat=True))
    conflicts = frozenset(
        Conflict.objects.filter(juror__edition=edition, status__in=BLOCKING_CONFLICTS).values_list(
            "juror__ref", "entry__ref"
        )
    )
    return {
        "entries": entries,
        "criteria": criteria,
        "sheets": _sheets(edition),
        "jury": jury,
        "conflicts": conflicts,
    }


def _sheets(edition: Edition) -> list[ranking.Sheet]:
    """One row per scored assignment, its scores joined into one string by the database:
    150,000 score rows cost the chair's page half a second in Python, 30,000 a tenth."""
    rows = (
        # The same join as the aggregate below: a comment's row with no value is left out.
        Assignment.objects.filter(
            juror__edition=edition, round=edition.jury_round, scores__value__isnull=False
        )
        .values_list("juror__ref", "entry__ref", "state")
        .annotate(
            scored=StringAgg(
                Concat("scores__criterion__code", Value("="), Cast("scores__value", CharField())),
                Value(";"),
            )
        )
        .order_by()
    )
    return [
        ranking.Sheet(juror, entry, _values(scored), state == AssignmentState.SUBMITTED)
        for juror, entry, state, scored in rows
    ]


def _values(scored: str) -> dict[str, Decimal]:
    """{code: value} from "code=7.500;code=6". Quantized to the field's three decimals,
    as the ORM returns them (SQLite gives 7.5 as text), so the digest of the inputs does
    not depend on the database."""
    values = {}
    for pair in scored.split(";"):
        code, _equals, value = pair.partition("=")
        values[code] = _score(value)
    return values


@lru_cache(maxsize=4096)
def _score(text: str) -> Decimal:
    # A scale has a few dozen steps: each is parsed once, not 150,000 times.
    return Decimal(text).quantize(Decimal("0.001"))


def ranking_settings(edition: Edition) -> ranking.Settings:
    return ranking.Settings(
        aggregation=edition.aggregation,
        place_numbering=edition.place_numbering,
        score_precision=edition.score_precision,
        places=edition.places,
        tie_break=tuple(edition.tie_break or ()),
    )


def edition_ranking(*, edition: Edition, aggregation: str | None = None) -> list[ranking.Row]:
    """The computed ranking of an edition (optionally under another aggregation)."""
    settings = ranking_settings(edition)
    if aggregation:
        settings = replace(settings, aggregation=aggregation)
    return ranking.rank(settings=settings, **ranking_input(edition=edition))


def juror_progress(*, juror: Juror) -> list[dict]:
    """A juror's entries with how many criteria they scored, in two queries. An entry
    the juror has a conflict with is left out, even when its scores were submitted
    before the conflict was declared: the juror must not see it any more."""
    criteria = Criterion.objects.filter(edition_id=juror.edition_id).count()
    blocked = Conflict.objects.filter(
        juror=juror, entry=OuterRef("entry"), status__in=BLOCKING_CONFLICTS
    )
    assignments = (
        Assignment.objects.filter(juror=juror, round=F("juror__edition__jury_round"))
        .exclude(Exists(blocked))
        .select_related("entry__authority")
        .annotate(scored=Count("scores", filter=Q(scores__value__isnull=False)))
        .order_by("entry__ref")
    )
    return [
        {"assignment": a, "entry": a.entry, "scored": a.scored, "criteria": criteria}
        for a in assignments
    ]


def sheet_counts(rows: list[dict]) -> dict:
    """How far a juror is, from juror_progress's rows: their sheets, how many they
    submitted, and how many they started (a criterion scored) without submitting."""
    submitted = sum(1 for r in rows if r["assignment"].state == AssignmentState.SUBMITTED)
    drafts = sum(1 for r in rows if r["assignment"].state == AssignmentState.DRAFT and r["scored"])
    return {"total": len(rows), "submitted": submitted, "drafts": drafts}


def counted_assignments(**filters):
    """The assignments that count, across editions: those of their edition's current
    round, without a blocking conflict (a sheet submitted before its conflict was
    declared or confirmed stays on record, but counts nowhere, as in the ranking)."""
    blocked = Conflict.objects.filter(
        juror=OuterRef("juror"), entry=OuterRef("entry"), status__in=BLOCKING_CONFLICTS
    )
    return (
        Assignment.objects.filter(round=F("juror__edition__jury_round"), **filters)
        .exclude(Exists(blocked))
        .order_by()
    )


def _counted_assignments(edition: Edition):
    return counted_assignments(juror__edition=edition)


@dataclass(frozen=True)
class UnevenEntry:
    """An entry with fewer counted score sheets than the entry with the most."""

    ref: str
    title: str
    authority: str
    sheets: int
    most: int


def uneven_entries(*, edition: Edition) -> list[UnevenEntry]:
    """The ranked entries whose submitted sheets that count (no conflict) are fewer than
    those of the entry with the most, in reference order; none when no sheet is in. The
    secretariat confirms them before locking the scores. Two queries."""
    counts = dict(
        _counted_assignments(edition)
        .filter(state=AssignmentState.SUBMITTED)
        .values_list("entry_id")
        .annotate(n=Count("pk"))
    )
    entries = list(
        round_entries(edition)
        .filter(state__in=ranking.RANKED_STATES)
        .select_related("authority")
        .order_by("ref")
    )
    most = max((counts.get(e.pk, 0) for e in entries), default=0)
    return [
        UnevenEntry(e.ref, e.display_title, e.authority.name, counts.get(e.pk, 0), most)
        for e in entries
        if counts.get(e.pk, 0) < most
    ]


@dataclass(frozen=True)
class EntryName:
    """An entry as people know it: the project's title (in the page's language) and the
    authority's name. The reference is for the staff, beside it."""

    title: str
    authority: str


def entry_names(*, edition: Edition) -> dict[str, EntryName]:
    """{ref: EntryName} of an edition's entries, in one query of plain values (whole
    Entry rows, with every JSON text, cost a third of the chair's page at 2,000)."""
    rows = Entry.objects.filter(edition=edition).values_list("ref", "title", "authority__name")
    names = {}
    for ref, title, authority in rows:
        text = pick(title)
        names[ref] = EntryName(text.text if text else ref, authority)
    return names


def jurors_with_sheet_counts(*, edition: Edition) -> list[Juror]:
    """The edition's jurors by name, each with `assigned` (the sheets that count: no
    blocking conflict) and `submitted` (those of them submitted). Two queries; no score
    is read."""
    submitted = Count("pk", filter=Q(state=AssignmentState.SUBMITTED))
    per_juror = {
        row["juror"]: row
        for row in _counted_assignments(edition)
        .values("juror")
        .annotate(assigned=Count("pk"), submitted=submitted)
    }
    jurors = list(Juror.objects.filter(edition=edition).order_by("name", "pk"))
    for juror in jurors:
        row = per_juror.get(juror.pk, {})
        juror.assigned, juror.submitted = row.get("assigned", 0), row.get("submitted", 0)
    return jurors


def deliberation(*, edition: Edition) -> dict:
    """What the chair's page shows, in a fixed number of queries: progress per juror
    and per entry, and the ranking under every aggregation, side by side."""
    counted = _counted_assignments(edition)
    submitted = Count("pk", filter=Q(state=AssignmentState.SUBMITTED))
    jurors = jurors_with_sheet_counts(edition=edition)
    # Plain values: 2,000 whole Entry rows (with their JSON texts) cost a third of the page.
    entries = list(
        counted.values(ref=F("entry__ref"))
        .annotate(assigned=Count("pk"), submitted=submitted)
        .order_by("ref")
    )
    data = ranking_input(edition=edition)
    base = ranking_settings(edition)
    by_aggregation = ranking.rank_each(aggregations=ranking.AGGREGATIONS, settings=base, **data)
    table = _side_by_side(by_aggregation, base)
    names = entry_names(edition=edition)
    for line in table:
        line["name"] = names.get(line["row"].entry) or EntryName(line["row"].entry, "")
    for entry in entries:
        entry["name"] = names.get(entry["ref"]) or EntryName(entry["ref"], "")
    return {
        "jurors": jurors,
        "entries": entries,
        "submitted_count": sum(juror.submitted for juror in jurors),
        "rankings": by_aggregation,
        "table": table,
        "laureate_lines": [line for line in table if line["row"].laureate],
        "laureates_differ": _laureates_differ(by_aggregation, base.aggregation),
        "scale": max((c.max_score for c in data["criteria"]), default=10),
    }


def _side_by_side(by_aggregation: dict, settings) -> list[dict]:
    """One row per entry in the edition's own order, with every aggregation's score and
    place, and the spread of the juror totals."""
    own = by_aggregation[settings.aggregation]
    cells = {name: {r.entry: r for r in rows} for name, rows in by_aggregation.items()}
    table = []
    for row in own:
        totals = row.totals
        table.append(
            {
                "row": row,
                "others": [(name, cells[name][row.entry]) for name in ranking.AGGREGATIONS],
                "min": min(totals) if totals else None,
                "max": max(totals) if totals else None,
                "sd": ranking.pstdev(totals) if totals else None,
            }
        )
    return table


def _laureates_differ(by_aggregation: dict, own: str) -> list[str]:
    """The aggregations under which the laureates would not be the same."""

    def laureates(rows):
        return {r.entry for r in rows if r.laureate}

    mine = laureates(by_aggregation[own])
    return [name for name, rows in by_aggregation.items() if laureates(rows) != mine]


def scores_export(*, edition: Edition) -> list[dict]:
    """Every score with its comment, one row per juror, entry and criterion (one query)."""
    scores = (
        Score.objects.filter(assignment__juror__edition=edition)
        .select_related("assignment__juror", "assignment__entry__authority", "criterion")
        .order_by(
            "assignment__round",
            "assignment__juror__ref",
            "assignment__entry__ref",
            "criterion__order",
        )
    )
    return [
        {
            "juror": s.assignment.juror.ref,
            "juror_name": s.assignment.juror.name,
            "entry": s.assignment.entry.ref,
            "authority": s.assignment.entry.authority.name,
            "country": s.assignment.entry.authority.country,
            "criterion": s.criterion.code,
            "value": s.value,
            "comment": s.comment,
            "state": s.assignment.state,
            "submitted_at": s.assignment.submitted_at.isoformat()
            if s.assignment.submitted_at
            else "",
            "overall_comment": s.assignment.comment,
            "round": s.assignment.round,
        }
        for s in scores
    ]


def submitted_sheet(*, edition: Edition, juror: str, entry: str) -> Assignment | None:
    """The submitted assignment of juror `juror` (ref) for entry `entry` (ref), if any."""
    return Assignment.objects.filter(
        juror__edition=edition,
        juror__ref=juror,
        entry__ref=entry,
        round=edition.jury_round,
        state=AssignmentState.SUBMITTED,
    ).first()


def juror_assignment(*, juror: Juror, ref: str) -> Assignment | None:
    """A juror's own assignment for an entry, or None: before the terms are accepted,
    outside the jury's states, or when a conflict keeps the juror away from it."""
    if juror.terms_accepted_at is None or juror.edition.state not in EDITION_JURY_STATES:
        return None
    assignment = (
        Assignment.objects.filter(juror=juror, entry__ref=ref, round=juror.edition.jury_round)
        .select_related("entry__edition", "entry__authority", "juror")
        .prefetch_related("scores__criterion")
        .first()
    )
    blocked = Conflict.objects.filter(
        juror=juror, entry__ref=ref, status__in=BLOCKING_CONFLICTS
    ).exists()
    return None if assignment is None or blocked else assignment


def shortlist(*, edition: Edition) -> Shortlist | None:
    """The shortlist the chair recorded, with its entries (and their authorities)."""
    return (
        Shortlist.objects.filter(edition=edition)
        .select_related("recorded_by")
        .prefetch_related("entries__authority")
        .first()
    )


def shortlisted_count(*, edition: Edition) -> int:
    return Entry.objects.filter(shortlists__edition=edition).count()


def shortlist_proposal(*, edition: Edition, rows: list[ranking.Row] | None = None) -> dict:
    """What the chair sees before recording the shortlist: the first round's ranking
    (`rows`, computed if not given), the proposal (rules.shortlist_proposal: the first
    `shortlist_size`, with those tied with the last) and whether ties make it longer."""
    if rows is None:
        rows = edition_ranking(edition=edition)
    proposal = rules.shortlist_proposal(rows, edition.shortlist_size or 0)
    return {
        "rows": rows,
        "proposal": proposal,
        "ties_extend": len(proposal) > (edition.shortlist_size or 0),
    }
