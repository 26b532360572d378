"""Every page, public or behind a login, in both languages, links to the privacy notice
and the contact page (the footer of base.html); so do the error pages that give the
secretariat's address. The pages are those of the permission matrix (matrix.py) that
answer the role with a page."""

import pytest
from django.conf import settings
from django.test import Client

from tests.security.crawl import html_pages
from tests.security.world import ANON, ROLES, SEC

pytestmark = pytest.mark.django_db


def links(lang: str) -> list[str]:
    return [f'href="/{lang}/privacy/"', f'href="/{lang}/contact/"']


@pytest.mark.parametrize("role", ROLES)
def test_every_page_links_to_the_privacy_notice_and_the_contact_page(world, role):
    pages = list(html_pages(world, roles=[role]))
    missing = [url for _r, lang, url, html in pages if not all(x in html for x in links(lang))]
    assert missing == []
    assert len(pages) >= (12 if role == ANON else 20)


@pytest.mark.parametrize(("who", "lang"), [(ANON, "fr"), (SEC, "en")])
def test_the_404_page_gives_the_secretariats_address(world, who, lang):
    client = Client()
    if who in world.users:
        client.force_login(world.users[who])
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    assert f'href="mailto:{settings.SECRETARIAT_EMAIL}"' in response.text
    assert all(link in response.text for link in links(lang))


def test_the_403_page_gives_the_secretariats_address(world):
    client = Client()
    client.force_login(world.users["authority_a"])
    response = client.get("/fr/secretariat/")
    assert response.status_code == 403
    assert f'href="mailto:{settings.SECRETARIAT_EMAIL}"' in response.text
    assert all(link in response.text for link in links("fr"))
