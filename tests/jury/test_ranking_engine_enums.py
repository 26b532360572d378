"""The ranking engine (jury/ranking.py) is pure: it takes plain strings, not the
project's enums. Its copies of the enums' values are pinned to them here, so a state,
an aggregation or a numbering added to one is added to the other."""

from jury import ranking
from prize.enums import Aggregation, PlaceNumbering
from submissions.enums import RANKED_ENTRY_STATES


def test_the_engine_ranks_the_entries_the_jury_judges():
    assert ranking.RANKED_STATES == {state.value for state in RANKED_ENTRY_STATES}


def test_the_engine_knows_every_aggregation_and_numbering_of_the_settings():
    assert ranking.AGGREGATIONS == tuple(Aggregation.values)
    assert ranking.NUMBERINGS == tuple(PlaceNumbering.values)


def test_the_engine_defaults_are_the_settings_defaults():
    settings = ranking.Settings(places=3)
    assert (settings.aggregation, settings.place_numbering) == (
        Aggregation.MEAN,
        PlaceNumbering.DENSE,
    )
