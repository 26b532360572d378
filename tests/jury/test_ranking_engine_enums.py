"""The ranking engine (jury/ranking.py) is pure: it takes plain strings, not the
project's enums. Its copies of the enums' values are pinned to them here, so a state,
an aggregation or a numbering added to one is added to the other."""

from jury import ranking
from prize.enums import Aggregation, PlaceNumbering
from submissions.enums import RANKED_ENTRY_STATES


def test_the_engine_ranks_the_entries_the_jury_judges():
    assert {state.value for state in RANKED_ENTRY_STATES} == ranking.RANKED_STATES


def test_the_engine_knows_every_aggregation_and_numbering_of_the_settings():
    assert tuple(Aggregation.values) == ranking.AGGREGATIONS
    assert tuple(PlaceNumbering.values) == ranking.NUMBERINGS


def test_the_engine_defaults_are_the_settings_defaults():
    settings = ranking.Settings(places=3)
    assert (settings.aggregation, settings.place_numbering) == (
        Aggregation.MEAN,
        PlaceNumbering.DENSE,
    )
