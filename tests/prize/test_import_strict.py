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
    path.write_text(json.dumps(data), encoding="utf-8")
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


# --- Malformed files: one sentence each, nothing written -----------------------------


def entry_a(data: dict) -> dict:
    return data["entries"][0]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: entry_a(d).update(title={"en": "School\x00mediators"}),
            'edition 90, entry "a-90", field "title.en": contains a NUL character, which no '
            "text in the file may hold",
        ),
        (
            lambda d: entry_a(d).update(photos=[{"file": "photos/a.jpg\x00.js"}]),
            'edition 90, entry "a-90", field "photos[0].file": contains a NUL character, which '
            "no text in the file may hold",
        ),
        (
            lambda d: entry_a(d).update({"ti\x00tle": {"en": "x"}}),
            'edition 90, entry "a-90", field "ti\\u0000tle": contains a NUL character, which '
            "no text in the file may hold",
        ),
        (
            lambda d: d["scores"][0].update(value="8\x00"),
            'edition 90, score #1, field "value": contains a NUL character, which no text in '
            "the file may hold",
        ),
        (
            lambda d: entry_a(d).update(title={"en": "Mediators \ud800"}),
            'edition 90, entry "a-90", field "title.en": contains a broken character (an '
            "unpaired surrogate), which cannot be stored",
        ),
        (
            lambda d: entry_a(d).update(title={"en": {"a": {"b": {}}}}),
            'edition 90, entry "a-90", field "title.en.a.b": is nested deeper than the '
            "interchange format allows",
        ),
        (
            lambda d: d["edition"].update(number=90.0),
            'edition at position 1, edition settings, field "edition.number": must be a whole '
            "number written without a decimal point or exponent, not 90.0",
        ),
        (
            lambda d: d["edition"]["criteria"][0].update(max_score=1e1),
            'edition 90, criterion "impact", field "max_score": must be a whole number written '
            "without a decimal point or exponent, not 10.0",
        ),
        (
            lambda d: d["edition"].update(number=2**31),
            'edition 2147483648, edition settings, field "edition.number": must be a whole '
            "number ≤ 2147483647",
        ),
        (
            lambda d: d["edition"]["criteria"][0].update(max_score=1001),
            'edition 90, criterion "impact", field "max_score": must be a whole number ≤ 1000',
        ),
        (
            lambda d: d["edition"].update(score_precision=7),
            'edition 90, edition settings, field "edition.score_precision": must be a whole '
            "number ≤ 6",
        ),
        (
            lambda d: (entry_a(d).update(ref="a-90\n"), d["scores"][0].update(entry="a-90\n")),
            'edition 90, entry "a-90\\u000a", field "ref": "a-90\\u000a" is not an accepted value',
        ),
    ],
    ids=[
        "nul-in-text",
        "nul-in-photo-path",
        "nul-in-key",
        "nul-in-score",
        "unpaired-surrogate",
        "too-deep",
        "float-edition-number",
        "float-max-score",
        "number-too-large-for-the-column",
        "max-score-above-the-score-range",
        "precision-above-the-form",
        "ref-with-newline",
    ],
)
def test_a_malformed_edition_is_refused_in_one_sentence(tmp_path, change, problem):
    data = edition()
    change(data)

    assert refused(write(tmp_path, data)) == one_problem(problem)
    assert_nothing_written()


def test_a_key_given_twice_is_refused_naming_it(tmp_path):
    text = json.dumps(edition()).replace('"ref": "a-90"', '"ref": "a-90", "ref": "b-90"', 1)
    text = text.replace('"version": 1', '"version": 1, "version": 2', 1)
    path = tmp_path / "edition.json"
    path.write_text(text, encoding="utf-8")

    assert refused(path) == (
        "Nothing was imported: 2 problems.\n"
        '  - edition 90, field "version": appears more than once in the same object; a key '
        "may appear only once\n"
        '  - edition 90, entry "b-90", field "ref": appears more than once in the same '
        "object; a key may appear only once"
    )
    assert_nothing_written()


def test_a_nul_byte_in_the_file_is_refused_with_its_place(tmp_path):
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(edition(), indent=1).replace("{", "{\x00", 2), encoding="utf-8")

    assert refused(path) == one_problem(
        f"{path}: has a NUL character at line 1, column 2, which a JSON file never holds"
    )
    assert_nothing_written()


def test_nesting_too_deep_for_the_parser_is_refused(tmp_path):
    path = tmp_path / "edition.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")

    assert refused(path) == one_problem(
        f"{path}: is nested deeper than the interchange format allows"
    )
    assert_nothing_written()


def test_a_file_over_the_size_limit_is_refused_stating_the_limit(tmp_path):
    text = json.dumps(edition())
    path = tmp_path / "edition.json"
    path.write_text(text + " " * (10 * 1024 * 1024 + 1 - len(text)), encoding="utf-8")

    assert refused(path) == one_problem(
        f"{path}: is 10.1 MB; an interchange file may be at most 10 MB"
    )
    assert_nothing_written()


def test_a_file_at_the_size_limit_is_read(tmp_path):
    text = json.dumps(edition())
    path = tmp_path / "edition.json"
    path.write_text(text + " " * (10 * 1024 * 1024 - len(text)), encoding="utf-8")

    assert imported(path) == "Imported edition 90 (2 entries).\n"
