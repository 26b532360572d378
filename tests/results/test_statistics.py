"""The secretariat's statistics: the figures of an edition and across editions, the
charts, the CSV files (safe in a spreadsheet), the one-page PDF in each language, and
who may see them."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from jury.enums import AssignmentState, ConflictStatus
from jury.models import Assignment, Conflict
from prize.enums import EditionState
from results import statistics
from tests.factories import (
    AuthorityFactory,
    DecisionFactory,
    EditionFactory,
    EntryFactory,
    JurorFactory,
    ResultFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
DEADLINE = datetime(2019, 10, 1, 23, 59, tzinfo=PARIS)
FORMULA = '=HYPERLINK("https://evil.example","Click")'
SVG = "{http://www.w3.org/2000/svg}"


def entry(edition, ref, state, authority, *, before=None, title=None):
    """An entry submitted `before` (a timedelta) the deadline; a negative one is late."""
    return EntryFactory(
        edition=edition,
        ref=ref,
        state=state,
        authority=authority,
        title={"en": title or f"Project {ref}"},
        submitted_at=None if before is None else DEADLINE - before,
    )


@pytest.fixture
def call(db):
    """An edition in judging whose deadline was 1 October 2019, 23:59 (Paris): seven
    received entries from four countries, a draft and a withdrawn entry; two jurors."""
    edition = EditionFactory(number=8, state=EditionState.JUDGING, submission_deadline=DEADLINE)
    sisli = AuthorityFactory(name="Şişli Municipality", country="TR")
    surcin = AuthorityFactory(name="City Municipality of Surčin", country="RS")
    kragujevac = AuthorityFactory(name="Град Крагујевац", country="RS")
    madrid = AuthorityFactory(name="Comunidad de Madrid", country="ES", kind="region")
    metz = AuthorityFactory(name="Eurométropole de Metz", country="FR", kind="other_local")
    hours = lambda n: timedelta(hours=n)  # noqa: E731
    entries = [
        entry(edition, "sisli", "eligible", sisli, before=hours(1)),
        entry(edition, "surcin", "eligible", surcin, before=hours(30), title=FORMULA),
        entry(edition, "kragujevac", "ineligible", kragujevac, before=timedelta(days=3)),
        entry(edition, "madrid", "submitted", madrid, before=timedelta(days=10)),
        entry(edition, "metz", "info_requested", metz, before=timedelta(days=100)),
        entry(edition, "late", "submitted", sisli, before=-hours(2)),
        entry(edition, "imported", "eligible", madrid),  # no submission time
        entry(edition, "draft", "draft", metz),
        entry(edition, "gone", "withdrawn", surcin, before=hours(5)),
    ]
    first = JurorFactory(edition=edition, name="Ana Ionescu", role="chair")
    second = JurorFactory(edition=edition, name="Zoltán Kovács")
    eligible = [e for e in entries if e.state == "eligible"]
    for juror in (first, second):
        Assignment.objects.bulk_create(Assignment(juror=juror, entry=e) for e in eligible)
    Assignment.objects.filter(juror=first, entry__ref__in=["sisli", "surcin"]).update(
        state=AssignmentState.SUBMITTED
    )
    Conflict.objects.create(
        juror=second, entry=entries[0], reason="Former adviser", status=ConflictStatus.CONFIRMED
    )
    return edition


def test_the_figures_of_an_edition(call):
    figures = statistics.edition_figures(edition=call)
    assert (figures.entries, figures.received, figures.countries) == (9, 7, 4)
    assert {t.code: t.count for t in figures.by_state} == {
        "draft": 1,
        "submitted": 2,
        "info_requested": 1,
        "eligible": 3,
        "ineligible": 1,
        "withdrawn": 1,
        "awarded": 0,
        "not_awarded": 0,
    }
    assert [t.code for t in figures.by_country] == ["RS", "ES", "TR", "FR"]
    assert [(t.label, t.count) for t in figures.by_country] == [
        ("Serbia", 2),
        ("Spain", 2),
        ("Türkiye", 2),
        ("France", 1),
    ]
    assert [(t.code, t.count) for t in figures.by_kind] == [
        ("municipality", 4),
        ("region", 2),
        ("other_local", 1),
    ]
    timing = figures.timing
    assert timing.timed == 6 and timing.last_hours == 2
    assert {t.code: t.count for t in timing.windows} == {
        "earlier": 1,
        **{f"week-{n}": 0 for n in range(3, 9)},
        "week-2": 1,
        "week-1": 3,
        "late": 1,
    }
    assert [(j.name, j.role, j.submitted, j.expected) for j in figures.jurors] == [
        ("Ana Ionescu", "Chair", 2, 3),
        ("Zoltán Kovács", "Member", 0, 2),
    ]
    assert figures.results == []  # not published: no result shown


def test_the_figures_take_the_same_queries_for_2_and_20_entries(count_queries):
    sizes = []
    for number, size in ((30, 2), (31, 20)):
        edition = EditionFactory(number=number, submission_deadline=DEADLINE)
        juror = JurorFactory(edition=edition)
        for i in range(size):
            made = EntryFactory(
                edition=edition, state="eligible", submitted_at=DEADLINE - timedelta(hours=i)
            )
            Assignment.objects.create(juror=juror, entry=made)
        sizes.append(count_queries(lambda e=edition: statistics.edition_figures(edition=e)))
        sizes.append(count_queries(statistics.overview))
    assert sizes[0] == sizes[2] and sizes[1] == sizes[3]


def test_across_the_seven_past_editions(history):
    data = statistics.overview()
    assert [row.edition.number for row in data.rows] == [7, 6, 5, 4, 3, 2, 1]
    assert [row.received for row in data.rows] == [3, 3, 4, 3, 4, 4, 2]
    assert [row.laureates for row in data.rows] == [3, 3, 4, 3, 4, 4, 2]
    assert [row.last_hours for row in data.rows] == [0, None, 0, None, None, None, None]
    third = data.rows[4]
    assert (third.countries, [t.count for t in third.by_kind]) == (4, [3, 1, 0])
    assert (data.received, data.countries) == (23, 13)
    assert [(t.code, t.count) for t in data.by_kind] == [
        ("municipality", 21),
        ("region", 2),
        ("other_local", 0),
    ]
    assert [(t.code, t.count) for t in data.by_country[:2]] == [("BA", 4), ("GR", 4)]


def test_the_cross_edition_page_and_its_csv(client, secretary, history):
    client.force_login(secretary)
    page = client.get("/en/secretariat/statistics/").content.decode()
    assert "23 entries received from 13 countries in 7 editions." in page
    assert 'href="/en/secretariat/editions/5/statistics/"' in page
    chart = svg(page, "chart-editions")
    assert chart.find(f"{SVG}title").text == "Entries received per edition"
    assert chart.find(f"{SVG}desc").text.startswith("Edition 1 (2007): 2; Edition 2 (2008): 4;")
    response = client.get("/en/secretariat/statistics.csv")
    assert response["Content-Disposition"] == 'attachment; filename="statistics.csv"'
    rows = read_csv(response)
    fifth = [(r["dimension"], r["code"], r["entries"]) for r in rows if r["edition"] == "5"]
    assert fifth == [
        ("received", "", "4"),
        ("kind", "municipality", "4"),
        ("kind", "region", "0"),
        ("kind", "other_local", "0"),
    ]
    countries = {r["code"]: r["entries"] for r in rows if r["dimension"] == "country"}
    assert (countries["BA"], countries["RS"], len(countries)) == ("4", "2", 13)


def svg(page: str, chart_id: str) -> ET.Element:
    """The chart's <svg> element, parsed as XML (which fails on anything malformed)."""
    found = re.search(rf'<svg [^>]*aria-labelledby="{chart_id}-title[^>]*>.*?</svg>', page, re.S)
    assert found, chart_id
    return ET.fromstring(found[0])


