"""Nothing typed is lost, in a real browser: French date fields show their dates and
keep them through an unchanged save; a save after logging in again in another tab, or
after the cookies were cleared, keeps the text."""

import re
from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from prize.enums import EditionState
from prize.models import Edition
from submissions import services
from submissions.models import Entry
from tests.browser.axe import LANGUAGES, axe_check, axe_context, blocking
from tests.browser.helpers import log_in
from tests.factories import PASSWORD, AuthorityFactory, EditionFactory, UserFactory
from tests.submissions.conftest import fill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXPIRED = (
    "Your page had expired, for example because you logged in again in another tab. "
    "Your text is kept: press Save again."
)
TYPED = "Trois cents enfants inscrits à l’école, « enfin »."


def in_french(text: str) -> str:
    """A new message in French once the catalogue has it; until then in English."""
    with translation.override("fr"):
        return gettext(text)


@pytest.fixture
def draft(transactional_db):
    """An entry in progress, with its project period, and its author."""
    edition = EditionFactory(state=EditionState.OPEN, ceremony_date=date(2026, 10, 21))
    member = UserFactory(email="ana@lille.example", language="fr")
    authority = AuthorityFactory(name="Ville de Lille")
    authority.members.add(member)
    entry = services.entry_create(by=member, authority_id=authority.pk, edition_id=edition.pk)
    return fill(entry, member, results="")


def save_draft(page):
    page.locator('button[name="action"][value="save"]').click()


def test_french_date_fields_show_their_dates_and_keep_them(live_server, page, draft, secretary):
    secretary.email = "sec@coe.example"
    secretary.save()
    log_in(page, live_server.url, secretary.email)
    page.goto(f"{live_server.url}/fr/secretariat/editions/{draft.edition.number}/")
    expect(page.locator("#id_project_start")).to_have_value("2024-01-01")
    expect(page.locator("#id_ceremony_date")).to_have_value("2026-10-21")
    page.locator("form:has(#id_ceremony_date) button[type=submit]:not([name=preview])").click()
    expect(page.locator(".message-success")).to_have_count(1)
    edition = Edition.objects.get(pk=draft.edition.pk)
    assert (edition.project_start, edition.ceremony_date) == (date(2024, 1, 1), date(2026, 10, 21))

    # A date typed on the French page. (Chromium orders a date field's parts by its own
    # language, which headless Chromium keeps English whatever --lang and LANG say, so
    # the keys cannot be typed in the French order: fill sets the field as a picker does.)
    page.locator("#id_ceremony_date").fill("2026-11-05")
    page.locator("form:has(#id_ceremony_date) button[type=submit]:not([name=preview])").click()
    expect(page.locator("#id_ceremony_date")).to_have_value("2026-11-05")
    assert Edition.objects.get(pk=draft.edition.pk).ceremony_date == date(2026, 11, 5)

    page.goto(f"{live_server.url}/fr/accounts/")  # the authority's member, in French
    page.locator("form[action$='/logout/'] button").click()
    log_in(page, live_server.url, "ana@lille.example")
    page.goto(f"{live_server.url}/fr/entries/{draft.ref}/edit/")
    expect(page.locator("#id_project_start")).to_have_value("2024-03-01")
    expect(page.locator("#id_project_end")).to_have_value("2025-06-30")
    save_draft(page)
    expect(page.locator(".message-success")).to_have_count(1)
    entry = Entry.objects.get(pk=draft.pk)
    assert (entry.project_start, entry.project_end) == (date(2024, 3, 1), date(2025, 6, 30))


def test_a_save_after_logging_in_again_in_another_tab_keeps_the_text(live_server, page, draft):
    log_in(page, live_server.url, "ana@lille.example")
    page.goto(f"{live_server.url}/fr/entries/{draft.ref}/edit/")
    page.locator("#id_results").fill(TYPED)

    other = page.context.new_page()  # logs out and in again: a new CSRF token
    other.goto(f"{live_server.url}/en/accounts/")
    other.locator("form[action$='/logout/'] button").click()
    log_in(other, live_server.url, "ana@lille.example")
    other.close()

    save_draft(page)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("status")).to_contain_text(in_french(EXPIRED))
    expect(page.locator("#id_results")).to_have_value(TYPED)
    assert Entry.objects.get(pk=draft.pk).results == ""
    save_draft(page)
    expect(page.locator(".message-success")).to_have_count(1)
    assert Entry.objects.get(pk=draft.pk).results == TYPED


def test_a_save_after_the_cookies_were_cleared_keeps_the_text(live_server, page, draft):
    log_in(page, live_server.url, "ana@lille.example")
    page.goto(f"{live_server.url}/en/entries/{draft.ref}/edit/")
    page.locator("#id_results").fill(TYPED)
    page.context.clear_cookies()

    save_draft(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your page had expired")
    expect(page.locator("main")).to_contain_text(EXPIRED)
    page.get_by_role("button", name="Save again").click()
    # Not logged in any more: the expired-session path keeps the text through the login.
    expect(page).to_have_url(re.compile(r"/en/accounts/login/\?next="))
    page.get_by_label("E-mail address").fill("ana@lille.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#id_results")).to_have_value(TYPED)
    save_draft(page)
    expect(page.locator(".message-success")).to_have_count(1)
    assert Entry.objects.get(pk=draft.pk).results == TYPED


def test_the_expired_page_passes_axe_in_both_languages(live_server, browser, draft):
    context = axe_context(browser)
    page = context.new_page()
    violations = []
    for lang in LANGUAGES:
        log_in(page, live_server.url, "ana@lille.example")
        page.goto(f"{live_server.url}/{lang}/entries/{draft.ref}/edit/")
        context.clear_cookies()
        save_draft(page)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("main form")).to_have_count(1)
        violations += axe_check(page, f"expired page [{lang}]")
    context.close()
    assert blocking(violations) == []


def test_a_photo_too_large_is_refused_before_it_is_sent_and_the_text_saves(
    live_server, page, draft
):
    """11 MB chosen as a photo: the page says so beside the field at once, in French, the
    file is not sent, and a Save keeps what was typed."""
    log_in(page, live_server.url, "ana@lille.example")
    page.goto(f"{live_server.url}/fr/entries/{draft.ref}/edit/")
    photo = page.locator("#id_photo")
    expect(photo).to_have_attribute("accept", re.compile("image/jpeg"))
    sent = []
    page.on("request", lambda request: sent.append(len(request.post_data_buffer or b"")))
    photo.set_input_files(
        {"name": "grand.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff" * 3_700_000}
    )
    note = page.locator("#id_photo_too_big")
    expect(note).to_contain_text("10,6 MB")
    expect(note).to_contain_text("10 MB")
    expect(photo).to_have_attribute("aria-invalid", "true")
    assert photo.evaluate("input => input.files.length") == 0
    page.locator("#id_summary").fill(TYPED)
    save_draft(page)
    expect(page.locator(".message-success")).to_have_count(1)
    assert TYPED in Entry.objects.get(pk=draft.pk).summary.values()
    assert max(sent) < 1_000_000  # the save carried the text, not the photo
