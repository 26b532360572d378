from collections import defaultdict
from dataclasses import replace

from django.db.models import Count

from prize.models import Criterion, Edition
from submissions.models import Entry

from . import ranking
from .enums import BLOCKING_CONFLICTS, AssignmentState
from .models import Assignment, Conflict, Decision, Juror, Result, Score


def juror_count(*, edition: Edition) -> int:
    return Juror.objects.filter(edition=edition).count()


def has_decision(*, edition: Edition) -> bool:
    return Decision.objects.filter(edition=edition).exists()


def results(*, editions):
    """Recorded results of the given editions, with entry and authority, best first."""
    return (
        Result.objects.filter(decision__edition__in=editions)
        .select_related("entry__authority", "entry__edition", "decision__edition")
        .order_by("decision__edition__number", "place", "entry__ref")
    )


def ranking_input(*, edition: Edition) -> dict:
    """Everything the ranking engine needs, as plain data, in five queries whatever the
    number of entries, jurors and scores."""
    entries = [
        ranking.Entry(ref, state, name, country)
        for ref, state, name, country in Entry.objects.filter(edition=edition).values_list(
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
    values: dict[tuple[str, str], dict] = defaultdict(dict)
    states: dict[tuple[str, str], str] = {}
    rows = Score.objects.filter(assignment__juror__edition=edition).values_list(
        "assignment__juror__ref",
        "assignment__entry__ref",
        "assignment__state",
        "criterion__code",
        "value",
    )
    for juror, entry, state, code, value in rows:
        values[(juror, entry)][code] = value
        states[(juror, entry)] = state
    return [
        ranking.Sheet(juror, entry, scored, states[(juror, entry)] == AssignmentState.SUBMITTED)
        for (juror, entry), scored in values.items()
    ]


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
    """A juror's entries with how many criteria they scored, in two queries."""
    criteria = Criterion.objects.filter(edition_id=juror.edition_id).count()
    assignments = (
        Assignment.objects.filter(juror=juror)
        .select_related("entry__authority")
        .annotate(scored=Count("scores"))
        .order_by("entry__ref")
    )
    return [
        {"assignment": a, "entry": a.entry, "scored": a.scored, "criteria": criteria}
        for a in assignments
    ]