def test_the_edition_page_draws_accessible_charts_and_tables(client, secretary, call):
    client.force_login(secretary)
    page = client.get("/en/secretariat/editions/8/statistics/").content.decode()
    for chart_id, title in (
        ("chart-state", "Entries by state"),
        ("chart-country", "Entries by country"),
        ("chart-kind", "Entries by kind of authority"),
        ("chart-timing", "Submission times against the deadline"),
        ("chart-jurors", "Jurors' score sheets submitted"),
    ):
        chart = svg(page, chart_id)
        assert chart.get("role") == "img"
        assert chart.find(f"{SVG}title").text == title
        assert chart.find(f"{SVG}title").get("id") == f"{chart_id}-title"
        assert chart.find(f"{SVG}desc").get("id") == f"{chart_id}-desc"
    described = svg(page, "chart-jurors").find(f"{SVG}desc").text
    assert described == "Ana Ionescu: 2 of 3; Zoltán Kovács: 0 of 2."
    drawn = [t.text for t in svg(page, "chart-country").iter(f"{SVG}text")]
    assert drawn == ["Serbia", "2", "Spain", "2", "Türkiye", "2", "France", "1"]
    assert '<th scope="row">Last 7 days</th><td class="number">3</td>' in page
    assert "before the deadline: 2 of 6 entries with a submission time." in page
    assert "Deadline: 1 October 2019, 23:59." in page


def test_the_edition_page_in_french_writes_the_first_of_the_month_1er(client, secretary, call):
    client.force_login(secretary)
    page = client.get("/fr/secretariat/editions/8/statistics/").content.decode()
    assert "Date limite : 1er octobre 2019 à 23:59." in page
    assert (
        svg(page, "chart-kind").find(f"{SVG}title").text == "Candidatures par type de collectivité"
    )
    assert '<th scope="row">Municipalité</th><td class="number">4</td>' in page
    assert "Dans les 48 dernières heures avant la date limite : 2 sur 6 candidatures" in page


