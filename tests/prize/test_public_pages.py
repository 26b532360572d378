"""The public site against the seven past editions, in both languages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prize.enums import EditionState
from tests.factories import DecisionFactory, EditionFactory, ResultFactory

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The visible text of a page, whitespace folded, for asserting exact wording."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    text = text.replace("&#x27;", "'").replace("&amp;", "&").replace("&nbsp;", " ")
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" ([,.;)])", r"\1", text)


def headings(response, level: int) -> list[str]:
    html = response.content.decode()
    found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, flags=re.S)
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", h)).strip().replace("&#x27;", "'") for h in found
    ]


@pytest.mark.parametrize(
    ("lang", "number", "expected"),
    [
        ("en", 2, ["1st place (joint)", "2nd place", "3rd place"]),
        ("fr", 2, ["1re place (ex aequo)", "2e place", "3e place"]),
        ("en", 3, ["1st place (joint)", "2nd place", "3rd place"]),
        ("fr", 3, ["1re place (ex aequo)", "2e place", "3e place"]),
        ("en", 5, ["1st place", "2nd place ex aequo", "3rd place"]),
        ("fr", 5, ["1re place", "2e place ex aequo", "3e place"]),
        ("en", 1, ["1st place", "2nd place"]),
    ],
)
def test_edition_page_words_the_places_as_the_prize_does(client, history, lang, number, expected):
    response = client.get(f"/{lang}/editions/{number}/")
    assert response.status_code == 200
    assert headings(response, 2) == expected


def test_edition_page_lists_the_joint_laureates_under_one_place(client, history):
    text = text_of(client.get("/en/editions/3/"))
    assert (
        "1st place (joint) City of Jyväskylä (Finland) Municipality of Surčin, Belgrade "
        "(Serbia) 2nd place London Borough of Southwark (United Kingdom)"
    ) in text
    assert "19 October 2011, 21st Session of the Congress, Strasbourg" in text


def test_edition_page_in_french(client, history):
    response = client.get("/fr/editions/5/")
    text = text_of(response)
    assert "2e place ex aequo Ville de Kragujevac" not in text  # names are not translated
    assert "2e place ex aequo City of Kragujevac (Serbie)" in text
    assert "21 octobre 2015, 29e session du Congrès, Strasbourg" in text
    assert '<html lang="fr">' in response.content.decode()


@pytest.mark.parametrize(
    ("url", "heading", "award"),
    [
        (
            "/en/editions/5/kragujevac-2015/",
            "2nd place of the 5th Dosta!-Congress Prize – City of Kragujevac (Serbia)",
            "2nd place ex aequo shared with City of Reggio nell'Emilia (Italy)",
        ),
        (
            "/fr/editions/5/kragujevac-2015/",
            "2e place du 5e Prix Dosta!-Congrès – City of Kragujevac (Serbie)",
            "2e place ex aequo partagée avec City of Reggio nell'Emilia (Italie)",
        ),
        (
            "/en/editions/2/mostar-2008/",
            "1st place of the 2nd Dosta!-Congress Prize – City of Mostar (Bosnia and Herzegovina)",
            "1st place (joint) shared with City of Prijedor (Bosnia and Herzegovina)",
        ),
        (
            "/fr/editions/6/sisli-2017/",
            "1re place du 6e Prix Dosta!-Congrès – Municipality of Şişli (Türkiye)",
            "1re place",
        ),
    ],
)
def test_laureate_page_heading_and_award(client, history, url, heading, award):
    response = client.get(url)
    assert response.status_code == 200
    assert headings(response, 1) == [heading]
    assert award in text_of(response)


def test_laureate_page_shows_title_as_subtitle_and_summary(client, history):
    response = client.get("/en/editions/5/kragujevac-2015/")
    html = response.content.decode()
    assert '<p class="subtitle">Parenting classes for social inclusion</p>' in html
    assert "A programme for marginalised families with children under three" in html


def test_text_in_another_language_is_marked_with_its_lang(client, history):
    html = client.get("/fr/editions/5/kragujevac-2015/").content.decode()
    assert (
        '<p class="subtitle"><span lang="en">Parenting classes for social inclusion</span>' in html
    )


def test_language_switch_keeps_the_page(client, history):
    html = client.get("/en/editions/5/kragujevac-2015/").content.decode()
    assert '<a href="/fr/editions/5/kragujevac-2015/" hreflang="fr" lang="fr">Français</a>' in html
    html = client.get("/fr/editions/").content.decode()
    assert '<a href="/en/editions/" hreflang="en" lang="en">English</a>' in html


def test_root_redirects_to_a_language(client, history):
    response = client.get("/", headers={"accept-language": "fr"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_archive_lists_editions_newest_first_with_laureates(client, history):
    response = client.get("/en/editions/")
    assert headings(response, 2) == [
        f"{n}{s} Dosta!-Congress Prize for Municipalities"
        for n, s in ((7, "th"), (6, "th"), (5, "th"), (4, "th"), (3, "rd"), (2, "nd"), (1, "st"))
    ]
    text = text_of(response)
    assert "2nd place ex aequo – City of Reggio nell'Emilia (Italy)" in text
    assert "1st place – Municipality of Vitez (Bosnia and Herzegovina)" in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_public_page_shows_none_or_an_empty_heading(client, history, lang):
    urls = [f"/{lang}/", f"/{lang}/editions/"]
    urls += [f"/{lang}/editions/{n}/" for n in range(1, 8)]
    urls += [f"/{lang}/editions/1/vitez-2007/", f"/{lang}/editions/3/jyvaskyla-2011/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = text_of(response)
        assert "None" not in text, url
        for level in (1, 2, 3):
            assert all(h for h in headings(response, level)), url


def test_unknown_facts_are_left_out(client, history):
    text = text_of(client.get("/en/editions/1/"))
    assert "Call of 2007, Strasbourg" in text  # no ceremony date, no occasion
    text = text_of(client.get("/en/editions/1/vitez-2007/"))
    assert "The project" not in text  # no summary known


@pytest.mark.parametrize(
    "url",
    ["/en/editions/99/", "/en/editions/5/nowhere-2015/", "/en/editions/4/ghent-2015/"],
)
def test_unknown_pages_are_404(client, history, url):
    assert client.get(url).status_code == 404


def test_draft_edition_and_unpublished_results_stay_private(client, db):
    draft = EditionFactory(number=30)
    assert client.get("/en/editions/30/").status_code == 404
    assert draft.state == EditionState.DRAFT
    result = ResultFactory(decision=DecisionFactory(edition=EditionFactory(number=31)))
    Edition = type(result.decision.edition)
    Edition.objects.filter(pk=result.decision.edition.pk).update(state=EditionState.DELIBERATION)
    assert client.get("/en/editions/31/").status_code == 200
    assert client.get(f"/en/editions/31/{result.entry.ref}/").status_code == 404
    assert result.entry.authority.name not in text_of(client.get("/en/editions/31/"))


def test_place_after_a_tie_follows_the_recorded_numbering(client, db):
    edition = EditionFactory(
        number=40, state=EditionState.ARCHIVED, places=4, place_numbering="competition"
    )
    decision = DecisionFactory(edition=edition)
    for place, ex_aequo in ((1, False), (2, True), (2, True), (4, False)):
        ResultFactory(decision=decision, place=place, ex_aequo=ex_aequo)
    response = client.get("/en/editions/40/")
    assert headings(response, 2) == ["1st place", "2nd place ex aequo", "4th place"]


def published_edition(number: int, laureates: int):
    edition = EditionFactory(number=number, state=EditionState.ARCHIVED, places=laureates)
    decision = DecisionFactory(edition=edition)
    for place in range(1, laureates + 1):
        ResultFactory(decision=decision, place=place)
    return edition


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/en/", "/en/editions/"])
def test_list_pages_run_the_same_queries_for_2_and_20_editions(client, db, path):
    for number in (1, 2):
        published_edition(number, 3)
    small = query_count(client, path)
    for number in range(3, 21):
        published_edition(number, 3)
    assert query_count(client, path) == small


def test_edition_page_runs_the_same_queries_for_2_and_20_laureates(client, db):
    published_edition(1, 2)
    published_edition(2, 20)
    assert query_count(client, "/en/editions/1/") == query_count(client, "/en/editions/2/")


@pytest.mark.parametrize(("lang", "text"), [("en", "Page not found"), ("fr", "Page introuvable")])
def test_missing_page_explains_itself_in_the_site_language(client, db, lang, text):
    response = client.get(f"/{lang}/editions/77/")
    assert response.status_code == 404
    assert headings(response, 1) == [text]
    assert f'<html lang="{lang}">' in response.content.decode()
