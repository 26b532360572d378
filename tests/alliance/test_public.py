"""The public side: the counter on every page, the participants list and its filters,
the profile pages (public only while accepted) and their constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance import selectors, services
from alliance.enums import ParticipationState
from prize.enums import EditionState
from tests.factories import (
    AuthorityFactory,
    DecisionFactory,
    EditionFactory,
    EntryFactory,
    ParticipationFactory,
    ResultFactory,
    UserFactory,
)
from web.transliteration import ascii_slug, with_suffix

pytestmark = pytest.mark.django_db
S = ParticipationState


def participant(name, country, kind="municipality", state=S.ACCEPTED, **kwargs):
    authority = AuthorityFactory(name=name, country=country, kind=kind)
    return ParticipationFactory(
        authority=authority, slug=ascii_slug(name, default="authority"), state=state, **kwargs
    )


@pytest.fixture
def alliance(db):
    """Four participants from three countries, and one of each other state."""
    return {
        "ghent": participant("City of Ghent", "BE"),
        "cluj": participant("City of Cluj-Napoca", "RO"),
        "timis": participant("Timiș County", "RO", kind="region"),
        "kragujevac": participant("Крагујевац", "RS"),
        "requested": participant("Ville de Lyon", "FR", state=S.REQUESTED),
        "info": participant("Comune di Roma", "IT", state=S.INFO_REQUESTED),
        "declined": participant("Città di Napoli", "IT", state=S.DECLINED),
        "ended": participant("Gemeente Utrecht", "NL", state=S.ENDED),
    }


def counter_link(html: str) -> str:
    start = html.index('<p class="alliance-counter">')
    return html[start : html.index("</p>", start)]


# --- The counter -------------------------------------------------------------------------


def test_the_counter_counts_accepted_participants_and_each_country_once(alliance):
    assert selectors.counter() == selectors.Counter(participants=4, countries=3)


def test_the_counter_is_on_every_page_in_both_languages(client, alliance):
    for path in ("/en/", "/en/editions/", "/en/alliance/", "/en/accounts/login/"):
        link = counter_link(client.get(path).content.decode())
        assert 'data-participants="4" data-countries="3"' in link
        assert "4 cities and regions from 3 countries" in link
    french = counter_link(client.get("/fr/").content.decode())
    assert 'href="/fr/alliance/"' in french
    assert 'data-participants="4"' in french
    assert "4 villes et régions de 3 pays" in french


def test_the_counter_says_one_city_or_region_from_one_country(client, db):
    participant("City of Ghent", "BE")
    participant("Ville de Lyon", "FR", state=S.REQUESTED)
    assert "1 city or region from 1 country" in client.get("/en/").content.decode()


def test_no_counter_when_nobody_takes_part_yet(client, db):
    participant("Ville de Lyon", "FR", state=S.REQUESTED)
    html = client.get("/en/").content.decode()
    assert 'class="alliance-counter"' not in html


def test_the_counter_runs_one_query(db, django_assert_num_queries):
    participant("City of Ghent", "BE")
    with django_assert_num_queries(1):
        assert selectors.counter().participants == 1


def test_the_counter_follows_an_end(client, alliance, secretary):
    services.participation_transition(
        participation_id=alliance["kragujevac"].pk, action="end", by=secretary, note="Left."
    )
    assert selectors.counter() == selectors.Counter(participants=3, countries=2)


# --- The list ----------------------------------------------------------------------------


def names(response) -> list[str]:
    return [p.authority.name for p in response.context["rows"]]


def test_the_list_shows_accepted_participants_only(client, alliance):
    response = client.get("/en/alliance/")
    assert response.status_code == 200
    assert names(response) == ["City of Ghent", "City of Cluj-Napoca", "Timiș County", "Крагујевац"]
    html = response.content.decode()
    assert "4 participants shown" in html
    assert "Ville de Lyon" not in html and "Gemeente Utrecht" not in html
    assert '<a href="/en/alliance/kragujevac/">Крагујевац</a>' in html
    assert "Since 2013" not in html


def test_the_list_filters_by_country_and_kind_and_shows_the_counts(client, alliance):
    response = client.get("/en/alliance/?country=RO")
    assert names(response) == ["City of Cluj-Napoca", "Timiș County"]
    assert "2 participants shown" in response.content.decode()
    response = client.get("/en/alliance/?country=RO&kind=region")
    assert names(response) == ["Timiș County"]
    html = response.content.decode()
    assert '<option value="RO" selected>Romania (2)</option>' in html
    assert '<option value="region" selected>Region (1)</option>' in html
    assert '<option value="municipality">Municipality (3)</option>' in html
    assert '<label for="id_country">Country</label>' in html
    assert "1 participant shown" in html
    assert '<meta name="robots" content="noindex' in html


def test_a_filter_for_a_country_without_participants_is_a_clear_400(client, alliance):
    response = client.get("/en/alliance/?country=IT")
    assert response.status_code == 400
    assert "Select a valid choice. IT is not one of the available choices." in (
        response.content.decode()
    )
    assert len(names(response)) == 4


def test_the_list_runs_the_same_queries_for_2_and_20_participants(client, db):
    for n in range(2):
        participant(f"Town {n}", "FR")
    with CaptureQueriesContext(connection) as small:
        client.get("/en/alliance/")
    for n in range(2, 20):
        participant(f"Town {n}", "DE" if n % 2 else "FR")
    with CaptureQueriesContext(connection) as large:
        client.get("/en/alliance/")
    assert len(large) == len(small)


# --- A profile ---------------------------------------------------------------------------


def test_a_profile_shows_the_authority_and_what_it_wrote(client, alliance):
    kragujevac = alliance["kragujevac"]
    writer = UserFactory()
    kragujevac.authority.members.add(writer)
    services.profile_update(
        authority_id=kragujevac.authority_id,
        by=writer,
        language="fr",
        political="Un conseil élu.",
        projects="- Médiateurs roms\n- Logement",
    )
    html = client.get("/en/alliance/kragujevac/").content.decode()
    assert "<h1>Крагујевац</h1>" in html
    assert "Serbia" in html and "Municipality" in html
    assert '<section class="profile-part" lang="fr">' in html
    assert "<h2>Political profile</h2>" in html
    assert "<ul><li>Médiateurs roms</li><li>Logement</li></ul>" in html
    assert "Geographic profile" not in html  # an empty part is left out
    assert f'datetime="{kragujevac.accepted_on:%Y-%m-%d}"' in html


@pytest.mark.parametrize("state", ["requested", "info", "declined", "ended"])
def test_a_profile_is_not_found_unless_accepted(client, alliance, state):
    slug = alliance[state].slug
    assert client.get(f"/en/alliance/{slug}/").status_code == 404
    assert client.get("/en/alliance/no-such-participant/").status_code == 404


def results_for(authority, count: int, *, published: bool = True):
    """`count` entries of the authority, each a laureate of its own edition."""
    state = EditionState.ARCHIVED if published else EditionState.DELIBERATION
    for n in range(count):
        edition = EditionFactory(state=state, places=3, criteria=False)
        ResultFactory(
            decision=DecisionFactory(edition=edition),
            entry=EntryFactory(edition=edition, authority=authority, state="awarded"),
            place=1 + n % 4,
        )


def test_a_profile_lists_published_results_linking_to_the_laureate_pages(client, alliance):
    authority = alliance["ghent"].authority
    results_for(authority, 4)
    results_for(authority, 1, published=False)
    response = client.get("/en/alliance/city-of-ghent/")
    html = response.content.decode()
    results = response.context["results"]
    assert len(results) == 4
    assert [laureate for _r, laureate in results].count(False) == 1  # the 4th place
    for result, laureate in results:
        url = f"/en/editions/{result.decision.edition.number}/{result.entry.ref}/"
        assert (f'<a href="{url}">' in html) is laureate
    assert "took part" in html


def test_unpublished_results_are_not_shown(client, alliance):
    results_for(alliance["ghent"].authority, 2, published=False)
    response = client.get("/en/alliance/city-of-ghent/")
    assert response.context["results"] == []
    assert "No published result of the prize yet." in response.content.decode()


def profile_queries(client, slug: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/en/alliance/{slug}/").status_code == 200
    return len(queries)


def test_a_profile_runs_the_same_queries_for_2_and_50_entries(client, alliance):
    authority = alliance["ghent"].authority
    results_for(authority, 2)
    small = profile_queries(client, "city-of-ghent")
    results_for(authority, 48)
    assert len(client.get("/en/alliance/city-of-ghent/").context["results"]) == 50
    assert profile_queries(client, "city-of-ghent") == small


# --- Addresses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Крагујевац", "kragujevac"),
        ("Şişli Municipality", "sisli-municipality"),
        ("Municipality of Surčin", "municipality-of-surcin"),
        ("Jyväskylä", "jyvaskyla"),
        ("Δήμος Ηρακλείου", "dimos-irakleiou"),
        ("Łódź", "lodz"),
        ("«»", "authority"),
    ],
)
def test_addresses_are_ascii_and_never_empty(name, slug):
    assert ascii_slug(name, default="authority") == slug


def test_a_taken_address_gets_a_suffix_within_the_length():
    assert with_suffix("kragujevac", 1) == "kragujevac"
    assert with_suffix("kragujevac", 2) == "kragujevac-2"
    assert len(with_suffix("a" * 80, 12)) == 80


def test_the_sitemap_lists_the_alliance_and_accepted_profiles_in_both_languages(client, alliance):
    xml = client.get("/sitemap.xml").content.decode()
    for lang in ("en", "fr"):
        assert f"<loc>http://testserver/{lang}/alliance/</loc>" in xml
        assert f"<loc>http://testserver/{lang}/alliance/kragujevac/</loc>" in xml
    assert "/alliance/ville-de-lyon/" not in xml  # requested, not public
    assert "/alliance/gemeente-utrecht/" not in xml  # ended
