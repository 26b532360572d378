"""An authority's name in English and French ("City of Ghent" / "Ville de Gand"): each
page, mail and certificate shows the one of its language; the search finds either; the
interchange format carries the official name only."""

import json
from datetime import date

import pytest
from django.core import mail
from django.utils import timezone, translation

from alliance import services as alliance_services
from results.certificates import CertificateData, facts_of, from_facts, render
from results.interchange.exporter import export_edition
from submissions.models import Authority
from submissions.services import authorities as authority_services
from tests.alliance.conftest import letter_upload
from tests.factories import UserFactory
from tests.results.test_certificate_pdf import make_data, pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def ghent_in_the_alliance(secretary):
    ghent = Authority.objects.get(name="City of Ghent")
    authority_services.authority_update(
        authority_id=ghent.pk, by=secretary, name_fr="Ville de Gand"
    )
    if not ghent.is_verified:
        authority_services.authority_verify(authority_id=ghent.pk, by=secretary)
    alliance_services.participation_register(
        authority_id=ghent.pk, by=secretary, accepted_on=date(2013, 9, 1)
    )
    return Authority.objects.get(pk=ghent.pk)


def test_the_name_follows_the_language_and_falls_back_to_the_official_one():
    ghent = Authority(name="City of Ghent", name_fr="Ville de Gand")
    volos = Authority(name="Municipality of Volos")
    with translation.override("fr"):
        assert (ghent.display_name, volos.display_name) == (
            "Ville de Gand",
            "Municipality of Volos",
        )
    with translation.override("en"):
        assert ghent.display_name == "City of Ghent"


def test_the_public_pages_show_the_name_of_their_language(client, history, ghent_in_the_alliance):
    slug = ghent_in_the_alliance.participation.slug
    for path in ("/{}/alliance/", f"/{{}}/alliance/{slug}/", "/{}/editions/5/"):
        french = client.get(path.format("fr")).content.decode()
        english = client.get(path.format("en")).content.decode()
        assert "Ville de Gand" in french and "City of Ghent" not in french, path
        assert "City of Ghent" in english and "Ville de Gand" not in english, path


@pytest.mark.parametrize("q", ["ville de gand", "city of ghent", "gand"])
def test_the_search_finds_either_name_in_either_language(client, history, secretary, q):
    ghent = Authority.objects.get(name="City of Ghent")
    authority_services.authority_update(
        authority_id=ghent.pk, by=secretary, name_fr="Ville de Gand"
    )
    for language in ("en", "fr"):
        html = client.get(f"/{language}/editions/", {"q": q}).content.decode()
        assert ">1 laureate found<" in html or "1 lauréat trouvé" in html
        assert 'class="laureate-name">' in html


def test_a_mail_names_the_authority_in_the_recipients_language(
    history, secretary, django_capture_on_commit_callbacks
):
    ghent = Authority.objects.get(name="City of Ghent")
    authority_services.authority_update(
        authority_id=ghent.pk, by=secretary, name_fr="Ville de Gand"
    )
    claire = UserFactory(email="claire@gent.example", language="fr")
    john = UserFactory(email="john@gent.example", language="en")
    ghent.members.add(claire, john)
    if not ghent.is_verified:
        authority_services.authority_verify(authority_id=ghent.pk, by=secretary)
    participation = alliance_services.participation_request(
        authority_id=ghent.pk,
        by=claire,
        commitment="c",
        activities="a",
        dialogue="d",
        letter=letter_upload(),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        alliance_services.participation_transition(
            participation_id=participation.pk, action="accept", by=secretary
        )
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Ville de Gand" in bodies["claire@gent.example"]
    assert "City of Ghent" not in bodies["claire@gent.example"]
    assert "City of Ghent" in bodies["john@gent.example"]


def test_the_certificate_prints_each_pages_name_and_keeps_old_facts_as_they_were():
    data = make_data(authority="City of Ghent", authority_fr="Ville de Gand")
    english, french = pages(render(data))
    assert "City of Ghent" in english and "Ville de Gand" not in english
    assert "Ville de Gand" in french and "City of Ghent" not in french
    assert from_facts(json.loads(json.dumps(facts_of(data))), number="N", verify_url="u") == (
        CertificateData(**{**data.__dict__, "number": "N", "verify_url": "u"})
    )
    # A certificate of an authority without a French name keeps its facts (and digest).
    assert "authority_fr" not in facts_of(make_data())


def test_the_edit_page_sets_the_french_name_until_the_secretariat_verifies(client):
    official = UserFactory()
    authority = authority_services.authority_create(
        by=official, name="City of Ghent", kind="municipality", country="BE", contact_name="M"
    )
    client.force_login(official)
    data = {
        "name": "City of Ghent",
        "name_fr": "Ville de Gand",
        "name_local": "Stad Gent",
        "kind": "municipality",
        "country": "BE",
        "contact_name": "M",
        "contact_email": "m@stad.gent",
    }
    response = client.post(f"/en/authorities/{authority.pk}/edit/", data)
    assert response.status_code == 302
    authority.refresh_from_db()
    assert authority.name_fr == "Ville de Gand"
    authority.verified_at = timezone.now()
    authority.save()
    page = client.get(f"/en/authorities/{authority.pk}/edit/").content.decode()
    assert 'name="name_fr"' in page and "Verified by the secretariat." in page
    client.post(f"/en/authorities/{authority.pk}/edit/", {**data, "name_fr": "Gand"})
    authority.refresh_from_db()
    assert authority.name_fr == "Ville de Gand"


def test_the_interchange_format_carries_the_official_name_only(history, secretary):
    ghent = Authority.objects.get(name="City of Ghent")
    authority_services.authority_update(
        authority_id=ghent.pk, by=secretary, name_fr="Ville de Gand"
    )
    exported = json.dumps(export_edition(5), ensure_ascii=False)
    assert "City of Ghent" in exported and "Ville de Gand" not in exported
