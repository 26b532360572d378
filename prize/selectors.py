"""Reads for the public site. Each runs a fixed number of queries, whatever the number
of editions or entries."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch
from django.http import Http404

from jury import selectors as jury_selectors
from jury.models import Result

from .enums import PUBLIC_RESULT_STATES, EditionState
from .models import Criterion, Edition
from .texts import place_label


@dataclass
class PlaceGroup:
    """One prize place and the laureates who hold it (several when ex aequo)."""

    place: int
    ex_aequo: bool
    results: list[Result] = field(default_factory=list)

    @property
    def label(self) -> str:
        return place_label(self.place, self.ex_aequo)


def _group(results) -> list[PlaceGroup]:
    groups = []
    for place, items in groupby(results, key=lambda r: r.place):
        items = list(items)
        groups.append(PlaceGroup(place, any(r.ex_aequo for r in items), items))
    return groups


def laureates_by_edition(editions: list[Edition]) -> dict[int, list[PlaceGroup]]:
    """The laureates (place ≤ the edition's places) of editions whose results are public."""
    public = [e for e in editions if e.state in PUBLIC_RESULT_STATES]
    by_edition: dict[int, list[Result]] = {e.pk: [] for e in public}
    places = {e.pk: e.places for e in public}
    for result in jury_selectors.results(editions=public):
        edition_id = result.decision.edition_id
        if result.place <= places[edition_id]:
            by_edition[edition_id].append(result)
    return {pk: _group(results) for pk, results in by_edition.items()}


def archive() -> list[tuple[Edition, list[PlaceGroup]]]:
    """Every public edition, newest first, with its laureates. Two queries."""
    editions = list(Edition.objects.public().order_by("-number"))
    laureates = laureates_by_edition(editions)
    return [(e, laureates.get(e.pk, [])) for e in editions]


def open_call() -> Edition | None:
    """The edition currently open for entries, with its criteria."""
    return (
        Edition.objects.filter(state=EditionState.OPEN)
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("order")))
        .order_by("-number")
        .first()
    )


def latest_laureates() -> tuple[Edition | None, list[PlaceGroup]]:
    edition = (
        Edition.objects.filter(state__in=PUBLIC_RESULT_STATES, decision__isnull=False)
        .order_by("-number")
        .first()
    )
    if edition is None:
        return None, []
    return edition, laureates_by_edition([edition])[edition.pk]


def public_edition(number: int) -> Edition:
    try:
        return (
            Edition.objects.public()
            .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("order")))
            .get(number=number)
        )
    except Edition.DoesNotExist:
        raise Http404("No such edition") from None


def laureate(number: int, ref: str) -> tuple[Result, list[Result]]:
    """A laureate of a published edition and the others who share its place."""
    result = (
        Result.objects.select_related("entry__authority", "entry__edition", "decision__edition")
        .filter(
            entry__ref=ref,
            entry__edition__number=number,
            entry__edition__state__in=PUBLIC_RESULT_STATES,
        )
        .first()
    )
    if result is None or result.place > result.entry.edition.places:
        raise Http404("No such laureate")
    shared = list(
        Result.objects.select_related("entry__authority")
        .filter(decision=result.decision, place=result.place)
        .exclude(pk=result.pk)
        .order_by("entry__ref")
    )
    return result, shared
