"""The secretariat's exports: CSV and XLSX with every score and comment, a PDF report."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from jury import exports, services
from jury.models import Score

pytestmark = pytest.mark.django_db


def test_scores_as_csv_with_comments_and_no_formula_injection(client, board, secretary):
    edition, chair, member, entries = board
    Score.objects.filter(assignment__juror=member).update(comment='=HYPERLINK("x")')
    client.force_login(secretary)
    response = client.get("/en/jury/77/secretariat/exports/scores.csv")
    assert response["Content-Disposition"] == 'attachment; filename="scores-77.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2 * 3 * 5  # jurors × entries × criteria
    first = rows[0]
    assert (first["juror"], first["entry"], first["value"], first["state"]) == (
        "chair",
        "a",
        "9.000",
        "submitted",
    )
    member_rows = [r for r in rows if r["juror"] == "m1"]
    assert member_rows[0]["comment"] == '\'=HYPERLINK("x")'


def test_scores_as_xlsx(client, board, secretary):
    client.force_login(secretary)
    response = client.get("/en/jury/77/secretariat/exports/scores.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["juror", "juror_name", "entry"]
    assert sheet.max_row == 1 + 30
    assert sheet.cell(row=2, column=header.index("value") + 1).value == 9


TYPED = ["=1+1", "-5", "+33 1 23", "@home", "\tindented", "'quoted", '=HYPERLINK("x")']


def test_scores_as_xlsx_keep_every_comment_as_typed_in_text_cells(client, board, secretary):
    edition, chair, member, entries = board
    scores = list(Score.objects.filter(assignment__juror=member).order_by("pk"))
    for score, typed in zip(scores, TYPED, strict=False):
        score.comment = typed
        score.save()
    client.force_login(secretary)
    response = client.get("/en/jury/77/secretariat/exports/scores.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    column = header.index("comment")
    cells = {row[column].value: row[column] for row in sheet.iter_rows(min_row=2)}
    for typed in TYPED:
        assert cells[typed].value == typed
        assert cells[typed].data_type == "s"
    value = sheet.cell(row=2, column=header.index("value") + 1)
    assert (value.value, value.data_type) == (9, "n")


def test_scores_xlsx_writes_control_characters_as_the_spreadsheet_escape():
    rows = [dict.fromkeys(exports.COLUMNS) | {"comment": "one\x0btwo", "value": 7}]
    sheet = load_workbook(io.BytesIO(exports.scores_xlsx(rows))).active
    comment = sheet.cell(row=2, column=exports.COLUMNS.index("comment") + 1)
    assert (comment.value, comment.data_type) == ("one_x000B_two", "s")


def test_scores_workbook_is_write_only():
    workbook = exports.scores_workbook([])
    assert workbook.write_only is True
    assert [sheet.title for sheet in workbook.worksheets] == ["scores"]
    workbook.save(io.BytesIO())  # a write-only workbook holds its rows in a temporary file


def test_scores_csv_keeps_its_apostrophe_before_formula_starts():
    rows = [dict.fromkeys(exports.COLUMNS, "") | {"comment": typed} for typed in TYPED]
    data = list(csv.DictReader(io.StringIO(exports.scores_csv(rows).decode("utf-8-sig"))))
    assert [row["comment"] for row in data] == [
        "'=1+1",
        "'-5",
        "'+33 1 23",
        "'@home",
        "'\tindented",
        "'quoted",
        '\'=HYPERLINK("x")',
    ]


def test_the_jury_report_pdf(client, board, secretary):
    edition, chair, member, entries = board
    services.decision_record(
        edition_id=edition.pk, by=chair.user, statements={"a": {"en": "Şişli-style courage."}}
    )
    client.force_login(secretary)
    response = client.get("/en/jury/77/secretariat/exports/report.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Jury report: Edition 77" in text
    assert "[en]\nŞişli-style courage." in text
    assert "SHA-256: " in text


def test_exports_are_for_the_secretariat_only(client, board):
    edition, chair, member, entries = board
    client.force_login(chair.user)
    assert client.get("/en/jury/77/secretariat/exports/scores.csv").status_code == 403
