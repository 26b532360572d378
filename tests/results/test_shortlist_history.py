"""The shortlist leaves version 1 of the interchange format as it was: the history file
imports exactly as before (the 2017 edition's seven shortlisted entries are not in it;
its three laureates are), with no shortlist and one round, and exports byte for byte
(tests/results/test_interchange.py::test_history_export_reproduces_the_file_exactly)."""

import json

import pytest

from jury.models import Assignment, Result, Shortlist
from prize.enums import JuryRound
from prize.models import Edition
from results.interchange.exporter import dumps, export_edition
from submissions.models import Entry

pytestmark = pytest.mark.django_db


def test_the_history_imports_with_no_shortlist_and_exports_as_it_was(history, history_path):
    editions = Edition.objects.order_by("number")
    assert [(e.number, e.shortlist_size, e.jury_round) for e in editions] == [
        (n, None, JuryRound.FIRST) for n in range(1, 8)
    ]
    assert Entry.objects.filter(edition__year=2017).count() == 3
    assert Result.objects.count() == 23
    assert not Shortlist.objects.exists()
    assert not Assignment.objects.exclude(round=JuryRound.FIRST).exists()
    file = json.loads(history_path.read_text(encoding="utf-8"))
    assert [json.loads(dumps(export_edition(n))) for n in range(1, 8)] == file
