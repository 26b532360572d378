"""The archive's search against the seven past editions: words without accents, country,
year, pagination, and input nobody should send."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prize.enums import EditionState
from tests.factories import AuthorityFactory, DecisionFactory, EditionFactory, ResultFactory
from tests.results.test_public_pages import headings, text_of

pytestmark = pytest.mark.django_db


def laureates(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'class="laureate-name">([^<]*)</a>', html)


def test_search_without_accents_finds_sisli(client, history):
    response = client.get("/en/editions/", {"q": "sisli"})
    assert response.status_code == 200
    assert headings(response, 2) == ["1 laureate found"]
    assert laureates(response) == ["Municipality of Şişli"]
    assert "1st place – 6th Dosta!-Congress Prize for Municipalities" in text_of(response)


@pytest.mark.parametrize("q", ["jyvaskyla", "JYVÄSKYLÄ", "  Jyväskylä  "])
def test_search_folds_case_and_accents(client, history, q):
    response = client.get("/en/editions/", {"q": q})
    assert laureates(response) == ["City of Jyväskylä"]


def test_search_needs_every_word(client, history):
    assert laureates(client.get("/en/editions/", {"q": "city madrid"})) == ["City of Madrid"]
    assert laureates(client.get("/en/editions/", {"q": "madrid"})) == [
        "City of Madrid",
        "Autonomous Community of Madrid",
    ]


def test_search_reads_titles_and_summaries(client, history):
    response = client.get("/en/editions/", {"q": "parenting classes"})
    assert laureates(response) == ["City of Kragujevac"]
    response = client.get("/en/editions/", {"q": "genocide"})
    assert laureates(response) == ["City of Reggio nell&#x27;Emilia"]


def test_search_by_country_lists_newest_edition_first(client, history):
    response = client.get("/en/editions/", {"country": "RS"})
    assert headings(response, 2) == ["2 laureates found"]
    assert laureates(response) == ["City of Kragujevac", "Municipality of Surčin, Belgrade"]
    text = text_of(response)
    assert "2nd place ex aequo – 5th Dosta!-Congress Prize for Municipalities" in text
    assert "1st place (joint) – 3rd Dosta!-Congress Prize for Municipalities" in text


def test_search_by_year_lists_the_edition_by_place(client, history):
    response = client.get("/en/editions/", {"year": "2015"})
    assert laureates(response) == [
        "City of Ghent",
        "City of Kragujevac",
        "City of Reggio nell&#x27;Emilia",
        "City of Madrid",
    ]
    assert headings(response, 2) == ["4 laureates found"]


def test_search_combines_words_country_and_year(client, history):
    assert laureates(client.get("/en/editions/", {"q": "volos", "country": "GR"})) == [
        "Municipality of Volos",
        "Municipality of Volos",
    ]
    response = client.get("/en/editions/", {"q": "volos", "country": "GR", "year": "2008"})
    assert laureates(response) == ["Municipality of Volos"]
    assert "2nd place – 2nd Dosta!-Congress Prize for Municipalities" in text_of(response)


def test_search_with_no_match_says_so(client, history):
    response = client.get("/en/editions/", {"q": "atlantis"})
    assert response.status_code == 200
    assert headings(response, 2) == ["0 laureates found"]
    assert "Try fewer words, or another country or year." in text_of(response)


def test_search_in_french_words_the_places_and_countries(client, history):
    response = client.get("/fr/editions/", {"country": "RS"})
    text = text_of(response)
    assert "2e place ex aequo – 5e Prix Dosta!-Congrès pour les municipalités" in text
    assert "City of Kragujevac (Serbie)" in text


def test_search_form_offers_the_countries_and_years_with_laureates(client, history):
    html = client.get("/en/editions/").content.decode()
    countries = re.findall(r'<option value="([A-Z]{2})"', html)
    assert countries == [
        "BE",
        "BA",
        "BG",
        "CZ",
        "FI",
        "GR",
        "IT",
        "PL",
        "PT",
        "RS",
        "ES",
        "TR",
        "GB",
    ]
    years = re.findall(r'<option value="(\d{4})"', html)
    assert years == ["2019", "2017", "2015", "2013", "2011", "2008", "2007"]
    assert '<label for="id_q">Words</label>' in html
    assert '<label for="id_country">Country</label>' in html
    assert '<label for="id_year">Year of the call</label>' in html
    assert '<button type="submit">Search</button>' in html


def test_search_form_keeps_what_was_asked(client, history):
    html = client.get("/en/editions/", {"q": "sisli", "country": "TR"}).content.decode()
    assert 'name="q" value="sisli"' in html
    assert '<option value="TR" selected>Türkiye</option>' in html


def test_search_results_are_not_indexed_but_the_archive_is(client, history):
    assert 'content="noindex, follow"' in client.get("/en/editions/?q=sisli").content.decode()
    html = client.get("/en/editions/").content.decode()
    assert "noindex" not in html
    assert '<link rel="canonical" href="http://testserver/en/editions/">' in html


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"year": "xyz"}, "Select a valid choice. xyz is not one of the available choices."),
        ({"year": "1999"}, "Select a valid choice. 1999 is not one of the available choices."),
        ({"country": "ZZ"}, "Select a valid choice. ZZ is not one of the available choices."),
        ({"q": "x" * 10_000}, "Ensure this value has at most 200 characters (it has 10000)."),
    ],
)
def test_search_with_invalid_input_explains_itself(client, history, params, error):
    response = client.get("/en/editions/", params)
    assert response.status_code == 200
    text = text_of(response)
    assert error in text
    assert "The search could not be run: correct what is marked above." in text
    assert laureates(response) == []


def test_search_with_only_punctuation_lists_every_laureate(client, history):
    response = client.get("/en/editions/", {"q": "–?!"})
    assert headings(response, 2) == ["23 laureates found"]


def many_laureates(count: int):
    """One archived edition with `count` laureates from Serbia, all sharing 1st place."""
    edition = EditionFactory(number=50, year=2030, state=EditionState.ARCHIVED, places=1)
    decision = DecisionFactory(edition=edition)
    for n in range(count):
        authority = AuthorityFactory(name=f"Town {n:02d}", country="RS")
        ResultFactory(
            decision=decision,
            place=1,
            ex_aequo=True,
            entry__authority=authority,
            entry__ref=f"town-{n:02d}",
        )


def test_search_results_come_20_to_a_page_and_keep_the_filters(client, db):
    many_laureates(45)
    response = client.get("/en/editions/", {"country": "RS", "page": "2"})
    assert headings(response, 2) == ["45 laureates found"]
    assert laureates(response) == [f"Town {n:02d}" for n in range(20, 40)]
    html = response.content.decode()
    assert '<nav class="pagination" aria-label="Pages of laureates">' in html
    assert '<a href="?country=RS&amp;page=2" aria-current="page">' in html
    assert '<a href="?country=RS&amp;page=1" rel="prev">Previous page</a>' in html
    assert '<a href="?country=RS&amp;page=3" rel="next">Next page</a>' in html
    assert "Page 2 of 3" in text_of(response)
    assert '<ol class="found-laureates" start="21">' in html


@pytest.mark.parametrize(
    ("page", "status"),
    [("abc", 200), ("²", 200), ("-1", 200), ("3", 200), ("4", 404), ("0", 404), ("9" * 5000, 404)],
)
def test_search_page_out_of_range_is_not_found(client, db, page, status):
    many_laureates(45)
    response = client.get("/en/editions/", {"country": "RS", "page": page})
    assert response.status_code == status


def test_archive_lists_ten_editions_a_page(client, db):
    for number in range(1, 13):
        EditionFactory(number=number, state=EditionState.ARCHIVED)
    first = client.get("/en/editions/")
    assert headings(first, 2) == [f"Edition {n}" for n in range(12, 2, -1)]
    assert headings(client.get("/en/editions/?page=2"), 2) == ["Edition 2", "Edition 1"]
    html = client.get("/en/editions/?page=2").content.decode()
    assert '<nav class="pagination" aria-label="Pages of editions">' in html
    assert '<link rel="canonical" href="http://testserver/en/editions/?page=2">' in html
    assert client.get("/en/editions/?page=3").status_code == 404
    assert client.get("/en/editions/?page=abc").status_code == 200


def test_archive_without_pagination_when_one_page(client, history):
    assert "pagination" not in client.get("/en/editions/").content.decode()


def test_unpublished_results_are_never_found(client, db):
    result = ResultFactory(
        decision=DecisionFactory(edition=EditionFactory(number=60, year=2031)),
        entry__authority=AuthorityFactory(name="Hidden Town", country="RS"),
    )
    type(result.decision.edition).objects.filter(pk=result.decision.edition.pk).update(
        state=EditionState.DELIBERATION
    )
    response = client.get("/en/editions/", {"q": "hidden"})
    assert laureates(response) == []
    html = response.content.decode()
    assert '<option value="2031"' not in html and '<option value="RS"' not in html


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_search_runs_the_same_queries_for_2_and_40_laureates(client, db):
    EditionFactory(number=1, year=2001, state=EditionState.ARCHIVED)
    decision = DecisionFactory(edition=EditionFactory(number=2, year=2002, state="archived"))
    for _n in range(2):
        ResultFactory(decision=decision, entry__authority__country="RS")
    url = "/en/editions/?country=RS&q=municipality"
    small = query_count(client, url)
    for _n in range(38):
        ResultFactory(decision=decision, entry__authority__country="RS")
    # Two for the search, one for the Alliance counter in the footer of every page.
    assert query_count(client, url) == small == 3
    assert headings(client.get(url), 2) == ["40 laureates found"]
