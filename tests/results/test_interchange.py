"""import_edition / export_edition, exactly as shared/contracts/edition-format.md says."""

import copy
import io
import json
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import Image

from jury.models import Assignment, Conflict, Decision, Juror, Result, Score
from prize.models import Criterion, Edition, EditionTransition
from submissions.models import Authority, Entry, Photo
from tests.factories import ResultFactory

pytestmark = pytest.mark.django_db

ALL_MODELS = [
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


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in ALL_MODELS}


def export(number: int, path: Path) -> str:
    call_command("export_edition", str(number), "-o", str(path), stderr=io.StringIO())
    return path.read_text(encoding="utf-8")


def wipe() -> None:
    Edition.objects.all().delete()
    Authority.objects.all().delete()


def write(tmp_path: Path, data, name="edition.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def refused(path: Path, *extra) -> str:
    with pytest.raises(CommandError) as error:
        call_command("import_edition", str(path), *extra, stdout=io.StringIO())
    return str(error.value)


@pytest.fixture
def ghent(history_path):
    """The 5th edition of the history, with a jury, a conflict and scores added."""
    data = copy.deepcopy(json.loads(history_path.read_text(encoding="utf-8"))[4])
    data["jurors"] = [
        {
            "ref": "j1",
            "name": "A. Juror",
            "email": "j1@example.org",
            "country": "FR",
            "role": "chair",
        },
        {"ref": "j2", "name": "B. Juror", "email": None, "country": "BE", "role": "member"},
    ]
    data["conflicts"] = [{"juror": "j2", "entry": "ghent-2015", "reason": "same country"}]
    codes = [c["code"] for c in data["edition"]["criteria"]]
    data["scores"] = [
        {"juror": "j1", "entry": ref, "criterion": code, "value": value}
        for ref, value in (("ghent-2015", "8.5"), ("madrid-2015", "7"))
        for code in codes
    ] + [
        {"juror": "j2", "entry": "madrid-2015", "criterion": code, "value": "6.25"}
        for code in codes
    ]
    return data


def test_history_export_reproduces_the_file_exactly(history, history_path):
    exported = [json.loads(io_export) for io_export in (_stdout_export(n) for n in range(1, 8))]
    text = json.dumps(exported, indent=1, sort_keys=True, ensure_ascii=False)
    assert text == history_path.read_text(encoding="utf-8")


def _stdout_export(number: int) -> str:
    out = io.StringIO()
    call_command("export_edition", str(number), stdout=out)
    return out.getvalue()


def test_round_trip_into_an_empty_database_is_identical(history, tmp_path):
    first = {
        n: export(n, tmp_path / "a" / f"{n}.json")
        for n in range(1, 8)
        if (tmp_path / "a").mkdir(exist_ok=True) is None
    }
    wipe()
    assert Edition.objects.count() == 0
    call_command(
        "import_edition",
        *[str(tmp_path / "a" / f"{n}.json") for n in range(1, 8)],
        stdout=io.StringIO(),
    )
    (tmp_path / "b").mkdir()
    second = {n: export(n, tmp_path / "b" / f"{n}.json") for n in range(1, 8)}
    assert second == first


def make_photo(path: Path, colour: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), colour).save(path, "JPEG")


