"""A refused 'Save and submit', in a real browser: the error summary takes the focus,
and each of its links puts the focus in the field it names; axe finds nothing serious
on the refused form, in English and in French."""

import pytest
from playwright.sync_api import expect

from prize.enums import EditionState
from submissions import services
from tests.browser.axe import LANGUAGES, axe_check, axe_context, blocking
from tests.browser.helpers import log_in
from tests.factories import AuthorityFactory, EditionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(transactional_db):
    edition = EditionFactory(state=EditionState.OPEN)
    member = UserFactory(email="ana@lille.example", language="en")
    authority = AuthorityFactory(name="Ville de Lille")
    authority.members.add(member)
    return services.entry_create(by=member, authority_id=authority.pk, edition_id=edition.pk)


def submit(page):
    page.locator('button[name="action"][value="submit"]').click()


def test_the_summary_takes_the_focus_and_its_links_reach_the_fields(live_server, page, draft):
    log_in(page, live_server.url, "ana@lille.example")
    page.goto(f"{live_server.url}/en/entries/{draft.ref}/edit/")
    page.locator("#id_results").fill("Three hundred children enrolled.")

    submit(page)

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("h2")).to_have_text("There is a problem")
    expect(summary.locator("a")).to_have_count(14)  # 15 things missing, less the results typed
    summary.get_by_role("link", name="Give the project's total budget.").click()
    expect(page.locator("#id_budget")).to_be_focused()
    expect(page.locator("#id_budget")).to_have_attribute("aria-invalid", "true")
    summary.get_by_role("link", name="Give your consent to publication.").click()
    expect(page.locator("#id_consent_publication")).to_be_focused()
    expect(page.locator("#id_results")).to_have_value("Three hundred children enrolled.")


def test_the_refused_entry_form_passes_axe_in_both_languages(live_server, browser, draft):
    context = axe_context(browser)
    page = context.new_page()
    log_in(page, live_server.url, "ana@lille.example")
    violations = []
    for lang in LANGUAGES:
        page.goto(f"{live_server.url}/{lang}/entries/{draft.ref}/edit/")
        submit(page)
        expect(page.locator(".error-summary")).to_be_focused()
        violations += axe_check(page, f"entry form, submit refused [{lang}]")
    context.close()
    assert blocking(violations) == [], "\n" + "\n".join(blocking(violations))
