"""The counter is on every page, and the public pages are cached for anonymous visitors:
accepting or ending a participation must show on the cached pages at once. Transactional,
as under a real server: the cache only works on committed data."""

import pytest
from django.test import Client
from django.utils import timezone

from alliance import services
from tests.alliance.conftest import ask
from tests.factories import AuthorityFactory, ParticipationFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("public_cache")]


def counter(html: str) -> str:
    start = html.index('<p class="alliance-counter">')
    return html[start : html.index("</p>", start)]


def test_the_cached_pages_show_the_counter_change_at_once(secretary):
    ParticipationFactory(authority=AuthorityFactory(name="City of Ghent", country="BE"))
    member = UserFactory()
    authority = AuthorityFactory(name="Крагујевац", country="RS", verified_at=timezone.now())
    authority.members.add(member)
    participation = ask(authority, member)
    anonymous = Client()
    for path in ("/en/", "/en/editions/"):
        assert "1 city or region from 1 country" in counter(anonymous.get(path).text)
    services.participation_transition(
        participation_id=participation.pk, action="accept", by=secretary
    )
    for path in ("/en/", "/en/editions/"):
        assert "2 cities and regions from 2 countries" in counter(anonymous.get(path).text)
    services.participation_transition(
        participation_id=participation.pk, action="end", by=secretary, note="Left in 2027."
    )
    assert "1 city or region from 1 country" in counter(anonymous.get("/en/").text)
