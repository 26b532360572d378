"""The JSON layer of the interchange format: parsing, and the checks of shape that come
before any field is looked at (nesting, repeated keys, NUL and broken characters), with
the places they find named as the field checks name them. Pure: no database."""

import json
import re
import unicodedata

from django.utils.translation import gettext as _

REF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# Containers inside one edition object: the edition, "entries", an entry, "photos", a
# photo, a caption (whose values are texts).
MAX_DEPTH = 6


class JsonFloat(str):
    """A JSON number with a fraction or exponent, kept apart so it can be refused:
    decimals travel as strings, never as floats."""


class RepeatedKeys(dict):
    """A JSON object in which a key appeared more than once. json.loads would keep the
    last value silently; the keys are kept so the check can name them."""

    repeated: list[str]


def _object(pairs: list[tuple[str, object]]) -> dict:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        obj = RepeatedKeys(obj)
        obj.repeated = sorted({key for key, _value in pairs if key in seen or seen.add(key)})
    return obj


def parse(text: str):
    """json.loads that keeps floats recognisable (see JsonFloat) and repeated keys
    visible (see RepeatedKeys). Raises ValueError for invalid JSON and RecursionError
    for nesting far beyond MAX_DEPTH."""
    return json.loads(text, parse_float=JsonFloat, object_pairs_hook=_object)


# Control, format and surrogate characters, line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def printable(text: str) -> str:
    """One line a terminal shows as it is: a NUL, a newline or a bidi override echoed
    from the file is written as \\uXXXX instead."""
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in _HIDDEN else ch for ch in text
    )


def structure_problems(obj) -> list[tuple[str, str, str]]:
    """(item, field, message) for each place of one edition object that is nested too
    deep, repeats a key, or holds a NUL or broken character (in a text or a key). The
    other checks would echo such text or walk into such nesting, so they come after."""
    found: list[tuple[str, str, str]] = []
    _walk(obj, (), lambda path, message: found.append((*where(obj, path), message)))
    return found


def _walk(value, path: tuple, report) -> None:
    """Stops at MAX_DEPTH, so it never recurses far."""
    if isinstance(value, str):
        problem = _text_problem(value)
        if problem:
            report(path, problem)
        return
    if not isinstance(value, (dict, list)):
        return
    if len(path) >= MAX_DEPTH:
        report(path, _("is nested deeper than the interchange format allows"))
        return
    for key in value.repeated if isinstance(value, RepeatedKeys) else []:
        report(
            (*path, key),
            _("appears more than once in the same object; a key may appear only once"),
        )
    if isinstance(value, dict):
        for key, child in value.items():
            problem = _text_problem(key)
            if problem:
                report((*path, key), problem)
            else:
                _walk(child, (*path, key), report)
    else:
        for index, child in enumerate(value):
            _walk(child, (*path, index), report)


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return _("contains a NUL character, which no text in the file may hold")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # "\ud800" and the like: half of a UTF-16 pair
        return _("contains a broken character (an unpaired surrogate), which cannot be stored")
    return None


# Lists of items, how an item is named, and the keys that name it when they are clean.
_ITEMS = {
    "entries": ("entry", ("ref",)),
    "jurors": ("juror", ("ref",)),
    "conflicts": ("conflict", ()),
    "scores": ("score", ()),
}


def where(obj, path: tuple) -> tuple[str, str]:
    """(item, field) of a place in an edition object, named as the other checks name it."""
    if len(path) >= 2 and path[0] in _ITEMS and isinstance(path[1], int):
        kind, keys = _ITEMS[path[0]]
        return _item_label(kind, obj[path[0]][path[1]], path[1], keys), _field(path[2:])
    if path[:2] == ("edition", "criteria") and len(path) >= 3 and isinstance(path[2], int):
        criterion = obj["edition"]["criteria"][path[2]]
        return _item_label("criterion", criterion, path[2], ("code",)), _field(path[3:])
    if path[:1] == ("edition",):
        return "edition settings", _field(path)
    return "", _field(path)


def _item_label(kind: str, item, index: int, keys: tuple[str, ...]) -> str:
    name = item.get(keys[0]) if keys and isinstance(item, dict) else None
    if isinstance(name, str) and (REF_RE if keys == ("ref",) else CODE_RE).fullmatch(name):
        return f'{kind} "{name}"'
    return f"{kind} #{index + 1}"


def _field(path: tuple) -> str:
    """("photos", 0, "file") -> "photos[0].file", the keys shown with printable()."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{printable(part)}" if text else printable(part)
    return text
