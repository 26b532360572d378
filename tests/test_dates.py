"""French writes the first of a month "1er" (1er juillet 2024), on pages, in e-mails and
in PDFs: web/dates.py, the `date` filter of every template and the date_format of the
Python code."""

from datetime import date, datetime

import pytest
from django.template import engines
from django.utils import translation

from web.dates import date_format

FIRST = date(2024, 7, 1)


@pytest.mark.parametrize(
    ("language", "value", "pattern", "expected"),
    [
        ("fr", FIRST, "j F Y", "1er juillet 2024"),
        ("fr", date(2024, 7, 2), "j F Y", "2 juillet 2024"),
        ("fr", datetime(2024, 9, 1, 14, 5), "j F Y, H:i", "1er septembre 2024, 14:05"),
        ("fr", FIRST, r"\j\o\u\r j", "jour 1er"),  # an escaped "j" stays a letter
        ("en", FIRST, "j F Y", "1 July 2024"),
    ],
)
def test_the_first_of_the_month_in_each_language(language, value, pattern, expected):
    with translation.override(language):
        assert date_format(value, pattern) == expected


def test_every_template_writes_it_through_the_date_filter():
    page = engines["django"].from_string('{{ day|date:"DATE_FORMAT" }} · {{ day|date:"j F" }}')
    with translation.override("fr"):
        assert page.render({"day": FIRST}) == "1er juillet 2024 · 1er juillet"
    with translation.override("en"):
        assert "1er" not in page.render({"day": FIRST})