def test_round_trip_with_jury_scores_and_photos(ghent, tmp_path):
    make_photo(tmp_path / "src" / "photos" / "ghent-1.jpg", "red")
    ghent["entries"][0]["photos"] = [
        {
            "file": "photos/ghent-1.jpg",
            "caption": {"en": "Mediators", "fr": "Médiateurs"},
            "credit": "City of Ghent",
            "alt": {"en": "Two mediators in a classroom"},
        }
    ]
    source = write(tmp_path / "src", ghent)
    call_command("import_edition", str(source), stdout=io.StringIO())
    assert Score.objects.count() == 15
    assert Assignment.objects.filter(state="submitted").count() == 3
    photo = Photo.objects.get()
    with photo.file.open("rb") as stored:
        assert stored.read(2) == b"\xff\xd8"

    (tmp_path / "a").mkdir()
    first = export(5, tmp_path / "a" / "5.json")
    wipe()
    assert Photo.objects.count() == 0
    call_command("import_edition", str(tmp_path / "a" / "5.json"), stdout=io.StringIO())
    (tmp_path / "b").mkdir()
    second = export(5, tmp_path / "b" / "5.json")

    assert second == first
    data = json.loads(second)
    assert data["entries"][0]["photos"][0]["file"] == "photos/ghent-2015-1.jpg"
    assert data["scores"][0] == {
        "juror": "j1",
        "entry": "ghent-2015",
        "criterion": "social-rights",
        "value": "8.5",
    }
    assert data["jurors"][1]["email"] is None
    assert (tmp_path / "b" / "photos" / "ghent-2015-1.jpg").read_bytes() == (
        tmp_path / "a" / "photos" / "ghent-2015-1.jpg"
    ).read_bytes()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["entries"][0].update(colour="red"),
            'edition 5, entry "ghent-2015", field "colour": unknown key',
        ),
        (
            lambda d: d["edition"].update(places_=3),
            'edition 5, edition settings, field "edition.places_": unknown key',
        ),
        (
            lambda d: d["conflicts"][0].update(entry="gent-2015"),
            'edition 5, conflict of juror "j2" with entry "gent-2015", field "entry": '
            '"gent-2015" is not the ref of an entry in this file',
        ),
        (
            lambda d: d["scores"][0].update(value="11"),
            'edition 5, score of juror "j1" for entry "ghent-2015" on "social-rights", '
            'field "value": 11 is above the criterion\'s maximum of 10',
        ),
        (
            lambda d: d["scores"][0].update(value=8.5),
            'edition 5, score of juror "j1" for entry "ghent-2015" on "social-rights", '
            'field "value": must be a decimal string such as "8.5", not a JSON number',
        ),
        (
            lambda d: d["entries"][1]["authority"].update(country="UK"),
            'edition 5, entry "kragujevac-2015", field "authority.country": "UK" is not the ISO '
            '3166-1 alpha-2 code of a Council of Europe member state (did you mean "GB"?)',
        ),
        (
            lambda d: d["scores"].append(
                {"juror": "j2", "entry": "ghent-2015", "criterion": "diversity", "value": "5"}
            ),
            'edition 5, score of juror "j2" for entry "ghent-2015" on "diversity", field "juror": '
            "has a declared conflict with this entry and cannot score it",
        ),
        (
            lambda d: d["entries"][1]["result"].update(ex_aequo=False),
            'edition 5, entry "kragujevac-2015", field "result.ex_aequo": place 2 is shared, '
            "so ex_aequo must be true",
        ),
        (
            lambda d: d["edition"]["criteria"][0].update(weight=1),
            'edition 5, criterion "social-rights", field "weight": must be a decimal string',
        ),
        (
            lambda d: d["edition"].update(submission_deadline="2015-06-30T23:59:00"),
            'field "edition.submission_deadline": needs a UTC offset',
        ),
        (
            lambda d: d["entries"][0].update(state="draft"),
            'edition 5, entry "ghent-2015", field "result": an entry in state "draft" cannot '
            "have a result",
        ),
    ],
    ids=[
        "unknown-key",
        "unknown-setting",
        "bad-reference",
        "score-above-maximum",
        "float-not-string",
        "uk-not-gb",
        "conflicted-score",
        "lonely-ex-aequo",
        "integer-weight",
        "naive-deadline",
        "draft-with-a-result",
    ],
)
def test_malformed_file_is_refused_naming_the_item_and_nothing_is_written(
    ghent, tmp_path, change, expected
):
    ResultFactory()  # something already in the database, which must stay as it is
    change(ghent)
    before = counts()
    message = refused(write(tmp_path, ghent))
    assert expected in message
    assert message.startswith("Nothing was imported")
    assert counts() == before


def test_a_bad_file_among_several_writes_nothing(ghent, tmp_path):
    good = write(tmp_path, ghent, "good.json")
    bad = copy.deepcopy(ghent)
    bad["edition"]["number"] = 6
    for entry in bad["entries"]:
        entry["ref"] += "-b"
    bad["conflicts"] = []
    bad["scores"] = [
        {"juror": "j9", "entry": "ghent-2015-b", "criterion": "awareness", "value": "3"}
    ]
    message = refused(good, str(write(tmp_path, bad, "bad.json")))
    assert (
        'edition 6, score of juror "j9" for entry "ghent-2015-b" on "awareness", field '
        '"juror": "j9" is not the ref of a juror in this file' in message
    )
    assert counts() == dict.fromkeys(counts(), 0)


def test_existing_edition_is_refused_unless_replace(history, history_path):
    message = refused(history_path)
    assert (
        'edition 1, field "edition.number": this edition already exists; import with '
        "--replace to overwrite it"
    ) in message
    Entry.objects.filter(ref="vitez-2007").delete()
    call_command("import_edition", str(history_path), "--replace", stdout=io.StringIO())
    assert Edition.objects.count() == 7
    assert Entry.objects.filter(ref="vitez-2007").exists()


def test_missing_or_unreadable_photo_is_refused_and_no_file_is_left(ghent, tmp_path):
    make_photo(tmp_path / "photos" / "ok.jpg", "blue")
    (tmp_path / "photos" / "fake.jpg").write_bytes(b"this is not a picture")
    ghent["entries"][0]["photos"] = [{"file": "photos/ok.jpg"}]
    ghent["entries"][1]["photos"] = [{"file": "photos/missing.jpg"}]
    message = refused(write(tmp_path, ghent))
    assert (
        'edition 5, entry "kragujevac-2015", field "photos[0].file": "photos/missing.jpg" '
        "was not found next to the file"
    ) in message

    ghent["entries"][1]["photos"] = [{"file": "photos/fake.jpg"}]
    message = refused(write(tmp_path, ghent))
    assert (
        'entry "kragujevac-2015", field "photos[0].file": “fake.jpg” is not a JPEG, PNG or WebP '
        "image. Save it in one of these formats and upload it again." in message
    )
    assert counts() == dict.fromkeys(counts(), 0)
    assert default_storage.listdir("private/photos")[1] == []


def test_photo_path_outside_the_folder_is_refused(ghent, tmp_path):
    make_photo(tmp_path / "outside.jpg", "green")
    ghent["entries"][0]["photos"] = [{"file": "../outside.jpg"}]
    (tmp_path / "sub").mkdir()
    message = refused(write(tmp_path / "sub", ghent))
    assert '"../outside.jpg" must be a path inside the folder of the file' in message


def test_invalid_json_is_refused_with_the_file_name(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "dosta-edition",', encoding="utf-8")
    message = refused(path)
    assert f"{path}: is not valid JSON" in message


def test_export_of_unknown_edition_says_so(db):
    with pytest.raises(CommandError, match="There is no edition 42."):
        call_command("export_edition", "42", stdout=io.StringIO())
