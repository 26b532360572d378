"""A person's journey with their data: the footer's privacy notice, "Your data" on the
account page, the JSON download, and erasing the account with the password."""

import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from submissions import services
from tests.browser.helpers import log_in
from tests.factories import PASSWORD, AuthorityFactory, EditionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def member(transactional_db):
    person = UserFactory(email="ana@lille.example", name="Ana Lille")
    authority = AuthorityFactory(name="Ville de Lille", country="FR")
    authority.members.add(person)
    edition = EditionFactory(state="open")
    services.entry_create(by=person, authority_id=authority.pk, edition_id=edition.pk)
    return person


def test_a_member_reads_the_notice_downloads_their_data_and_erases_the_account(
    live_server, page, member
):
    log_in(page, live_server.url, member.email)
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    page.get_by_role("link", name="Your data, on your account page").click()

    with page.expect_download() as info:
        page.get_by_role("link", name="Download your data (JSON file)").click()
    download = info.value
    assert download.suggested_filename == f"dosta-my-data-{timezone.localdate():%Y-%m-%d}.json"
    data = json.loads(download.path().read_text(encoding="utf-8"))
    assert data["account"]["email"] == member.email
    assert [a["name"] for a in data["submissions"]["authorities"]] == ["Ville de Lille"]

    page.get_by_role("link", name="Erase my account").click()
    expect(page.locator("main")).to_contain_text("Your account will be deleted")
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Erase my account").click()
    expect(page.locator("#id_password_error")).to_contain_text("This is not your password.")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Erase my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account was erased")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert not User.objects.filter(email=member.email).exists()
