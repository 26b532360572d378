"""The results journey, in a real browser: the secretariat publishes an edition whose
jury decision is approved and watches its certificates rendered; a visitor reads the
results in English and French, the laureates' pages with a photo, and checks a
certificate from the short URL printed on it."""

import re

import pytest
from playwright.sync_api import expect

from prize.enums import EditionState
from prize.models import Edition
from results.enums import CertificateStatus
from results.models import Certificate, CertificateRun
from submissions.models import Entry
from tests.browser.helpers import give_photo, log_in
from tests.prize import conftest as prize_fixtures
from tests.submissions.conftest import PHOTO_TEXT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Edition 9 in deliberation, its decision approved: Şişli 1st; Surčin and Крагујевац 2nd
# ex aequo; Jyväskylä not awarded.
decided = prize_fixtures.decided

NUMBER = 9
CREDIT = "Press office of Şişli Municipality"
# As the pages list them: by place, then by the entry's reference.
LAUREATES = ["Şişli Municipality", "Крагујевац", "Municipality of Surčin"]


def valid_number(entry: Entry) -> str:
    return Certificate.objects.get(entry=entry, status=CertificateStatus.VALID).number


def fact(page, term: str):
    """The value of one line of the certificate's facts."""
    term_line = page.locator("dl.facts > dt").filter(has_text=re.compile(rf"^{re.escape(term)}$"))
    return term_line.locator("xpath=following-sibling::dd[1]")


def expect_results(page, places: list[str]) -> None:
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(
        "9th Dosta!-Congress Prize" if places[0] == "1st place" else "9e Prix Dosta!-Congrès"
    )
    expect(main.locator(".place-label")).to_have_text(places)
    first, second = main.locator("section.place-1"), main.locator("section.place-2")
    expect(first.locator(".laureate-name")).to_have_text(LAUREATES[:1])
    expect(second.locator(".laureate-name")).to_have_text(LAUREATES[1:])
    expect(main).not_to_contain_text("Jyväskylä")


