"""Hypothesis strategies for hostile form input, as bytes on the wire.

Values are bytes so that a POST can carry what a browser never sends: lone surrogates
(encoded with "surrogatepass"), invalid UTF-8, NUL bytes. The form fields of a real form
instance decide what a plausible value looks like, so that many examples get past the
form and reach the services, where the interesting refusals are."""

import io
from datetime import date

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st
from PIL import Image

NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m\x7f",
    "\r\n\r\n\t",
    "\ufeffBOM",
    "\u202eevil\u202c",
    "مرحبا بالعالم",
    "שלום",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧑🏽‍🤝‍🧑🏻",
    "Zalgo z̷̢̛͚a̴l̸g̵o",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    '"><svg/onload=alert(1)>',
    "'; DROP TABLE submissions_entry; --",
    "{{ request }} {% debug %}",
    "%s %d %(name)s {0} {name}",
    "../../../../etc/passwd",
    "javascript:alert(1)",
    "\ud800",
    "a\udfffb",
    "x" * 20_001,
    "é" * 5_000,
    "\u0000" * 50,
]
NASTY_NUMBERS = [
    "0",
    "-0",
    "-1",
    "1",
    "2",
    "3",
    "0.5",
    "7.5",
    "10",
    "11",
    "1,5",
    "1.",
    ".5",
    "1_000",
    " 5 ",
    "١٢",
    "NaN",
    "-nan",
    "sNaN",
    "Infinity",
    "-inf",
    "1e309",
    "1E+999999999",
    "1e-999999",
    "99999999999999999999999999999999",
    "-99999999999999999999",
    "2147483648",
    "9223372036854775808",
    "0x10",
    "5e2",
    "0.001",
    "123456789012.123",
]
NASTY_DATES = [
    "2024-02-29",
    "2024-02-30",
    "2025-13-01",
    "0000-00-00",
    "0001-01-01",
    "0001-01-01T00:30",
    "0001-01-01 00:00",
    "9999-12-31",
    "9999-12-31T23:59",
    "10000-01-01",
    "2026-03-29T02:30",  # a time that does not exist in Strasbourg (spring forward)
    "2026-10-25T02:30",  # a time that exists twice (fall back)
    "2026-06-01T25:61",
    "31/12/2026",
    "12/31/2026 10:00",
    "yesterday",
    "-2024-01-01",
]
EMAILS = [
    "ana@ghent.example",
    "new.person@example.org",
    "a@b",
    "ü@exämple.org",
    "x" * 250 + "@example.org",
    "a\x00b@example.org",
    "<script>@example.org",
    "person@[127.0.0.1]",
    '"quoted local"@example.org',
    "@example.org",
    "UPPER@EXAMPLE.ORG",
]

any_unicode = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)


def wire(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def text_values() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.sampled_from(NASTY_TEXT).map(wire),
        any_unicode.map(wire),
        st.binary(max_size=40),
    )


RICH_TEXT = [  # the safe text format (web.richtext): its syntax, broken and abused
    "## Timetable\n\n- 1 March: the call opens\n- 30 June: deadline\n\n1. one\n2. two",
    "# h1\n## h2\n### h3\n#### h4\n##### h5\n###### h6\n####### seven",
    "[the rules](https://www.coe.int/congress) and <https://example.org> and mailto:a@b",
    "[x](javascript:alert(1)) [y](data:text/html,<script>alert(1)</script>) [z](/relative)",
    "[x](  JAVASCRIPT:alert(1)) [y](vbscript:msgbox) [](https://empty.example)",
    '[a](https://example.org/<script>alert(1)</script>) [b](https://ex.ample/"onmouseover=x)',
    "<b>bold</b> <img src=x onerror=alert(1)> ![image](https://example.org/x.png)",
    "&amp; &lt;script&gt; &#0; &#x110000; &#xD800; &nbsp; &bogus;",
    "- a\n  - b\n    - c\n      - d\n        - e",
    "1. one\n1000000000. big\n-1. minus",
    "```\ncode\n```\n    indented\n> quote\n| a | b |\n|---|---|",
    "line\\\nbreak  \ntwo spaces\r\nCRLF\rCR",
    "[" * 3000 + "x" + "](" * 3000,
    "- " * 3000,
    "> " * 3000 + "#",
    "#" * 5000,
    "\\" * 5000,
    "\n" * 5000,
    "1. " * 2000,
    "*" * 10_000,
    '[link](https://example.org "title") [ref][1]\n\n[1]: https://example.org',
]


def rich_text_values() -> st.SearchStrategy[bytes]:
    """Texts in the site's safe text format: its syntax mixed with hostile text."""
    pieces = st.sampled_from(RICH_TEXT + NASTY_TEXT[:20])
    return st.one_of(
        st.sampled_from(RICH_TEXT).map(wire),
        st.lists(pieces, min_size=1, max_size=4).map("\n".join).map(wire),
        text_values(),
    )


def number_values() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.sampled_from(NASTY_NUMBERS),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
    ).map(wire)


