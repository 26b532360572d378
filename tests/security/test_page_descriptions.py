"""Every public page tells search engines and link previews what it is: a meta
description (web.pages.PageMeta), in the page's language, on every page a visitor
without an account reaches (the crawl of the permission matrix)."""

from html.parser import HTMLParser

import pytest

from tests.security.crawl import html_pages
from tests.security.world import ANON

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.descriptions: list[str] = []
        self.robots = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "description":
            self.descriptions.append(attrs.get("content") or "")
        if tag == "meta" and attrs.get("name") == "robots":
            self.robots = attrs.get("content") or ""


def test_every_public_page_has_one_meta_description_in_its_language(world):
    missing, seen = [], {}
    for _role, _language, url, html in html_pages(world, roles=(ANON,)):
        head = Head(html)
        seen[url] = head.descriptions[0] if head.descriptions else ""
        if len(head.descriptions) != 1 or len(head.descriptions[0].strip()) < 20:
            missing.append(f"{url}: {head.descriptions}")
    assert missing == [], "\n".join(missing)
    assert {"/en/", "/fr/news/", f"/en/news/{world.news.pk}/", "/fr/editions/62/"} <= set(seen)
    # A laureate's page is described by the project's own summary, in the language its
    # authors wrote it; every other description is the site's, so it is translated.
    authors_words = (world.laureate_a.ref, world.laureate_b.ref)
    untranslated = [
        url
        for url, description in seen.items()
        if url.startswith("/en/")
        and seen.get("/fr/" + url[4:]) == description
        and not url.rstrip("/").endswith(authors_words)
    ]
    assert untranslated == []
    assert seen["/en/editions/62/"] == "Who may enter Cities; see the rules"
    assert seen["/fr/editions/62/"] == "Qui peut participer Les villes"
