"""Fuzzing import_edition: a valid edition file (with a photo) with one value, anywhere,
replaced by any JSON value. The command either imports it or refuses it with its
"Nothing was imported" sentences, one line each, writing nothing (no row, no file);
never another exception."""

import io
import json
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.runner import changed, snapshot
from tests.results.test_import_strict import edition, stored_files

JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**31 - 2, max_value=2**64)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from(["", "\x00", "8.3349", "1e3", "../x.jpg", "/etc/passwd", "\ud800"])
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=6,
)


def valid() -> dict:
    data = edition()
    data["entries"][0]["photos"] = [{"file": "photos/a.jpg", "credit": "City"}]
    data["conflicts"] = []
    return data


def paths(value, prefix=()) -> list[tuple]:
    """Every place in the document: keys of objects and indexes of lists."""
    found = [prefix]
    if isinstance(value, (dict, list)):
        for key, child in value.items() if isinstance(value, dict) else enumerate(value):
            found += paths(child, (*prefix, key))
    return found


PLACES = paths(valid())[1:]


def replaced(path: tuple, new) -> dict:
    data = valid()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return data


def run(data: dict) -> tuple[str | None, list]:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "photos").mkdir()
        Image.new("RGB", (16, 12), "teal").save(Path(folder) / "photos" / "a.jpg", "JPEG")
        path = Path(folder) / "edition.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        try:
            call_command("import_edition", str(path), "--replace", stdout=io.StringIO())
        except CommandError as error:
            return str(error), []
    return None, stored_files()


def test_any_value_anywhere_is_imported_or_refused_in_sentences(db):
    @fuzz_settings(4)
    @given(place=st.sampled_from(PLACES), value=JSON_VALUES)
    def example(place, value):
        with transaction.atomic():
            before, files_before = snapshot(), stored_files()
            message, _files = run(replaced(place, value))
            if message is not None:
                head, *lines = message.split("\n")
                assert head.startswith("Nothing was imported: ")
                assert lines and all(line.startswith("  - ") for line in lines)
                assert "\x00" not in message
                assert changed(before, snapshot()) == []
                assert stored_files() == files_before
            transaction.set_rollback(True)

    example()
