"""The call and the news, in a real browser: the secretariat writes the call of an open
edition, previews it and saves it, then publishes a news item with a photo; a visitor on
a phone reads both in English and French. axe-core checks every page on the way, and
none may be wider than the phone."""

import re

import pytest
from playwright.sync_api import expect

from prize.enums import EditionState
from tests.browser.axe import AXE_JS, PHONE, axe_check, axe_context, blocking, too_wide
from tests.browser.helpers import log_in
from tests.factories import EditionFactory
from tests.submissions.conftest import jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CALL_EN = """Local and regional authorities of the member states may enter.

## What to send
- a description of the project, with photos
- the [rules of the prize](https://www.coe.int/dosta) <b>and nothing else</b>

## Timetable
1. Call opens: 1 March
2. Deadline: 30 June"""


def checked(page, name: str) -> list:
    return axe_check(page, name) + too_wide(page, name)


def test_the_secretariat_writes_the_call_and_news_and_a_phone_reads_them(
    live_server, browser, shot, secretary
):
    EditionFactory(
        number=8,
        state=EditionState.OPEN,
        name={"en": "8th Dosta!-Congress Prize", "fr": "8e Prix Dosta!-Congrès"},
    )
    url = live_server.url
    context = axe_context(browser)
    page = context.new_page()
    log_in(page, url, secretary.email)
    violations = []

    # The call: previewed (nothing saved), then saved.
    page.goto(f"{url}/en/secretariat/editions/8/")
    page.get_by_label("Call for entries in English").fill(CALL_EN)
    page.get_by_role("button", name="Preview the call").click()
    preview = page.locator("#call-preview")
    expect(preview.get_by_role("heading", name="What to send")).to_be_visible()
    expect(preview.get_by_role("link", name="rules of the prize")).to_have_attribute(
        "href", "https://www.coe.int/dosta"
    )
    expect(preview).to_contain_text("<b>and nothing else</b>")
    violations += checked(page, "edition settings, call preview [en]")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.locator(".message-success")).to_have_text("The edition's settings were saved.")

    # A news item with a photo, from the secretariat's news pages.
    page.goto(f"{url}/en/secretariat/news/new/")
    violations += checked(page, "news form [en]")
    page.get_by_label("Title in English").fill("The call for entries is open")
    page.get_by_label("Text in English").fill("Read the [call](https://www.coe.int/dosta).")
    page.get_by_label("Written in one language only").check()
    page.locator("#id_photo").set_input_files(
        {"name": "call.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes((640, 480))}
    )
    page.get_by_label("Photo credit").fill("Council of Europe")
    page.get_by_role("button", name="Publish the item").click()
    expect(page.locator(".error-summary")).to_be_focused()  # the alt text is missing
    violations += checked(page, "news form, refused [en]")
    page.locator("#id_photo").set_input_files(
        {"name": "call.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes((640, 480))}
    )
    page.get_by_label("What the photo shows, in English").fill("The Palais de l'Europe")
    page.get_by_role("button", name="Publish the item").click()
    expect(page.locator(".message-success")).to_have_text("The news item is published.")
    page.goto(f"{url}/en/secretariat/news/")
    violations += checked(page, "secretariat news list [en]")
    context.close()

    # A visitor on a phone.
    phone = browser.new_context(viewport=PHONE, bypass_csp=True)
    phone.add_init_script(path=str(AXE_JS))
    visitor = phone.new_page()
    visitor.goto(f"{url}/en/")
    call = visitor.locator("section.call")
    expect(call.get_by_role("heading", level=3, name="What to send")).to_be_visible()
    expect(call).not_to_contain_text("How to enter")
    violations += checked(visitor, "home with the call [en]")
    shot(visitor, "call-home-en-390")
    visitor.goto(f"{url}/fr/")
    expect(visitor.locator("section.call .note")).to_have_text(
        "Cet appel n’est disponible qu’en anglais pour l’instant."
    )
    expect(visitor.locator("section.call .richtext")).to_have_attribute("lang", "en")
    violations += checked(visitor, "home with the call [fr]")
    pdf = visitor.request.get(
        url + visitor.get_by_role("link", name="français (PDF)").get_attribute("href")
    )
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
    visitor.goto(f"{url}/fr/editions/8/")
    violations += checked(visitor, "open edition [fr]")

    visitor.get_by_role("navigation", name="Principale").get_by_role(
        "link", name="Actualités"
    ).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Actualités")
    expect(visitor.locator("article.news-summary")).to_have_attribute("lang", "en")
    violations += checked(visitor, "news [fr]")
    visitor.get_by_role("link", name="The call for entries is open").click()
    expect(visitor).to_have_url(re.compile(r"/fr/news/\d+/$"))
    image = visitor.get_by_role("img", name="The Palais de l'Europe")
    expect(image).to_be_visible()
    # Visible comes before loaded: wait for the file itself, then read its width.
    handle = image.element_handle()
    visitor.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=handle)
    assert visitor.evaluate("(img) => img.naturalWidth", handle) == 640
    violations += checked(visitor, "news item [fr]")
    shot(visitor, "news-item-fr-390")
    phone.close()
    assert blocking(violations) == []
