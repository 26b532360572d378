"""The main journeys, in a real browser: a visitor reads the archive in both languages;
the secretariat opens a call."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from prize.models import Edition, EditionTransition
from tests.browser.helpers import log_in
from tests.conftest import HISTORY
from tests.factories import EditionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive_loaded(transactional_db):
    call_command("import_edition", str(HISTORY), stdout=io.StringIO())


def test_visitor_reads_the_5th_edition_in_english_then_french(
    live_server, page, shot, archive_loaded
):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to the content")

    page.get_by_role("link", name="Past editions").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Editions of the prize")
    page.get_by_role("link", name="5th Dosta!-Congress Prize for Municipalities").click()
    expect(page.get_by_role("heading", level=2)).to_have_text(
        ["1st place", "2nd place ex aequo", "3rd place"]
    )
    shot(page, "edition-5-en")

    page.get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{live_server.url}/fr/editions/5/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=2)).to_have_text(
        ["1re place", "2e place ex aequo", "3e place"]
    )
    shot(page, "edition-5-fr")

    page.get_by_role("link", name="City of Kragujevac").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "2e place du 5e Prix Dosta!-Congrès – City of Kragujevac (Serbie)"
    )
    expect(page.locator(".award")).to_contain_text("2e place ex aequo")
    shot(page, "laureate-kragujevac-fr")


def test_secretariat_logs_in_and_opens_a_call(live_server, page, shot, transactional_db):
    UserFactory(email="sec@example.org", is_secretariat=True)
    edition = EditionFactory(number=9, submission_deadline=timezone.now() + timedelta(days=60))

    log_in(page, live_server.url, "sec@example.org")

    page.get_by_role("link", name="Secretariat").first.click()
    page.get_by_role("link", name="Edition 9").click()
    page.get_by_label("Note for the log (optional)").first.fill("Launch of the 9th call")
    page.get_by_role("button", name="Open the call for entries").click()
    expect(page.get_by_role("status")).to_contain_text("The edition is now: Open for entries.")
    expect(page.locator("table.data")).to_contain_text("Launch of the 9th call")
    shot(page, "secretariat-call-opened")

    assert Edition.objects.get(pk=edition.pk).state == "open"
    assert EditionTransition.objects.get(edition=edition).note == "Launch of the 9th call"
