"""import_edition is as strict as the forms: a file it accepts is stored exactly, its
photos go through the upload pipeline, and anything else is refused with one sentence
while nothing at all is written (no row, no stored file)."""

import io
import json
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import ExifTags, Image

from jury.models import Score
from submissions.models import Photo
from tests.downloads import downloaded
from tests.results.test_interchange import ALL_MODELS as MODELS  # the rows an import writes

pytestmark = pytest.mark.django_db


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
            lambda d: d["scores"][0].update(juror=[]),
            'edition 90, score #1, field "juror": must be a string',
        ),
        (
            lambda d: d["edition"].update(tie_break=[["impact"]]),
            "edition 90, edition settings, field \"edition.tie_break[0]\": “['impact']” is not "
            "a criterion of this edition.",
        ),
        (
            lambda d: d.update(conflicts=[{"juror": "j1", "entry": {}, "reason": "x"}]),
            'edition 90, conflict #1, field "entry": must be a string',
        ),
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
        "juror-ref-a-list",
        "tie-break-code-a-list",
        "conflict-entry-an-object",
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


def test_edition_settings_that_are_not_an_object_are_refused(tmp_path):
    data = edition()
    data["edition"] = None

    assert refused(write(tmp_path, data)) == (
        "Nothing was imported: 3 problems.\n"
        '  - edition at position 1, edition settings, field "edition": must be an object\n'
        '  - edition at position 1, score of juror "j1" for entry "a-90" on "impact", field '
        '"criterion": "impact" is not a criterion of this edition\n'
        '  - edition at position 1, score of juror "j1" for entry "b-90" on "impact", field '
        '"criterion": "impact" is not a criterion of this edition'
    )
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


def rename_juror(data: dict, ref: str) -> None:
    data["jurors"][0]["ref"] = ref
    for score in data["scores"]:
        score["juror"] = ref


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: rename_juror(d, "j" * 65),
            f'edition 90, juror "{"j" * 65}", field "ref": is 65 characters long; at most 64 '
            "can be stored",
        ),
        (
            lambda d: entry_a(d)["authority"].update(name="A" * 301),
            'edition 90, entry "a-90", field "authority.name": is 301 characters long; at most '
            "300 can be stored",
        ),
        (
            lambda d: d["edition"].update(ceremony={"place": "S" * 201}),
            'edition 90, edition settings, field "edition.ceremony.place": is 201 characters '
            "long; at most 200 can be stored",
        ),
        (
            lambda d: d["jurors"][0].update(email="juror at example.org"),
            'edition 90, juror "j1", field "email": "juror at example.org" is not an e-mail '
            "address",
        ),
        (
            lambda d: d["edition"].update(submission_deadline="9999-12-31T23:59:00-02:00"),
            'edition 90, edition settings, field "edition.submission_deadline": must be a '
            "moment between the years 1900 and 2100",
        ),
    ],
    ids=["juror-ref", "authority-name", "ceremony-place", "juror-email", "deadline-year"],
)
def test_a_text_the_forms_would_refuse_is_refused(tmp_path, change, problem):
    data = edition()
    change(data)

    assert refused(write(tmp_path, data)) == one_problem(problem)
    assert_nothing_written()


# --- Photos: the upload pipeline, or nothing ------------------------------------------

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (48.0, 35.0, 1.5),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (7.0, 45.0, 2.5),
}


