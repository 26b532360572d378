"""The ranking of an edition, exactly as `shared/contracts/ranking.md` defines it.

Pure: plain data in (Decimals, strings), a ranking out. No Django, no database, no
floats, so it can be tested exhaustively and explained line by line to a jury.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from operator import mul
from statistics import median

# Entry states that go to the jury and are ranked (eligible and later).
RANKED_STATES = frozenset({"eligible", "awarded", "not_awarded"})
AGGREGATIONS = ("mean", "median", "trimmed_mean", "zscore")
NUMBERINGS = ("dense", "competition")
# Enough digits that no intermediate result is rounded before the final rounding.
_CONTEXT = Context(prec=60)


@dataclass(frozen=True)
class Criterion:
    code: str
    weight: Decimal
    max_score: int = 10


@dataclass(frozen=True)
class Entry:
    ref: str
    state: str = "eligible"
    authority: str = ""
    country: str = ""


@dataclass(frozen=True)
class Sheet:
    """One juror's scores for one entry: {criterion code: value}."""

    juror: str
    entry: str
    values: dict[str, Decimal]
    submitted: bool = True


@dataclass(frozen=True)
class Settings:
    aggregation: str = "mean"
    place_numbering: str = "dense"
    score_precision: int = 2
    places: int = 3
    tie_break: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    entry: str
    authority: str
    country: str
    score: Decimal | None  # rounded; None when unranked
    raw_mean: Decimal | None  # the plain mean of the juror totals, shown beside
    place: int | None
    ex_aequo: bool
    laureate: bool
    jurors: int
    totals: tuple[Decimal, ...] = field(default=())

    def as_json(self, precision: int) -> dict:
        return {
            "entry": self.entry,
            "authority": self.authority,
            "country": self.country,
            "score": None if self.score is None else _text(self.score, precision),
            "place": self.place,
            "ex_aequo": self.ex_aequo,
            "laureate": self.laureate,
            "jurors": self.jurors,
        }


def rank(
    *,
    entries: list[Entry],
    criteria: list[Criterion],
    sheets: list[Sheet],
    settings: Settings,
    jury: set[str] | frozenset[str],
    conflicts: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
) -> list[Row]:
    """The computed ranking: ranked entries best first (ties in reference order),
    then the listed entries without a counted score, unranked."""
    return rank_each(
        aggregations=(settings.aggregation,),
        entries=entries,
        criteria=criteria,
        sheets=sheets,
        settings=settings,
        jury=jury,
        conflicts=conflicts,
    )[settings.aggregation]


def rank_each(
    *,
    aggregations: tuple[str, ...],
    entries: list[Entry],
    criteria: list[Criterion],
    sheets: list[Sheet],
    settings: Settings,
    jury: set[str] | frozenset[str],
    conflicts: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
) -> dict[str, list[Row]]:
    """The ranking under each of `aggregations` (the settings' own one is ignored), as
    rank() gives it: steps 1 and 2 are done once for all, they do not depend on it."""
    for aggregation in aggregations:
        _check(replace(settings, aggregation=aggregation), criteria)
    with localcontext(_CONTEXT):
        listed = {e.ref: e for e in entries if e.state in RANKED_STATES}
        counted = [s for s in sheets if _counts(s, listed, jury, conflicts)]
        totals = _juror_totals(counted, criteria)
        return {
            aggregation: _rows(
                listed, counted, totals, _entry_scores(totals, aggregation), settings
            )
            for aggregation in aggregations
        }


def _check(settings: Settings, criteria: list[Criterion]) -> None:
    if settings.aggregation not in AGGREGATIONS:
        raise ValueError(f"unknown aggregation {settings.aggregation!r}")
    if settings.place_numbering not in NUMBERINGS:
        raise ValueError(f"unknown place numbering {settings.place_numbering!r}")
    if settings.score_precision < 0 or settings.places < 1:
        raise ValueError("score_precision must be ≥ 0 and places ≥ 1")
    if not criteria or any(c.weight <= 0 for c in criteria):
        raise ValueError("at least one criterion, every weight > 0")


def _counts(sheet: Sheet, listed, jury, conflicts) -> bool:
    """Step 1: a member of the jury, a submitted sheet, no conflict, a ranked entry."""
    return (
        sheet.submitted
        and sheet.juror in jury
        and sheet.entry in listed
        and (sheet.juror, sheet.entry) not in conflicts
    )


def juror_total(values: dict[str, Decimal], criteria: list[Criterion]) -> Decimal:
    """Step 2: Σ weight × value / Σ weight, over every criterion."""
    with localcontext(_CONTEXT):
        return _Weights(criteria).total(values)


class _Weights:
    """The criteria's weights and their sum, worked out once for every sheet."""

    def __init__(self, criteria: list[Criterion]):
        self.codes = [c.code for c in criteria]
        self.weights = [c.weight for c in criteria]
        self.sum = sum(self.weights, Decimal(0))

    def total(self, values: dict[str, Decimal]) -> Decimal:
        try:
            scored = [Decimal(values[code]) for code in self.codes]
        except KeyError:
            missing = [code for code in self.codes if code not in values]
            raise ValueError(
                f"a submitted sheet must score every criterion; missing {missing}"
            ) from None
        return sum(map(mul, self.weights, scored), Decimal(0)) / self.sum


