"""The whole journey of a new authority, in a real browser: register and confirm the
address, register the authority, write and submit an entry with a photo; then the
secretariat verifies the authority and finds the entry eligible."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from submissions.models import Authority, Entry
from tests.browser.helpers import readme_screenshots, type_the_code
from tests.factories import PASSWORD, EditionFactory, UserFactory
from tests.otp import app_device
from tests.submissions.conftest import PHOTO_TEXT, jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "ioana@cluj.example"
AUTHORITY = "Municipality of Cluj-Napoca"
CONFIRM_LINK = re.compile(r"http://\S+/accounts/confirm/\S+/")
# The screenshot in the README, refreshed with DOSTA_README_SCREENSHOTS=1.
README_SHOT = Path(settings.BASE_DIR) / "docs" / "images" / "take-part.png"
README_SHOT_MAX_BYTES = 400_000


def test_a_new_authority_submits_an_entry_and_the_secretariat_finds_it_eligible(
    live_server, page, shot, transactional_db
):
    edition = EditionFactory(state="open")
    criteria = [c.name["en"] for c in edition.criteria.all()]
    assert len(criteria) == 5
    secretariat = UserFactory(email="secretariat@coe.example", is_secretariat=True, is_staff=True)
    device = app_device(secretariat)  # its authenticator app: a code after the password

    # A visitor registers and confirms the address.
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Take part").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Your name").fill("Ioana Pop")
    page.get_by_label("Language for e-mails").select_option(label="English")
    page.get_by_label("Password").fill("roma-inclusion-2026")
    shot(page, "journey-1-register")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    expect(page.locator("main")).to_contain_text(f"We sent a message to {EMAIL}.")

    assert mail.outbox[-1].to == [EMAIL]
    link = CONFIRM_LINK.search(mail.outbox[-1].body).group(0)
    page.goto(live_server.url + urlsplit(link).path)
    expect(page.get_by_role("status")).to_contain_text("your e-mail address is confirmed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Take part in the prize")

    # The authority.
    page.get_by_role("link", name="Register an authority").click()
    page.get_by_label("Official name in English or French").fill(AUTHORITY)
    page.get_by_label("Official name in its own language").fill("Municipiul Cluj-Napoca")
    page.get_by_label("Kind").select_option(label="Municipality")
    page.get_by_label("Country").select_option(label="Romania")
    page.get_by_label("Contact person").fill("Ioana Pop")
    page.get_by_label("Contact e-mail").fill("roma.office@cluj.example")
    page.get_by_role("button", name="Register the authority").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(AUTHORITY)
    expect(page.get_by_role("note")).to_contain_text(
        "The secretariat has not verified this authority yet."
    )

    # The entry.
    page.get_by_role("button", name=re.compile(r"^Start an entry for the ")).click()
    expect(page.get_by_role("status")).to_contain_text("Your draft entry is ready.")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to the content")

    page.get_by_label("Language of the application").select_option(label="English")
    page.get_by_label("Title in English", exact=True).fill("Mediators in every school")
    page.get_by_label("Summary", exact=True).fill(
        "Roma school mediators help children from Pata Rât enrol and stay in school."
    )
    page.get_by_label("Description", exact=True).fill(
        "Twelve mediators work in the schools of the city.\n\n"
        "- enrolment campaigns\n- homework clubs\n- meetings with parents"
    )
    page.get_by_label("Project start").fill("2024-03-01")
    page.get_by_label("Project end").fill("2025-06-30")
    page.get_by_label("Total budget (euros)").fill("185000")
    page.get_by_label("Funding sources").fill("The city and the European Social Fund.")
    page.get_by_label("Partner 1", exact=True).fill("Roma Women's Association of Cluj")
    page.get_by_label("A Roma or Traveller organisation").first.check()
    page.get_by_label(
        "How Roma and Travellers took part in designing and running the project"
    ).fill("Roma parents chose the mediators and run the homework clubs.")
    page.get_by_label("Results so far").fill("410 more children enrolled; dropout halved.")
    for name in criteria:
        page.get_by_label(name, exact=True).fill(f"What the project did for “{name}”.")
    page.get_by_label(re.compile(r"^We agree that, if the entry wins a prize")).check()

    page.get_by_label("Photo (JPEG, PNG or WebP; at most 10 MB)").set_input_files(
        {"name": "mediators.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes(size=(800, 600))}
    )
    page.get_by_label("Caption", exact=True).fill(PHOTO_TEXT["caption"])
    page.get_by_label("Credit (who took it)").fill(PHOTO_TEXT["credit"])
    page.get_by_label(re.compile(r"^Alternative text \(what the photo shows")).fill(
        PHOTO_TEXT["alt"]
    )
    page.get_by_role("group", name="People in the photo").get_by_label(
        "The people shown have consented"
    ).check()
    page.get_by_role("button", name="Save the draft").click()

    expect(page.get_by_role("status")).to_contain_text("Draft saved.")
    thumbnail = page.locator(".photo-row img")
    expect(thumbnail).to_have_attribute("alt", PHOTO_TEXT["alt"])
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle()
    )
    assert thumbnail.evaluate("img => img.naturalWidth") > 0
    expect(page.get_by_label("Caption of photo 1")).to_have_value(PHOTO_TEXT["caption"])
    expect(page.get_by_label("Title in English", exact=True)).to_have_value(
        "Mediators in every school"
    )
    shot(page, "journey-2-entry-form-with-photo")
    if readme_screenshots():
        readme_screenshot(page)

    mail.outbox.clear()
    page.get_by_role("button", name="Save and submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mediators in every school")
    expect(page.locator("main .state").first).to_have_text("Submitted")
    expect(page.get_by_role("status")).to_contain_text(
        "Your entry is submitted. A confirmation with a PDF receipt is on its way by e-mail."
    )
    receipts = [
        m
        for m in mail.outbox
        if m.to == [EMAIL] and any(a[2] == "application/pdf" for a in m.attachments)
    ]
    assert len(receipts) == 1
    shot(page, "journey-3-entry-submitted")
    entry = Entry.objects.get(authority__name=AUTHORITY)
    assert entry.state == "submitted"

    # The secretariat verifies the authority and screens the entry.
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("button", name="Log out").click()
    nav.get_by_role("link", name="Log in").click()
    page.get_by_label("E-mail address").fill(secretariat.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    type_the_code(page, device)
    expect(page.get_by_role("heading", level=1)).to_have_text("Secretariat")

    nav.get_by_role("link", name="Secretariat").click()
    page.get_by_role("link", name="Authorities to verify").click()
    page.get_by_role("button", name=f"Verify {AUTHORITY}").click()
    expect(page.get_by_role("status")).to_contain_text(f"{AUTHORITY} is verified.")
    assert Authority.objects.get(name=AUTHORITY).is_verified

    page.goto(f"{live_server.url}/en/secretariat/editions/{edition.number}/entries/")
    row = page.locator("table.data tbody tr", has_text=AUTHORITY)
    expect(row).to_contain_text("Romania")
    expect(row.locator(".state")).to_have_text("Submitted")
    shot(page, "journey-4-screening-list")
    expect(row.locator("small.ref")).to_have_text(entry.ref)
    row.get_by_role("link", name=entry.title_text).click()

    checklist = page.get_by_role("group", name="Checklist").get_by_role("checkbox")
    expect(checklist).to_have_count(5)
    for i in range(5):
        checklist.nth(i).check()
    page.get_by_role("button", name="Mark eligible").click()
    expect(page.get_by_role("status")).to_contain_text(f"“{entry.title_text}” is now “Eligible”.")
    expect(page.locator("main .state").first).to_have_text("Eligible")
    shot(page, "journey-5-eligible")
    entry.refresh_from_db()
    assert entry.state == "eligible"


def readme_screenshot(page) -> None:
    """The entry form with its photo, 1280 pixels wide, for the README: the whole page,
    or, if that file would be too heavy, the screen around the photos."""
    README_SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(README_SHOT), full_page=True)
    if README_SHOT.stat().st_size > README_SHOT_MAX_BYTES:
        photos = page.locator("fieldset", has_text="Add a photo")
        photos.evaluate("fieldset => fieldset.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(README_SHOT))
    page.set_viewport_size({"width": 1200, "height": 900})
