"""The ranking engine against `shared/contracts/ranking.md`: worked examples for each
rule, then properties that must hold for any input (hypothesis)."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jury.ranking import Criterion, Entry, Settings, Sheet, as_json, juror_total, rank

CRITERIA = [Criterion("a", D(1)), Criterion("b", D(1))]


def sheet(juror, entry, a, b=None, submitted=True):
    return Sheet(juror, entry, {"a": D(str(a)), "b": D(str(a if b is None else b))}, submitted)


def entries(*refs, state="eligible"):
    return [Entry(ref, state, f"Authority {ref}", "FR") for ref in refs]


def ranking(sheets, refs, jury=("j1", "j2", "j3"), **options):
    rows = rank(
        entries=entries(*refs),
        criteria=CRITERIA,
        sheets=sheets,
        settings=Settings(**options),
        jury=set(jury),
    )
    return [(r.entry, r.score, r.place, r.ex_aequo, r.laureate) for r in rows]


def test_juror_total_is_the_weighted_mean_on_the_criteria_scale():
    criteria = [Criterion("a", D("2")), Criterion("b", D("1")), Criterion("c", D("1"))]
    assert juror_total({"a": D(9), "b": D(6), "c": D(3)}, criteria) == D("6.75")


def test_a_sheet_missing_a_criterion_is_an_error():
    with pytest.raises(ValueError, match="missing"):
        juror_total({"a": D(9)}, CRITERIA)


def test_the_fifth_edition_shape_three_places_four_laureates_with_dense_numbering():
    sheets = [sheet("j1", "ghent", 9), sheet("j1", "kragujevac", 8), sheet("j1", "vitez", 8)]
    sheets += [sheet("j1", "sisli", 7), sheet("j1", "surcin", 6)]
    refs = ("ghent", "kragujevac", "vitez", "sisli", "surcin")
    assert ranking(sheets, refs) == [
        ("ghent", D("9.00"), 1, False, True),
        ("kragujevac", D("8.00"), 2, True, True),
        ("vitez", D("8.00"), 2, True, True),
        ("sisli", D("7.00"), 3, False, True),
        ("surcin", D("6.00"), 4, False, False),
    ]


def test_competition_numbering_skips_after_a_tie():
    sheets = [sheet("j1", "a", 9), sheet("j1", "b", 8), sheet("j1", "c", 8), sheet("j1", "d", 7)]
    rows = ranking(sheets, ("a", "b", "c", "d"), place_numbering="competition")
    assert [(r[0], r[2], r[4]) for r in rows] == [
        ("a", 1, True),
        ("b", 2, True),
        ("c", 2, True),
        ("d", 4, False),
    ]


def test_median_of_an_even_count_is_the_mean_of_the_two_middle_totals():
    sheets = [sheet(j, "x", v) for j, v in (("j1", 2), ("j2", 9), ("j3", 4), ("j4", 6))]
    rows = ranking(sheets, ("x",), jury=("j1", "j2", "j3", "j4"), aggregation="median")
    assert rows[0][1] == D("5.00")


def test_trimmed_mean_drops_one_highest_and_one_lowest_from_five_totals():
    jury = ("j1", "j2", "j3", "j4", "j5")
    sheets = [sheet(j, "x", v) for j, v in zip(jury, (0, 5, 6, 7, 10), strict=True)]
    assert ranking(sheets, ("x",), jury=jury, aggregation="trimmed_mean")[0][1] == D("6.00")


def test_trimmed_mean_with_four_totals_is_the_plain_mean():
    jury = ("j1", "j2", "j3", "j4")
    sheets = [sheet(j, "x", v) for j, v in zip(jury, (0, 5, 6, 10), strict=True)]
    assert ranking(sheets, ("x",), jury=jury, aggregation="trimmed_mean")[0][1] == D("5.25")


def test_rounding_is_half_up():
    sheets = [sheet("j1", "x", "8.345", "8.345")]
    assert ranking(sheets, ("x",))[0][1] == D("8.35")
    assert ranking(sheets, ("x",), score_precision=0)[0][1] == D("8")


def test_zscore_standardises_each_juror_then_returns_to_the_scale():
    # j1 is generous (8, 10), j2 strict (2, 4): both prefer y by one σ.
    sheets = [sheet("j1", "x", 8), sheet("j1", "y", 10), sheet("j2", "x", 2), sheet("j2", "y", 4)]
    rows = rank(
        entries=entries("x", "y"),
        criteria=CRITERIA,
        sheets=sheets,
        settings=Settings(aggregation="zscore"),
        jury={"j1", "j2"},
    )
    # μ_all = 6, σ_all = √10 ≈ 3.1623; z(y) = +1, z(x) = −1.
    assert [(r.entry, r.score, r.raw_mean) for r in rows] == [
        ("y", D("9.16"), D(7)),
        ("x", D("2.84"), D(5)),
    ]


def test_zscore_of_a_juror_with_one_entry_or_no_spread_is_zero():
    sheets = [sheet("j1", "x", 9), sheet("j2", "y", 3)]
    rows = ranking(sheets, ("x", "y"), aggregation="zscore")
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("x", D("6.00"), 1, True),
        ("y", D("6.00"), 1, True),
    ]


def test_tie_break_by_criterion_splits_a_tie_and_an_equal_one_stays():
    sheets = [sheet("j1", "x", 8, 6), sheet("j1", "y", 6, 8), sheet("j1", "z", 6, 8)]
    rows = ranking(sheets, ("x", "y", "z"), tie_break=("b",))
    assert [(r[0], r[2], r[3]) for r in rows] == [("y", 1, True), ("z", 1, True), ("x", 2, False)]


def test_who_counts_drafts_conflicts_and_non_members_do_not():
    sheets = [
        sheet("j1", "x", 5),
        sheet("j2", "x", 10, submitted=False),  # a draft
        sheet("j3", "x", 10),  # conflicted
        sheet("outsider", "x", 10),  # not on the jury
    ]
    rows = rank(
        entries=entries("x"),
        criteria=CRITERIA,
        sheets=sheets,
        settings=Settings(),
        jury={"j1", "j2", "j3"},
        conflicts={("j3", "x")},
    )
    assert (rows[0].score, rows[0].jurors) == (D("5.00"), 1)


def test_other_states_are_not_listed_and_unscored_entries_come_last_unranked():
    listed = entries("ranked", "noscore") + entries("gone", state="withdrawn")
    listed += entries("out", state="ineligible") + entries("won", state="awarded")
    sheets = [sheet("j1", "ranked", 7), sheet("j1", "gone", 10), sheet("j1", "won", 9)]
    rows = rank(entries=listed, criteria=CRITERIA, sheets=sheets, settings=Settings(), jury={"j1"})
    assert [(r.entry, r.score, r.place) for r in rows] == [
        ("won", D("9.00"), 1),
        ("ranked", D("7.00"), 2),
        ("noscore", None, None),
    ]


def test_the_json_form_follows_the_contract():
    sheets = [sheet("j1", "ghent-2015", "8.4"), sheet("j2", "ghent-2015", "8.4")]
    settings_ = Settings()
    rows = rank(
        entries=[Entry("ghent-2015", "awarded", "City of Ghent", "BE"), Entry("late", "eligible")],
        criteria=CRITERIA,
        sheets=sheets,
        settings=settings_,
        jury={"j1", "j2"},
    )
    assert as_json(edition=5, settings=settings_, rows=rows) == {
        "edition": 5,
        "aggregation": "mean",
        "place_numbering": "dense",
        "score_precision": 2,
        "ranking": [
            {
                "entry": "ghent-2015",
                "authority": "City of Ghent",
                "country": "BE",
                "score": "8.40",
                "place": 1,
                "ex_aequo": False,
                "laureate": True,
                "jurors": 2,
            },
            {
                "entry": "late",
                "authority": "",
                "country": "",
                "score": None,
                "place": None,
                "ex_aequo": False,
                "laureate": False,
                "jurors": 0,
            },
        ],
    }


# Properties ----------------------------------------------------------------------------

JURY = [f"j{n}" for n in range(5)]
REFS = [f"e{n:02d}" for n in range(8)]
values = st.integers(min_value=0, max_value=10).map(D)


@st.composite
def scoring(draw):
    """Random submitted sheets: each juror scores a random subset of the entries."""
    sheets = []
    for juror in JURY:
        for ref in draw(st.lists(st.sampled_from(REFS), unique=True, max_size=len(REFS))):
            sheets.append(Sheet(juror, ref, {"a": draw(values), "b": draw(values)}))
    return sheets


aggregations = st.sampled_from(["mean", "median", "trimmed_mean", "zscore"])


def run(sheets, aggregation, numbering="dense", precision=2):
    return rank(
        entries=entries(*REFS),
        criteria=CRITERIA,
        sheets=sheets,
        settings=Settings(
            aggregation=aggregation, place_numbering=numbering, score_precision=precision
        ),
        jury=set(JURY),
    )


@settings(max_examples=150, deadline=None)
@given(scoring(), aggregations, st.randoms(use_true_random=False))
def test_the_ranking_does_not_depend_on_the_order_of_the_input(sheets, aggregation, rnd):
    shuffled = list(sheets)
    rnd.shuffle(shuffled)
    listed = entries(*REFS)
    rnd.shuffle(listed)
    again = rank(
        entries=listed,
        criteria=list(reversed(CRITERIA)),
        sheets=shuffled,
        settings=Settings(aggregation=aggregation),
        jury=set(reversed(JURY)),
    )
    assert again == run(sheets, aggregation)


@settings(max_examples=150, deadline=None)
@given(scoring(), st.sampled_from(JURY), st.integers(min_value=1, max_value=50))
def test_a_constant_added_to_one_jurors_values_does_not_change_a_zscore_ranking(
    sheets, juror, shift
):
    shifted = [
        Sheet(s.juror, s.entry, {k: v + shift for k, v in s.values.items()})
        if s.juror == juror
        else s
        for s in sheets
    ]

    def order(rows):
        return [(r.entry, r.place, r.ex_aequo) for r in rows]

    assert order(run(shifted, "zscore", precision=8)) == order(run(sheets, "zscore", precision=8))


@settings(max_examples=150, deadline=None)
@given(scoring(), aggregations, st.sampled_from(["dense", "competition"]))
def test_tied_entries_share_a_place_and_are_ex_aequo(sheets, aggregation, numbering):
    rows = [r for r in run(sheets, aggregation, numbering) if r.score is not None]
    for one in rows:
        same = [r for r in rows if r.score == one.score]
        assert {r.place for r in same} == {one.place}
        assert one.ex_aequo == (len(same) > 1)
    places = [r.place for r in rows]
    assert places == sorted(places)


@settings(max_examples=150, deadline=None)
@given(scoring(), aggregations)
def test_dense_and_competition_numbering_agree_on_who_is_first(sheets, aggregation):
    def first(rows):
        return {r.entry for r in rows if r.place == 1}

    assert first(run(sheets, aggregation, "dense")) == first(
        run(sheets, aggregation, "competition")
    )


# More rules of the contract -------------------------------------------------------------


def one_juror(scores: dict, **options):
    sheets = [sheet("j1", ref, a, b) for ref, (a, b) in scores.items()]
    return ranking(sheets, tuple(scores), **options)


@pytest.mark.parametrize(
    "values, places",
    [
        ((9, 9, 8, 7), [1, 1, 2, 3]),  # a tie at the 1st place
        ((9, 8, 8, 7), [1, 2, 2, 3]),  # at the 2nd
        ((9, 8, 7, 7), [1, 2, 3, 3]),  # at the 3rd
        ((9, 9, 9, 9), [1, 1, 1, 1]),  # everyone
    ],
)
def test_ties_at_every_place(values, places):
    rows = one_juror({f"e{n}": (v, v) for n, v in enumerate(values)})
    assert [r[2] for r in rows] == places
    assert [r[3] for r in rows] == [places.count(p) > 1 for p in places]


def test_a_tie_created_by_rounding():
    # 8.344 and 8.335 both round half-up to 8.34; 8.345 rounds to 8.35.
    rows = one_juror({"x": ("8.344", "8.344"), "y": ("8.335", "8.335"), "z": ("8.345", "8.345")})
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("z", D("8.35"), 1, False),
        ("x", D("8.34"), 2, True),
        ("y", D("8.34"), 2, True),
    ]


def test_the_tie_break_order_matters_and_a_full_tie_is_kept():
    scores = {"x": (9, 5), "y": (5, 9), "w": (7, 7)}
    by_a = one_juror(scores, tie_break=("a", "b"))
    by_b = one_juror(scores, tie_break=("b", "a"))
    assert [r[0] for r in by_a] == ["x", "w", "y"]
    assert [r[0] for r in by_b] == ["y", "w", "x"]
    kept = one_juror({"x": (7, 7), "y": (7, 7)}, tie_break=("a", "b"))
    assert [(r[2], r[3]) for r in kept] == [(1, True), (1, True)]


@pytest.mark.parametrize(
    "edition, values, expected",
    [
        # 2nd edition (2008): a shared 1st place, then 2nd and 3rd.
        (2, {"mostar": 9, "prijedor": 9, "volos": 8, "lom": 7}, [1, 1, 2, 3]),
        # 3rd edition (2011): the same pattern.
        (3, {"jyvaskyla": 9, "surcin": 9, "southwark": 8, "madrid": 7}, [1, 1, 2, 3]),
        # 5th edition (2015): a shared 2nd place; 3 places give 4 laureates.
        (5, {"ghent": 9, "kragujevac": 8, "reggio": 8, "madrid": 7}, [1, 2, 2, 3]),
    ],
)
def test_the_three_historical_tie_patterns(edition, values, expected):
    rows = one_juror({ref: (v, v) for ref, v in values.items()})
    assert [r[2] for r in rows] == expected
    assert sum(1 for r in rows if r[4]) == 4