def _juror_totals(sheets: list[Sheet], criteria) -> dict[str, dict[str, Decimal]]:
    """{entry: {juror: total}}"""
    weights = _Weights(criteria)
    totals: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for sheet in sheets:
        totals[sheet.entry][sheet.juror] = weights.total(sheet.values)
    return totals


def mean(values) -> Decimal:
    values = list(values)
    return sum(values, Decimal(0)) / len(values)


def pstdev(values) -> Decimal:
    """Population standard deviation."""
    values = list(values)
    centre = mean(values)
    return (sum(((v - centre) ** 2 for v in values), Decimal(0)) / len(values)).sqrt()


def aggregate(totals: list[Decimal], aggregation: str) -> Decimal:
    """Step 3 for mean, median and trimmed mean (z-scores need every entry at once)."""
    if aggregation == "median":
        return Decimal(median(sorted(totals)))
    if aggregation == "trimmed_mean" and len(totals) >= 5:
        return mean(sorted(totals)[1:-1])
    return mean(totals)


def _entry_scores(totals, aggregation: str) -> dict[str, Decimal]:
    if aggregation == "zscore":
        return _zscores(totals)
    return {
        entry: aggregate(list(by_juror.values()), aggregation) for entry, by_juror in totals.items()
    }


def _zscores(totals: dict[str, dict[str, Decimal]]) -> dict[str, Decimal]:
    """Each juror's totals standardised over the entries that juror scored, averaged per
    entry, then put back on the criteria's scale with the mean and σ of all totals."""
    by_juror: dict[str, list[Decimal]] = defaultdict(list)
    for by_entry in totals.values():
        for juror, total in by_entry.items():
            by_juror[juror].append(total)
    spread = {j: (mean(ts), pstdev(ts)) for j, ts in by_juror.items()}
    everything = [t for ts in by_juror.values() for t in ts]
    if not everything:
        return {}
    mu_all, sigma_all = mean(everything), pstdev(everything)

    def z(juror: str, total: Decimal) -> Decimal:
        mu, sigma = spread[juror]
        return Decimal(0) if sigma == 0 else (total - mu) / sigma

    return {
        entry: mu_all + mean(z(j, t) for j, t in by_entry.items()) * sigma_all
        for entry, by_entry in totals.items()
    }


def _round(value: Decimal, precision: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP)


def _text(value: Decimal, precision: int) -> str:
    return format(_round(value, precision), "f")


def _tie_values(own: list[Sheet], settings: Settings) -> tuple[Decimal, ...]:
    """Step 5: the entry's mean value on each tie-break criterion, rounded alike."""
    return tuple(
        _round(mean(Decimal(s.values[code]) for s in own), settings.score_precision)
        for code in settings.tie_break
    )


def _rows(listed, counted, totals, scores, settings: Settings) -> list[Row]:
    precision = settings.score_precision
    # Each entry's sheets, gathered once: filtering every sheet for every entry was
    # quadratic (32 s at 2,000 entries and 15 jurors).
    own: dict[str, list[Sheet]] = defaultdict(list)
    if settings.tie_break:
        for sheet in counted:
            own[sheet.entry].append(sheet)
    keyed = {
        ref: (_round(score, precision), *_tie_values(own[ref], settings))
        for ref, score in scores.items()
    }
    ranked = sorted(keyed, key=lambda ref: (tuple(-v for v in keyed[ref]), ref))
    places = _places([keyed[ref] for ref in ranked], settings.place_numbering)
    rows = []
    for ref, (place, shared) in zip(ranked, places, strict=True):
        entry, by_juror = listed[ref], totals[ref]
        rows.append(
            Row(
                entry=ref,
                authority=entry.authority,
                country=entry.country,
                score=keyed[ref][0],
                raw_mean=mean(by_juror.values()),
                place=place,
                ex_aequo=shared,
                laureate=place <= settings.places,
                jurors=len(by_juror),
                totals=tuple(sorted(by_juror.values())),
            )
        )
    return rows + [_unranked(listed[ref]) for ref in sorted(set(listed) - set(scores))]


def _places(keys: list[tuple], numbering: str) -> list[tuple[int, bool]]:
    """Step 6: equal keys share a place; dense 1,2,2,3 or competition 1,2,2,4."""
    sizes = Counter(keys)
    result, place, previous = [], 0, None
    for position, key in enumerate(keys, start=1):
        if key != previous:
            place = place + 1 if numbering == "dense" else position
            previous = key
        result.append((place, sizes[key] > 1))
    return result


def _unranked(entry: Entry) -> Row:
    return Row(
        entry=entry.ref,
        authority=entry.authority,
        country=entry.country,
        score=None,
        raw_mean=None,
        place=None,
        ex_aequo=False,
        laureate=False,
        jurors=0,
    )


def score_text(score: Decimal, settings: Settings) -> str:
    """A score as the contract writes it: exactly `score_precision` decimals."""
    return _text(score, settings.score_precision)


def as_json(*, edition: int, settings: Settings, rows: list[Row]) -> dict:
    """The command-line form of the contract."""
    return {
        "edition": edition,
        "aggregation": settings.aggregation,
        "place_numbering": settings.place_numbering,
        "score_precision": settings.score_precision,
        "ranking": [row.as_json(settings.score_precision) for row in rows],
    }
