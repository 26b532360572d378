"""The RSS and Atom feeds of the results, against the seven past editions."""

import html
from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.feedgenerator import rfc2822_date

from prize.enums import EditionState
from prize.models import EditionTransition
from results import services
from tests.factories import DecisionFactory, EditionFactory, ResultFactory, published_edition

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
TITLES = {
    "en": [
        f"{n}{s} Dosta!-Congress Prize for Municipalities"
        for n, s in ((7, "th"), (6, "th"), (5, "th"), (4, "th"), (3, "rd"), (2, "nd"), (1, "st"))
    ],
    "fr": [f"{n}e Prix Dosta!-Congrès pour les municipalités" for n in range(7, 1, -1)]
    + ["1er Prix Dosta!-Congrès pour les municipalités"],
}


def rss_items(client, lang: str) -> list[dict]:
    response = client.get(f"/{lang}/feeds/results.rss")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = ElementTree.fromstring(response.content).find("channel")
    return [{child.tag: child.text for child in item} for item in channel.findall("item")]


def atom_entries(client, lang: str) -> list[dict]:
    response = client.get(f"/{lang}/feeds/results.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ElementTree.fromstring(response.content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    return [
        {
            "title": entry.find(f"{ATOM}title").text,
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.find(f"{ATOM}id").text,
            "summary": entry.find(f"{ATOM}summary").text,
            "published": entry.find(f"{ATOM}published").text,
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_rss_feed_has_one_item_per_edition_newest_first(client, history, lang):
    items = rss_items(client, lang)
    assert [item["title"] for item in items] == TITLES[lang]
    assert [item["link"] for item in items] == [
        f"http://testserver/{lang}/editions/{n}/" for n in range(7, 0, -1)
    ]
    assert len({item["guid"] for item in items}) == 7


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_atom_feed_has_one_entry_per_edition_newest_first(client, history, lang):
    entries = atom_entries(client, lang)
    assert [entry["title"] for entry in entries] == TITLES[lang]
    assert [entry["id"] for entry in entries] == [
        f"http://testserver/{lang}/editions/{n}/" for n in range(7, 0, -1)
    ]


def test_feed_describes_the_laureates_with_the_prize_wording(client, history):
    fifth = rss_items(client, "en")[2]
    assert html.unescape(fifth["description"]) == (
        "1st place – City of Ghent (Belgium); "
        "2nd place ex aequo – City of Kragujevac (Serbia); "
        "2nd place ex aequo – City of Reggio nell'Emilia (Italy); "
        "3rd place – City of Madrid (Spain)"
    )
    third = atom_entries(client, "en")[4]
    assert third["summary"].startswith("1st place (joint) – City of Jyväskylä (Finland); ")


def test_feed_in_french_words_the_shared_place_in_french(client, history):
    fifth = atom_entries(client, "fr")[2]
    assert html.unescape(fifth["summary"]) == (
        "1re place – City of Ghent (Belgique); "
        "2e place ex aequo – City of Kragujevac (Serbie); "
        "2e place ex aequo – City of Reggio nell'Emilia (Italie); "
        "3e place – City of Madrid (Espagne)"
    )
    assert "2e place ex aequo" in rss_items(client, "fr")[2]["description"]


def test_feed_dates_an_edition_by_its_ceremony_without_a_publication(client, history):
    items = rss_items(client, "en")
    assert items[2]["pubDate"] == "Wed, 21 Oct 2015 12:00:00 +0200"
    assert atom_entries(client, "en")[2]["published"] == "2015-10-21T12:00:00+02:00"


def test_feed_dates_an_edition_by_the_publication_of_its_results(client, history):
    edition = EditionFactory(number=8, state=EditionState.PUBLISHED, ceremony_date=None)
    ResultFactory(decision=DecisionFactory(edition=edition), entry__authority__name="Town")
    EditionTransition.objects.create(
        edition=edition,
        action="publish",
        source=EditionState.DELIBERATION,
        target=EditionState.PUBLISHED,
        at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
    )
    items = rss_items(client, "en")
    assert [items[0]["title"], items[0]["pubDate"]] == [
        "Edition 8",
        "Mon, 02 Mar 2026 09:30:00 +0000",
    ]
    assert items[0]["description"] == "1st place – Town (France)"


def test_feed_dates_an_edition_without_ceremony_by_its_year_not_its_creation(client, db):
    edition = EditionFactory(number=3, year=2011, state=EditionState.ARCHIVED, ceremony_date=None)
    type(edition).objects.filter(pk=edition.pk).update(
        created_at=datetime(2020, 1, 5, 8, 0, tzinfo=UTC)
    )
    assert rss_items(client, "en")[0]["pubDate"] == "Sat, 01 Jan 2011 12:00:00 +0100"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_imported_archive_is_dated_by_its_ceremonies_oldest_last(client, history, lang):
    """The 1st edition has no known ceremony day: the import time would make it the
    newest item of every reader."""
    published = [datetime.fromisoformat(entry["published"]) for entry in atom_entries(client, lang)]
    assert published == sorted(published, reverse=True)
    assert [moment.year for moment in published] == [2021, 2017, 2015, 2013, 2011, 2009, 2007]
    assert rss_items(client, lang)[-1]["pubDate"] == "Mon, 01 Jan 2007 12:00:00 +0100"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_feed_texts_are_escaped_once_for_a_real_xml_parser(client, history, lang):
    fifth = rss_items(client, lang)[2]
    assert "Reggio nell'Emilia" in fifth["description"]
    assert "&#x27;" not in fifth["description"] and "&amp;" not in fifth["description"]
    summary = atom_entries(client, lang)[2]["summary"]
    assert "Reggio nell'Emilia" in summary


def test_feed_titles_are_plain_text_for_the_xml_writer(client, db):
    EditionFactory(
        number=5,
        state=EditionState.ARCHIVED,
        name={"en": "Prize of Reggio nell'Emilia & <Co>", "fr": "Prix d'Emilia"},
    )
    assert rss_items(client, "en")[0]["title"] == "Prize of Reggio nell'Emilia & <Co>"
    assert atom_entries(client, "fr")[0]["title"] == "Prix d'Emilia"


def test_feed_leaves_out_editions_whose_results_are_not_public(client, db):
    for number, state in ((1, EditionState.ARCHIVED), (2, EditionState.DELIBERATION)):
        edition = EditionFactory(number=number)
        type(edition).objects.filter(pk=edition.pk).update(state=state)
        ResultFactory(decision=DecisionFactory(edition=edition))
    EditionFactory(number=3, state=EditionState.OPEN)
    assert [item["title"] for item in rss_items(client, "en")] == ["Edition 1"]


def test_feed_of_an_edition_without_laureates_says_so(client, db):
    EditionFactory(number=4, state=EditionState.ARCHIVED)
    assert rss_items(client, "en")[0]["description"] == "No laureate is recorded for this edition."


def test_feed_escapes_names_as_html(client, db):
    edition = EditionFactory(number=5, state=EditionState.ARCHIVED)
    ResultFactory(decision=DecisionFactory(edition=edition), entry__authority__name="A & <B>")
    description = rss_items(client, "en")[0]["description"]
    assert description == "1st place – A &amp; &lt;B&gt; (France)"


@pytest.mark.parametrize("url", ["/en/feeds/results.rss", "/fr/feeds/results.atom"])
def test_a_control_character_in_a_name_leaves_the_feed_readable(client, db, url):
    """A vertical tab pasted into an authority's name cannot be written in XML: the feed
    leaves it out rather than fail for every reader."""
    edition = EditionFactory(
        number=6, state=EditionState.ARCHIVED, name={"en": "Sixth\x0c", "fr": "Sixième\x0c"}
    )
    ResultFactory(decision=DecisionFactory(edition=edition), entry__authority__name="A\x0bB")
    response = client.get(url)
    assert response.status_code == 200
    text = "".join(ElementTree.fromstring(response.content).itertext())
    assert "AB (" in text and "\x0b" not in text and "\x0c" not in text


def test_feed_channel_links_to_the_archive_and_itself(client, history):
    channel = ElementTree.fromstring(client.get("/fr/feeds/results.rss").content).find("channel")
    assert channel.find("link").text == "http://testserver/fr/editions/"
    assert channel.find("language").text == "fr"
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == "http://testserver/fr/feeds/results.rss"


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/en/feeds/results.rss", "/fr/feeds/results.atom"])
def test_feed_runs_the_same_queries_for_2_and_20_editions(client, db, url):
    for number in (1, 2):
        published_edition(number)
    small = query_count(client, url)
    for number in range(3, 21):
        published_edition(number)
    assert query_count(client, url) == small == 3


def test_feed_lists_an_edition_once_its_results_are_published(
    client, decided, secretary, django_capture_on_commit_callbacks
):
    edition, entries = decided
    assert rss_items(client, "en") == []  # in deliberation
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_transition(
            edition_id=edition.pk, action="publish", by=secretary, confirmed=True
        )
    publication = EditionTransition.objects.get(edition=edition, action="publish")
    (item,) = rss_items(client, "en")
    assert item["title"] == "9th Dosta!-Congress Prize"
    assert item["description"] == (
        "1st place – Şişli Municipality (Türkiye); "
        "2nd place ex aequo – Крагујевац (Serbia); "
        "2nd place ex aequo – Municipality of Surčin (Serbia)"
    )
    assert item["pubDate"] == rfc2822_date(publication.at)
