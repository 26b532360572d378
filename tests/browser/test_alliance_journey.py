"""The Alliance journey, in a real browser: an authority's member asks to join (with a
real PDF letter), the secretariat accepts, and a visitor sees the counter go up and the
new profile, in English and in French."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alliance.enums import ParticipationState
from alliance.models import Participation
from tests.alliance.conftest import ANSWERS
from tests.browser.helpers import log_in
from tests.factories import AuthorityFactory, ParticipationFactory, UserFactory
from tests.submissions.conftest import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def counter(page):
    return page.locator("p.alliance-counter a")


def expect_counter(page, participants: int, countries: int, language: str) -> None:
    link = counter(page)
    expect(link).to_have_attribute("data-participants", str(participants))
    expect(link).to_have_attribute("data-countries", str(countries))
    expect(link).to_have_attribute("href", f"/{language}/alliance/")
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_an_authority_joins_and_a_visitor_sees_it(
    live_server, page, visitor, shot, transactional_db, secretary, tmp_path
):
    url = live_server.url
    for name, country in (("City of Ghent", "BE"), ("Municipality of Volos", "GR")):
        ParticipationFactory(authority=AuthorityFactory(name=name, country=country))
    member = UserFactory(email="ana@kragujevac.example", language="en")
    authority = AuthorityFactory(name="Крагујевац", country="RS", verified_at=timezone.now())
    authority.members.add(member)
    letter = tmp_path / "commitment-letter.pdf"
    letter.write_bytes(pdf_bytes())

    # Before: two participants from two countries.
    visitor.goto(f"{url}/en/")
    expect_counter(visitor, 2, 2, "en")
    expect(counter(visitor)).to_contain_text("2 cities and regions from 2 countries")

    # The member asks to join from the authority's page.
    log_in(page, url, member.email)
    page.goto(f"{url}/en/authorities/{authority.pk}/")
    page.get_by_role("link", name="Join the Alliance").click()
    expect(page.get_by_role("heading", level=2, name="Ask to join")).to_be_visible()
    page.get_by_label("A declared political commitment to Roma inclusion").fill(
        ANSWERS["commitment"]
    )
    page.get_by_label("Past or current activities for Roma inclusion").fill(ANSWERS["activities"])
    page.get_by_label("Mechanisms for dialogue and cooperation").fill(ANSWERS["dialogue"])
    page.get_by_label("Commitment letter (PDF)").set_input_files(str(letter))
    page.get_by_label("Languages your authority works in").fill("Serbian, Romani")
    shot(page, "alliance-request-form")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".messages")).to_contain_text("Your request to join the Alliance is sent.")
    expect(page.locator(".alliance-status .state")).to_have_text("Requested")
    assert Participation.objects.get(authority=authority).state == ParticipationState.REQUESTED

    # A request does not count yet.
    visitor.reload()
    expect_counter(visitor, 2, 2, "en")

    # The secretariat reviews it and accepts.
    page.get_by_role("button", name="Log out").click()
    log_in(page, url, secretary.email)
    page.goto(f"{url}/en/secretariat/")
    page.get_by_role("link", name="Alliance requests").click()
    page.get_by_role("link", name="Крагујевац").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Крагујевац")
    expect(page.get_by_role("link", name="commitment-letter.pdf")).to_be_visible()
    shot(page, "alliance-review")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".messages")).to_have_text("Крагујевац: now “Participant”.")

    # The visitor sees three participants from three countries and the new profile.
    visitor.reload()
    expect_counter(visitor, 3, 3, "en")
    expect(counter(visitor)).to_contain_text("3 cities and regions from 3 countries")
    counter(visitor).click()
    expect(visitor).to_have_url(f"{url}/en/alliance/")
    visitor.get_by_role("link", name="Крагујевац").click()
    expect(visitor).to_have_url(f"{url}/en/alliance/kragujevac/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Крагујевац")
    expect(visitor.locator("time.since")).to_have_attribute(
        "datetime", re.compile(r"^\d{4}-\d{2}-\d{2}$")
    )
    shot(visitor, "alliance-profile-en")

    # And in French.
    visitor.goto(f"{url}/fr/")
    expect_counter(visitor, 3, 3, "fr")
    counter(visitor).click()
    expect(visitor).to_have_url(f"{url}/fr/alliance/")
    visitor.locator("table.participants").get_by_role("link", name="Крагујевац").click()
    expect(visitor).to_have_url(f"{url}/fr/alliance/kragujevac/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Крагујевац")
    expect(visitor.locator("html")).to_have_attribute("lang", "fr")
    shot(visitor, "alliance-profile-fr")


def test_the_secretariat_imports_the_participants_on_a_phone(
    live_server, browser, shot, transactional_db, secretary, tmp_path
):
    """Upload, preview (nothing written), confirm; the counter shows the true figures;
    a file with a problem is refused and says which line. At 390 px, nothing overflows."""
    url = live_server.url
    good = tmp_path / "participants.csv"
    good.write_text(
        "name;kind;country;participant_since;website\n"
        "City of Ghent;municipality;BE;2013-09-01;https://stad.gent\n"
        "Municipality of Volos;municipality;GR;2015-05\n".replace("2015-05\n", "2015-05;\n"),
        encoding="utf-8-sig",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("name,kind,country,participant_since,website\nSalford,city,UK,2014,\n")
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    page = context.new_page()
    log_in(page, url, secretary.email)

    page.goto(f"{url}/fr/secretariat/alliance/import/")
    page.get_by_label("Fichier CSV des participants").set_input_files(str(bad))
    page.get_by_role("button", name="Voir l’aperçu de l’importation").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Rien n’a été importé")
    expect(summary).to_contain_text("Ligne 2 : type inconnu « city »")
    assert Participation.objects.count() == 0

    page.get_by_label("Fichier CSV des participants").set_input_files(str(good))
    page.get_by_role("button", name="Voir l’aperçu de l’importation").click()
    expect(page.locator("table.import-preview tbody tr")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "alliance-import-preview-390")
    assert Participation.objects.count() == 0
    page.get_by_label("J’ai vérifié l’aperçu et je veux importer ces participants.").check()
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Importé : 2 nouveaux participants")
    expect_counter(page, 2, 2, "fr")
    expect(page.locator(".official-note")).to_contain_text('Le terme "Roms et Gens du Voyage"')
    context.close()
