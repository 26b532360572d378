"""import_edition is as strict as the forms: a file it accepts is stored exactly, its
photos go through the upload pipeline, and anything else is refused with one sentence
while nothing at all is written (no row, no stored file)."""

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from jury.models import Assignment, Conflict, Decision, Juror, Result, Score
from prize.models import Criterion, Edition, EditionTransition
from submissions.models import Authority, Entry, Photo

pytestmark = pytest.mark.django_db

MODELS = [
    Edition,
    Criterion,
    EditionTransition,
    Authority,
    Entry,
    Photo,
    Juror,
    Conflict,
    Assignment,
    Score,
    Decision,
    Result,
]


def edition(a="8.335", b="8.334", weight="1") -> dict:
    """Edition 90: two eligible entries, one criterion, one juror, two decimals."""
    return {
        "format": "dosta-edition",
        "version": 1,
        "edition": {
            "number": 90,
            "name": {"en": "90th Prize"},
            "year": 2090,
            "state": "deliberation",
            "score_precision": 2,
            "criteria": [
                {"code": "impact", "name": {"en": "Impact"}, "weight": weight, "max_score": 10}
            ],
        },
        "entries": [
            {
                "ref": ref,
                "authority": {"name": name, "kind": "municipality", "country": "BE"},
                "state": "eligible",
            }
            for ref, name in (("a-90", "City of A"), ("b-90", "City of B"))
        ],
        "jurors": [{"ref": "j1", "name": "A. Juror"}],
        "scores": [
            {"juror": "j1", "entry": "a-90", "criterion": "impact", "value": a},
            {"juror": "j1", "entry": "b-90", "criterion": "impact", "value": b},
        ],
    }


def write(folder: Path, data, name: str = "edition.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def imported(path: Path) -> str:
    out = io.StringIO()
    call_command("import_edition", str(path), stdout=out)
    return out.getvalue()


def refused(path: Path) -> str:
    with pytest.raises(CommandError) as error:
        call_command("import_edition", str(path), stdout=io.StringIO())
    return str(error.value)


def stored_files(folder: str = "") -> list[str]:
    """Every file in the default storage, at any depth."""
    try:
        dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    prefix = f"{folder}/" if folder else ""
    found = [prefix + name for name in files]
    for name in dirs:
        found += stored_files(prefix + name)
    return found


def assert_nothing_written() -> None:
    assert {m.__name__: m.objects.count() for m in MODELS} == dict.fromkeys(
        (m.__name__ for m in MODELS), 0
    )
    assert stored_files() == []


def one_problem(problem: str) -> str:
    return f"Nothing was imported: 1 problem.\n  - {problem}"


def ranking(number: int = 90) -> dict:
    out = io.StringIO()
    call_command("rank_edition", str(number), "--format", "json", stdout=out)
    return json.loads(out.getvalue())


# --- Decimals: stored exactly or refused ---------------------------------------------


def test_a_score_with_three_decimals_is_kept_and_ranks_per_contract(tmp_path):
    assert imported(write(tmp_path, edition(a="8.335", b="8.334"))) == (
        "Imported edition 90 (2 entries).\n"
    )

    assert sorted(Score.objects.values_list("value", flat=True)) == [
        Decimal("8.334"),
        Decimal("8.335"),
    ]
    # ROUND_HALF_UP to two decimals: 8.335 -> 8.34, 8.334 -> 8.33.
    assert ranking() == {
        "edition": 90,
        "aggregation": "mean",
        "place_numbering": "dense",
        "score_precision": 2,
        "ranking": [
            {
                "entry": "a-90",
                "authority": "City of A",
                "country": "BE",
                "score": "8.34",
                "place": 1,
                "ex_aequo": False,
                "laureate": True,
                "jurors": 1,
            },
            {
                "entry": "b-90",
                "authority": "City of B",
                "country": "BE",
                "score": "8.33",
                "place": 2,
                "ex_aequo": False,
                "laureate": True,
                "jurors": 1,
            },
        ],
    }


def test_a_score_with_more_decimals_than_the_database_keeps_is_refused(tmp_path):
    # Stored as 8.335 it would rank 8.34, where the contract gives 8.3349 -> 8.33.
    message = refused(write(tmp_path, edition(b="8.3349")))

    assert message == one_problem(
        'edition 90, score of juror "j1" for entry "b-90" on "impact", field "value": '
        "8.3349 has more decimals than the 3 the database keeps, so it would be stored "
        "rounded; write it with at most 3 decimals"
    )
    assert_nothing_written()


def test_trailing_zeros_beyond_three_decimals_are_stored_exactly(tmp_path):
    imported(write(tmp_path, edition(a="8.33500", b="7.0000000")))

    assert sorted(Score.objects.values_list("value", flat=True)) == [
        Decimal("7"),
        Decimal("8.335"),
    ]


def test_a_weight_with_more_decimals_than_the_database_keeps_is_refused(tmp_path):
    message = refused(write(tmp_path, edition(weight="1.0005")))

    assert message == one_problem(
        'edition 90, criterion "impact", field "weight": 1.0005 has more decimals than the '
        "3 the database keeps, so it would be stored rounded; write it with at most 3 decimals"
    )
    assert_nothing_written()


def test_a_weight_too_large_for_the_database_is_refused(tmp_path):
    message = refused(write(tmp_path, edition(weight="100000")))

    assert message == one_problem(
        'edition 90, criterion "impact", field "weight": 100000 is too large to be stored; '
        "the largest value kept is 99999.999"
    )
    assert_nothing_written()


@pytest.mark.parametrize("value", ["٨", "8.5\n", " 8.5", "8.", ".5", "1e1", "+8", "-0"])
def test_a_score_not_written_in_plain_ascii_digits_is_refused(tmp_path, value):
    message = refused(write(tmp_path, edition(a=value)))

    assert message == one_problem(
        'edition 90, score of juror "j1" for entry "a-90" on "impact", field "value": '
        'must be a decimal string such as "8.5"'
    )
    assert_nothing_written()
