"""The sitemap and robots.txt against the seven past editions."""

from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prize.enums import EditionState
from tests.factories import DecisionFactory, EditionFactory, ResultFactory, published_edition

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BASE = "http://testserver"
LAUREATES = {
    1: ["vitez-2007", "banja-luka-2007"],
    2: ["mostar-2008", "prijedor-2008", "volos-2008", "lom-2008"],
    3: ["jyvaskyla-2011", "surcin-2011", "southwark-2011", "comunidad-madrid-2011"],
    4: ["obrnice-2013", "heraklion-2013", "kocaeli-2013"],
    5: ["ghent-2015", "kragujevac-2015", "reggio-emilia-2015", "madrid-2015"],
    6: ["sisli-2017", "volos-2017", "gliwice-2017"],
    7: ["torres-vedras-2019", "argostoli-2019", "salford-2019"],
}


def sitemap(client) -> dict[str, dict[str, str]]:
    """Each <loc> and its alternates {hreflang: href}."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    urlset = ElementTree.fromstring(response.content)
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in urlset.findall(f"{SITEMAP}url")
    }


def alternates_of(path: str) -> dict[str, str]:
    """What the sitemap should list for a page given without its language prefix."""
    return {
        "en": f"{BASE}/en{path}",
        "fr": f"{BASE}/fr{path}",
        "x-default": f"{BASE}/en{path}",
    }


def test_sitemap_lists_every_laureate_in_both_languages_with_alternates(client, history):
    urls = sitemap(client)
    for number, refs in LAUREATES.items():
        for ref in refs:
            path = f"/editions/{number}/{ref}/"
            for lang in ("en", "fr"):
                assert urls[f"{BASE}/{lang}{path}"] == alternates_of(path)


def test_sitemap_lists_home_archive_and_every_edition(client, history):
    urls = sitemap(client)
    paths = ["/", "/editions/", "/privacy/", "/contact/"]
    paths += [f"/editions/{n}/" for n in range(7, 0, -1)]
    for path in paths:
        assert urls[f"{BASE}/en{path}"] == alternates_of(path)
        assert urls[f"{BASE}/fr{path}"] == alternates_of(path)
    laureates = sum(len(refs) for refs in LAUREATES.values())
    alliance = 1  # the Alliance's list (no participant in the history)
    news = 1  # the news page (no item in the history)
    assert len(urls) == 2 * (len(paths) + laureates + alliance + news) == 72


def test_every_address_of_the_sitemap_answers_200_x_default_included(client, history):
    """Search engines want each listed address, x-default too, to answer, not to redirect."""
    addresses = {href for alternates in sitemap(client).values() for href in alternates.values()}
    assert {href for href in addresses if href.startswith(f"{BASE}/en/")} >= {
        f"{BASE}/en/",
        f"{BASE}/en/editions/5/",
    }
    for href in sorted(addresses):
        response = client.get(href.removeprefix(BASE))
        assert response.status_code == 200, href


def test_sitemap_leaves_out_what_is_not_public(client, db):
    draft = EditionFactory(number=1)
    hidden = ResultFactory(decision=DecisionFactory(edition=EditionFactory(number=2)))
    type(draft).objects.filter(number=2).update(state=EditionState.DELIBERATION)
    urls = sitemap(client)
    assert f"{BASE}/en/editions/2/" in urls  # the call is public, its results not yet
    assert not [url for url in urls if hidden.entry.ref in url or "/editions/1/" in url]


def test_sitemap_runs_the_same_queries_for_2_and_20_editions(client, db):
    for number in (1, 2):
        published_edition(number)
    with CaptureQueriesContext(connection) as small:
        client.get("/sitemap.xml")
    for number in range(3, 21):
        published_edition(number)
    with CaptureQueriesContext(connection) as large:
        client.get("/sitemap.xml")
    assert len(small) == len(large) == 5  # and one each for the Alliance and the news


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"
    assert "Disallow: /fr/secretariat/" in lines
    assert "Disallow: /en/editions/" not in lines
