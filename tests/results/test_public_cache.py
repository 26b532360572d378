"""The cached public pages: served to anonymous visitors until something they show
changes, never to or from a logged-in person. Transactional: the cache works on committed
data only, as it does under a real server."""

import pytest
from django.test import Client

from prize.models import Edition
from results import services
from results.models import Certificate, PublicPagesVersion
from results.public_cache import public_pages_changed
from submissions.models import Authority
from submissions.services import authority_update
from tests.otp import LoggedInClient

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("public_cache")]

EDITION = "/en/editions/9/"
LAUREATE = "/en/editions/9/sisli/"


def test_an_edition_page_is_cached_until_its_results_are_published(decided, secretary):
    edition, entries = decided
    anonymous = Client()
    before = anonymous.get(EDITION)
    assert "Şişli Municipality" not in before.text
    # A write that tells nobody (no signal, no call): the cached page is still served...
    Edition.objects.filter(pk=edition.pk).update(name={"en": "Renamed quietly"})
    assert anonymous.get(EDITION).content == before.content
    # ...and publication, which goes through the services, shows the results at once.
    services.edition_transition(
        edition_id=edition.pk, action="publish", by=secretary, confirmed=True
    )
    after = anonymous.get(EDITION)
    assert "Şişli Municipality" in after.text
    assert "Renamed quietly" in after.text


def test_a_renamed_authority_shows_on_the_cached_pages(published, secretary):
    edition, entries = published
    anonymous = Client()
    assert "Şişli Municipality" in anonymous.get(LAUREATE).text
    assert "Şişli Municipality" in anonymous.get(EDITION).text
    token = PublicPagesVersion.objects.get().token
    authority_update(
        authority_id=entries["sisli"].authority_id, by=secretary, name="Şişli Belediyesi"
    )
    assert PublicPagesVersion.objects.get().token != token
    for path in (LAUREATE, EDITION):
        assert "Şişli Belediyesi" in anonymous.get(path).text


def test_the_admin_and_bulk_writes_invalidate_too(published, secretary):
    edition, entries = published
    anonymous = Client()
    anonymous.get(LAUREATE)
    authority = Authority.objects.get(pk=entries["sisli"].authority_id)
    authority.name = "Şişli (saved as the admin does)"
    authority.save()
    assert "Şişli (saved as the admin does)" in anonymous.get(LAUREATE).text
    certificate = Certificate.objects.filter(entry=entries["sisli"]).first()
    Certificate.objects.filter(pk=certificate.pk).update(status="revoked")
    public_pages_changed()  # what a service that writes in bulk calls
    assert anonymous.get(LAUREATE).status_code == 200
    assert PublicPagesVersion.objects.count() == 1


def test_a_logged_in_page_is_never_served_to_anonymous_visitors(published, secretary):
    member = LoggedInClient()
    member.force_login(secretary)
    anonymous = Client()
    for _round in range(2):
        mine = member.get(EDITION)
        assert "Log out" in mine.text
        assert "csrfmiddlewaretoken" in mine.text
        theirs = anonymous.get(EDITION)
        assert theirs.status_code == 200
        assert "Log out" not in theirs.text
        assert "csrfmiddlewaretoken" not in theirs.text
        assert "Cookie" in theirs["Vary"]


def test_an_anonymous_page_is_never_served_to_a_logged_in_person(published, secretary):
    anonymous = Client()
    cached = anonymous.get(LAUREATE)
    assert anonymous.get(LAUREATE).content == cached.content
    member = LoggedInClient()
    member.force_login(secretary)
    mine = member.get(LAUREATE)
    assert "Log out" in mine.text
    assert "Log out" not in cached.text


def test_the_french_page_is_cached_apart_from_the_english(published):
    anonymous = Client()
    english = anonymous.get(EDITION)
    french = anonymous.get("/fr/editions/9/")
    assert english.content != french.content
    assert '<html lang="fr">' in french.text
    assert '<html lang="en">' in anonymous.get(EDITION).text