def noise(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """Pixels that do not compress, so a cut file is cut in its image data."""
    return Image.frombytes("RGB", size, random.Random(seed).randbytes(size[0] * size[1] * 3))


def camera_jpeg(path: Path) -> bytes:
    """A 64 × 48 JPEG as a phone writes it: GPS position, camera make, and an
    orientation note (6: turn 90° clockwise to show it)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.IFD.GPSInfo] = GPS
    path.parent.mkdir(parents=True, exist_ok=True)
    noise((64, 48)).save(path, "JPEG", exif=exif.tobytes(), comment=b"secret comment")
    with Image.open(path) as written:  # the test would prove nothing without them
        assert written.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    return path.read_bytes()


def with_photos(folder: Path, a: list[str], b: list[str] = ()) -> Path:
    data = edition()
    for entry, files in zip(data["entries"], (a, b), strict=True):
        if files:
            entry["photos"] = [{"file": name, "credit": "City"} for name in files]
    return write(folder, data)


def served(client, user, photo: Photo, size: str = "file") -> tuple[str, bytes]:
    """The content type the photo view sends (it takes it from the stored name), and
    the bytes."""
    client.force_login(user)
    response = downloaded(client.get(photo.get_absolute_url(size)))
    assert response.status == 200
    return response["Content-Type"], response.body


def test_an_imported_photo_is_reencoded_without_exif_or_gps(tmp_path, client, secretary):
    original = camera_jpeg(tmp_path / "photos" / "Ghent Mediators.JPEG")

    imported(with_photos(tmp_path, ["photos/Ghent Mediators.JPEG"]))

    photo = Photo.objects.get()
    assert (photo.entry.ref, photo.order, photo.credit) == ("a-90", 0, "City")
    assert (photo.width, photo.height) == (48, 64)  # turned as the note said, then dropped
    assert photo.original_name == "Ghent_Mediators.jpeg"
    assert re.fullmatch(r"private/photos/[0-9a-f]{32}\.jpg", photo.file.name)
    assert re.fullmatch(r"private/photos/[0-9a-f]{32}\.jpg", photo.large.name)
    assert re.fullmatch(r"private/photos/[0-9a-f]{32}\.jpg", photo.thumb.name)
    with photo.file.open("rb") as handle:
        stored = handle.read()
    assert stored != original
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size) == ("JPEG", (48, 64))
        assert dict(image.getexif()) == {}
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert sorted(set(image.info) & {"exif", "comment", "icc_profile", "xmp"}) == []
    assert b"PhoneMaker" not in stored
    assert b"secret comment" not in stored
    assert served(client, secretary, photo) == ("image/jpeg", stored)
    assert sorted(stored_files()) == sorted([photo.file.name, photo.large.name, photo.thumb.name])


def test_an_imported_photo_is_named_by_its_content_not_its_file_name(tmp_path, client, secretary):
    (tmp_path / "photos").mkdir()
    Image.new("RGB", (30, 20), "red").save(tmp_path / "photos" / "map.jpg", "PNG")

    imported(with_photos(tmp_path, ["photos/map.jpg"]))

    photo = Photo.objects.get()
    assert re.fullmatch(r"private/photos/[0-9a-f]{32}\.png", photo.file.name)
    assert photo.original_name == "map.jpg"
    content_type, content = served(client, secretary, photo)
    assert content_type == "image/png"
    assert content.startswith(b"\x89PNG\r\n")
    assert served(client, secretary, photo, "thumb")[0] == "image/jpeg"


def gif_named_js(path: Path) -> None:
    Image.new("P", (8, 8)).save(path, "GIF")


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(2).randbytes(4096))


def cut_jpeg(path: Path) -> None:
    buffer = io.BytesIO()
    noise((256, 256)).save(buffer, "JPEG", quality=95)
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])


def too_large(path: Path) -> None:
    buffer = io.BytesIO()
    noise((16, 16)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue() + b"\0" * (10 * 1024 * 1024 + 1 - len(buffer.getvalue())))


def empty(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize(
    ("name", "make", "problem"),
    [
        (
            "script.js",
            gif_named_js,
            "“script.js” is not a JPEG, PNG or WebP image. Save it in one of these formats and "
            "upload it again.",
        ),
        (
            "noise.jpg",
            random_bytes,
            "“noise.jpg” is not a JPEG, PNG or WebP image. Save it in one of these formats and "
            "upload it again.",
        ),
        (
            "cut.jpg",
            cut_jpeg,
            "“cut.jpg” is damaged or incomplete (the image could not be read to the end). Export "
            "it again and upload it.",
        ),
        (
            "big.jpg",
            too_large,
            "“big.jpg” is 10.1 MB; a photo may be at most 10 MB. Make it smaller and upload it "
            "again.",
        ),
        ("empty.jpg", empty, "“empty.jpg” is empty (0 bytes). Choose the photo file again."),
    ],
    ids=["gif-named-js", "random-bytes", "cut-jpeg", "too-large", "empty"],
)
def test_a_bad_photo_is_refused_naming_it_and_nothing_is_kept(tmp_path, name, make, problem):
    camera_jpeg(tmp_path / "photos" / "good.jpg")  # stored first, then deleted again
    make(tmp_path / "photos" / name)

    message = refused(with_photos(tmp_path, ["photos/good.jpg"], [f"photos/{name}"]))

    assert message == one_problem(f'edition 90, entry "b-90", field "photos[0].file": {problem}')
    assert_nothing_written()


def test_every_bad_photo_is_named_at_once(tmp_path):
    camera_jpeg(tmp_path / "photos" / "good.jpg")
    gif_named_js(tmp_path / "photos" / "script.js")
    random_bytes(tmp_path / "photos" / "noise.jpg")

    message = refused(
        with_photos(tmp_path, ["photos/script.js", "photos/good.jpg"], ["photos/noise.jpg"])
    )

    assert message == (
        "Nothing was imported: 2 problems.\n"
        '  - edition 90, entry "a-90", field "photos[0].file": “script.js” is not a JPEG, PNG '
        "or WebP image. Save it in one of these formats and upload it again.\n"
        '  - edition 90, entry "b-90", field "photos[0].file": “noise.jpg” is not a JPEG, PNG '
        "or WebP image. Save it in one of these formats and upload it again."
    )
    assert_nothing_written()


def test_a_photo_outside_the_folder_of_the_file_is_refused(tmp_path):
    camera_jpeg(tmp_path / "outside.jpg")
    folder = tmp_path / "sub"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos" / "link.jpg").symlink_to(tmp_path / "outside.jpg")
    absolute = str(tmp_path / "outside.jpg")

    message = refused(with_photos(folder, ["photos/link.jpg", absolute], ["../outside.jpg"]))

    assert message == (
        "Nothing was imported: 3 problems.\n"
        '  - edition 90, entry "a-90", field "photos[0].file": "photos/link.jpg" must be a path '
        "inside the folder of the file\n"
        f'  - edition 90, entry "a-90", field "photos[1].file": "{absolute}" must be a path '
        "inside the folder of the file\n"
        '  - edition 90, entry "b-90", field "photos[0].file": "../outside.jpg" must be a path '
        "inside the folder of the file"
    )
    assert_nothing_written()


def test_more_photos_than_an_upload_allows_are_refused(tmp_path):
    camera_jpeg(tmp_path / "photos" / "good.jpg")

    message = refused(with_photos(tmp_path, ["photos/good.jpg"] * 11))

    assert message == one_problem(
        'edition 90, entry "a-90", field "photos": an entry has at most 10 photos'
    )
    assert_nothing_written()


def test_a_photo_path_the_system_cannot_use_is_refused(tmp_path):
    name = "photos/" + "a" * 5000 + ".jpg"

    message = refused(with_photos(tmp_path, [name]))

    assert message == one_problem(
        f'edition 90, entry "a-90", field "photos[0].file": "{name}" cannot be used as a path '
        "(File name too long)"
    )
    assert_nothing_written()


def test_a_photo_credit_too_long_to_store_is_refused(tmp_path):
    camera_jpeg(tmp_path / "photos" / "good.jpg")
    data = edition()
    entry_a(data)["photos"] = [{"file": "photos/good.jpg", "credit": "C" * 301}]

    assert refused(write(tmp_path, data)) == one_problem(
        'edition 90, entry "a-90", field "photos[0].credit": is 301 characters long; at most '
        "300 can be stored"
    )
    assert_nothing_written()