def date_values() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.sampled_from(NASTY_DATES),
        st.dates().map(date.isoformat),
        st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
    ).map(wire)


def bool_values() -> st.SearchStrategy[bytes]:
    return st.sampled_from([b"on", b"true", b"True", b"1", b"false", b"0", b"", b"\x00", b"off"])


def _image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), (10, 120, 200)).save(buffer, kind)
    return buffer.getvalue()


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


FILE_CONTENTS = {
    "jpeg": _image("JPEG"),
    "png": _image("PNG"),
    "truncated jpeg": _image("JPEG")[:60],
    "pdf": _pdf(),
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "html": b"<html><script>alert(1)</script></html>",
    "empty": b"",
    "nul": b"\x00" * 64,
    "zip": b"PK\x03\x04" + b"\x00" * 30,
}
FILE_NAMES = [
    "photo.jpg",
    "annex.pdf",
    "photo.pdf",
    "annex.jpg",
    "../../evil.jpg",
    "no-extension",
    ".jpg",
    "ç’est ça.png",
    "a" * 300 + ".jpg",
    "x\x00.jpg",
    "<script>.pdf",
]


@st.composite
def uploads(draw) -> SimpleUploadedFile:
    content = draw(
        st.one_of(st.sampled_from(sorted(FILE_CONTENTS)).map(FILE_CONTENTS.get), st.binary())
    )
    name = draw(st.sampled_from(FILE_NAMES))
    content_type = draw(
        st.sampled_from(["image/jpeg", "application/pdf", "text/html", "application/x-evil"])
    )
    return SimpleUploadedFile(name, content, content_type=content_type)


def field_values(field: forms.Field) -> st.SearchStrategy:
    """Plausible and hostile values for one Django form field."""
    if isinstance(field, forms.FileField):
        return uploads()
    hostile = text_values()
    if isinstance(field, forms.BooleanField):
        plausible = bool_values()
    elif isinstance(field, forms.EmailField):
        plausible = st.sampled_from(EMAILS).map(wire)
    elif isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        plausible = number_values()
    elif isinstance(field, (forms.DateField, forms.DateTimeField)):
        plausible = date_values()
    elif isinstance(field, forms.ChoiceField):
        choices = [str(value) for value, _label in field.choices if value != ""]
        plausible = st.sampled_from(choices or [""]).map(wire) if choices else hostile
    else:
        plausible = st.one_of(st.sampled_from(NASTY_TEXT[:20]).map(wire), number_values())
    return st.one_of(plausible, plausible, hostile)


def values_of(strategy: st.SearchStrategy) -> st.SearchStrategy[list]:
    """One value, none (the key repeated zero times is a missing field) or several
    (a duplicated key)."""
    return st.one_of(
        strategy.map(lambda v: [v]),
        strategy.map(lambda v: [v]),
        st.lists(strategy, min_size=2, max_size=3),
    )


@st.composite
def form_data(draw, fields: dict, extra: dict | None = None, valid: dict | None = None) -> dict:
    """A POST body (name -> list of values) for these form fields, plus the named extra
    keys (buttons, hidden ids) and a few junk keys. Given `valid` (a body the form
    accepts), half the examples change only one to three of its fields, so that they
    get past the form to the service."""
    if valid and draw(st.booleans()):
        data = {name: [wire(str(value))] for name, value in valid.items()}
        strategies = {name: field_values(field) for name, field in fields.items()}
        strategies.update(extra or {})
        names = sorted(strategies)
        for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)):
            if draw(st.integers(0, 4)) == 0:
                data.pop(name, None)
            else:
                data[name] = draw(values_of(strategies[name]))
        return data
    data = {}
    strategies = {name: field_values(field) for name, field in fields.items()}
    strategies.update(extra or {})
    for name, strategy in strategies.items():
        if draw(st.integers(0, 5)) == 0:  # missing field
            continue
        data[name] = draw(values_of(strategy))
    junk = draw(st.dictionaries(st.text(min_size=1, max_size=12), text_values(), max_size=2))
    for key, value in junk.items():
        data.setdefault(key, [value])
    return data


def ids(*known: int) -> st.SearchStrategy[bytes]:
    """Object ids for hidden fields and buttons: the real ones, other objects' ones and
    nonsense."""
    return st.one_of(
        st.sampled_from(known or (1,)).map(str),
        st.integers(min_value=-5, max_value=10**20).map(str),
        st.sampled_from(["", "abc", "1.5", "\x00", "9" * 40]),
    ).map(wire)


def path_segments() -> st.SearchStrategy[str]:
    """What a person or a robot may put in a URL segment (percent-encoded by the caller)."""
    return st.one_of(
        st.sampled_from(
            ["0", "-1", "9" * 30, "%00", "\x00", "a" * 600, "é", "..", ".", "DC8-7K2M9Q", "null"]
        ),
        st.text(st.characters(codec="utf-8", exclude_characters="/?#"), max_size=30),
    )