def test_an_edition_without_entries_or_deadline_shows_tables_and_no_empty_chart(client, secretary):
    EditionFactory(number=12, submission_deadline=None)
    client.force_login(secretary)
    page = client.get("/en/secretariat/editions/12/statistics/").content.decode()
    assert "<svg" not in page
    assert '<th scope="row">Draft</th><td class="number">0</td>' in page
    assert "This edition has no deadline, so submission times cannot be set against it." in page
    assert "No juror on record for this edition." in page
    (text,) = pdf_pages(client.get("/en/secretariat/editions/12/statistics.pdf"))
    assert "Entries received: 0 (all entries, drafts and withdrawn included: 0)." in text


def test_the_csv_of_figures(client, secretary, call):
    client.force_login(secretary)
    response = client.get("/en/secretariat/editions/8/statistics.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="statistics-8.csv"'
    rows = [tuple(r.values()) for r in read_csv(response)]
    assert ("state", "eligible", "Eligible", "3") in rows
    assert ("country", "RS", "Serbia", "2") in rows
    assert ("kind", "region", "Region", "2") in rows
    assert len(rows) == 8 + 4 + 3


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_of_entries_is_safe_in_a_spreadsheet(client, secretary, call):
    client.force_login(secretary)
    response = client.get("/en/secretariat/editions/8/entries.csv")
    assert response["Content-Disposition"] == 'attachment; filename="entries-8.csv"'
    rows = {row["reference"]: row for row in read_csv(response)}
    assert list(rows) == sorted(rows) and len(rows) == 9
    assert rows["surcin"] == {
        "reference": "surcin",
        "title": "'" + FORMULA,
        "authority": "City Municipality of Surčin",
        "country": "RS",
        "country_name": "Serbia",
        "kind": "Municipality",
        "state": "Eligible",
        "submitted_at": "2019-09-30T17:59:00+02:00",
    }
    assert rows["kragujevac"]["authority"] == "Град Крагујевац"
    assert (rows["draft"]["state"], rows["draft"]["submitted_at"]) == ("Draft", "")


def pdf_pages(response) -> list[str]:
    """Each page's text, every run of whitespace made one space (wrapping breaks lines)."""
    reader = PdfReader(io.BytesIO(response.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_the_pdf_is_one_page_with_every_name(client, secretary, call):
    client.force_login(secretary)
    response = client.get("/en/secretariat/editions/8/statistics.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="statistics-8.pdf"'
    (text,) = pdf_pages(response)
    assert text.startswith("Statistics: Edition 8 Generated on ")
    for said in (
        "Entries received: 7",
        "Deadline: 1 October 2019, 23:59.",
        "Türkiye 2",
        "Last 7 days 3",
        "Ana Ionescu 2 / 3",
        "Zoltán Kovács 0 / 2",
    ):
        assert said in text
    assert "Results" not in text


def test_the_pdf_in_french_with_the_results_once_published(client, secretary):
    edition = EditionFactory(
        number=9,
        state=EditionState.PUBLISHED,
        submission_deadline=datetime(2021, 6, 1, 12, tzinfo=PARIS),
    )
    decision = DecisionFactory(edition=edition)
    for place, (name, country) in enumerate(
        [("Şişli Belediyesi", "TR"), ("Град Крагујевац", "RS")], start=1
    ):
        authority = AuthorityFactory(name=name, country=country)
        made = EntryFactory(edition=edition, authority=authority, state="awarded")
        ResultFactory(decision=decision, entry=made, place=place)
    client.force_login(secretary)
    (text,) = pdf_pages(client.get("/fr/secretariat/editions/9/statistics.pdf"))
    assert "Statistiques : Édition 9" in text
    assert "Date limite : 1er juin 2021 à 12:00." in text
    assert "Résultats" in text
    assert "1re place – Şişli Belediyesi (Türkiye)" in text
    assert "2e place – Град Крагујевац (Serbie)" in text


URLS = [
    "/en/secretariat/statistics/",
    "/en/secretariat/statistics.csv",
    "/en/secretariat/editions/8/statistics/",
    "/en/secretariat/editions/8/statistics.csv",
    "/en/secretariat/editions/8/statistics.pdf",
    "/en/secretariat/editions/8/entries.csv",
]


@pytest.mark.parametrize("url", URLS)
def test_only_the_secretariat_sees_the_statistics(client, call, url):
    assert client.get(url)["Location"].startswith("/en/accounts/login/")
    juror = JurorFactory(edition=call, user=UserFactory(is_staff=True)).user
    client.force_login(juror)
    assert client.get(url).status_code == 403


def test_an_edition_that_does_not_exist_is_a_404(client, secretary):
    client.force_login(secretary)
    assert client.get("/en/secretariat/editions/99/statistics/").status_code == 404
    assert client.get("/en/secretariat/editions/99/statistics.pdf").status_code == 404