def test_secretariat_publishes_and_a_visitor_verifies_a_certificate(
    live_server, page, visitor, shot, transactional_db, decided, secretary
):
    edition, entries = decided
    give_photo(entries["sisli"], CREDIT)
    url = live_server.url

    # The secretariat publishes the results; the certificates are rendered at once.
    log_in(page, url, secretary.email)
    page.goto(f"{url}/en/secretariat/editions/{NUMBER}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("9th Dosta!-Congress Prize")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Certificates", exact=True)).to_have_count(0)
    main.get_by_role("link", name="Publish the results…").click()
    # The page that asks first: who gets an e-mail, what becomes public, a preview.
    expect(main.locator(".confirm-consequences")).to_contain_text(
        "5 authorities get an e-mail in the language of their entry (5 people in all)."
    )
    main.get_by_role("link", name="Preview the public results page (not public yet)").click()
    expect(main.locator(".preview-banner")).to_contain_text("Preview — not public yet.")
    expect_results(page, ["1st place", "2nd place ex aequo"])
    shot(page, "results-secretariat-preview")
    assert Edition.objects.get(pk=edition.pk).state == EditionState.DELIBERATION
    main.get_by_role("link", name="Back to publishing the results").click()
    main.get_by_label("I have read what will happen and want to go ahead.").check()
    main.get_by_role("button", name="Publish the results").click()
    expect(page.get_by_role("status")).to_have_text("The edition is now: Results published.")
    assert Edition.objects.get(pk=edition.pk).state == EditionState.PUBLISHED
    main.get_by_role("link", name="Certificates", exact=True).click()
    expect(main.get_by_role("heading", level=1)).to_have_text("Certificates")
    run = page.locator("#run-status")
    expect(run).to_have_attribute("data-state", "done")
    expect(run.locator(".run-state")).to_have_text("Done")
    expect(run.locator(".run-count")).to_have_text("3 of 3 rendered")
    expect(page.locator("#run-progress")).to_have_attribute("value", "100")
    rows = main.locator("table.data tbody tr")
    expect(rows).to_have_count(3)
    for authority in LAUREATES:
        row = rows.filter(has_text=authority)
        expect(row.locator("td").nth(3)).to_have_text("Valid")
        expect(
            row.get_by_role("link", name=re.compile(r"^Download certificate DC9-"))
        ).to_be_visible()
    shot(page, "results-secretariat-certificates")
    assert CertificateRun.objects.get(edition=edition).done == 3

    # A visitor reads the results, in English then in French.
    visitor.goto(f"{url}/en/editions/{NUMBER}/")
    expect_results(visitor, ["1st place", "2nd place ex aequo"])
    shot(visitor, "results-edition-en")
    visitor.goto(f"{url}/fr/editions/{NUMBER}/")
    expect_results(visitor, ["1re place", "2e place ex aequo"])
    shot(visitor, "results-edition-fr")

    # Крагујевац's page, reached by its link, in both languages.
    visitor.goto(f"{url}/en/editions/{NUMBER}/")
    visitor.get_by_role("link", name="Крагујевац (Serbia)").click()
    expect(visitor).to_have_url(f"{url}/en/editions/{NUMBER}/kragujevac/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "2nd place of the 9th Dosta!-Congress Prize – Крагујевац (Serbia)"
    )
    expect(visitor.locator(".subtitle")).to_have_text("Project of Крагујевац")
    expect(visitor.locator(".award")).to_have_text(
        "2nd place ex aequo shared with Municipality of Surčin (Serbia)"
    )
    expect(visitor.locator(".award").get_by_role("link")).to_have_attribute(
        "href", f"/en/editions/{NUMBER}/surcin/"
    )
    shot(visitor, "results-laureate-en")
    visitor.goto(f"{url}/fr/editions/{NUMBER}/")
    visitor.get_by_role("link", name="Крагујевац (Serbie)").click()
    expect(visitor).to_have_url(f"{url}/fr/editions/{NUMBER}/kragujevac/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "2e place du 9e Prix Dosta!-Congrès – Крагујевац (Serbie)"
    )
    expect(visitor.locator(".award")).to_have_text(
        "2e place ex aequo partagée avec Municipality of Surčin (Serbie)"
    )
    shot(visitor, "results-laureate-fr")

    # Şişli's page shows its photo, with the alternative text and the credit.
    visitor.goto(f"{url}/en/editions/{NUMBER}/")
    visitor.get_by_role("link", name=re.compile(r"^Şişli Municipality \(")).click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text(
        "1st place of the 9th Dosta!-Congress Prize – Şişli Municipality"
    )
    photos = visitor.get_by_role("region", name="Photos")
    image = photos.get_by_role("img", name=PHOTO_TEXT["alt"])
    expect(image).to_have_count(1)
    image.scroll_into_view_if_needed()  # loading="lazy"
    visitor.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    expect(photos.locator("figcaption")).to_have_text(f"{PHOTO_TEXT['caption']} Photo: {CREDIT}")
    shot(visitor, "results-laureate-photo-en")

    # The short URL of Крагујевац's certificate leads to its verification page.
    number = valid_number(entries["kragujevac"])
    visitor.goto(f"{url}/c/{number}")
    expect(visitor).to_have_url(f"{url}/en/certificates/{number}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Certificate {number}")
    expect(visitor.locator(".verdict strong")).to_have_text("Valid.")
    expect(fact(visitor, "Awarded to")).to_have_text("Крагујевац (Serbia)")
    expect(fact(visitor, "Distinction")).to_have_text("2nd place ex aequo")
    expect(fact(visitor, "Prize")).to_have_text("9th Dosta!-Congress Prize · Laureate page")
    expect(fact(visitor, "Address of this page")).to_have_text(f"http://testserver/c/{number}")
    shot(visitor, "results-certificate-en")
    visitor.goto(f"{url}/fr/certificates/{number}/")
    expect(fact(visitor, "Distinction")).to_have_text("2e place ex aequo")
    expect(
        visitor.locator("dl.facts").get_by_role("link", name="9e Prix Dosta!-Congrès")
    ).to_be_visible()
    shot(visitor, "results-certificate-fr")

    # A number that was never issued.
    response = visitor.goto(f"{url}/en/certificates/DC9-ZZZZZZ/")
    assert response.status == 404
    expect(visitor.get_by_role("heading", level=1)).to_have_text("No such certificate")
    expect(visitor.get_by_role("status")).to_have_text(
        "No certificate of the Dosta!-Congress Prize has the number “DC9-ZZZZZZ”."
    )
    shot(visitor, "results-certificate-unknown")
