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
