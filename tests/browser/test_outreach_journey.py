"""Outreach in a real browser, on a phone-sized window: the secretariat moves the deadline
of an open call, is asked why, and every entrant's e-mail carries the reason; a person
opens the opt-out link of an announcement, stops the mails with one button and undoes it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from outreach.mails import call_opened_mail
from outreach.models import OptOut
from prize.enums import EditionState
from prize.models import Edition
from submissions.services import authority_member_add
from tests.browser.helpers import log_in
from tests.factories import AuthorityFactory, EditionFactory, EntryFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_call() -> Edition:
    edition = EditionFactory(
        number=9,
        name={"en": "9th Dosta!-Congress Prize", "fr": "9e Prix Dosta!-Congrès"},
        submission_deadline=timezone.now() + timedelta(days=20),
    )
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.OPEN)  # arrange only
    return edition


def test_secretariat_moves_a_deadline_with_a_reason_and_entrants_read_it(
    live_server, page, shot, settings
):
    settings.SITE_URL = live_server.url
    UserFactory(email="sec@example.org", is_secretariat=True)
    edition = open_call()
    surcin = AuthorityFactory(name="Municipality of Surčin", country="RS")
    EntryFactory(edition=edition, authority=surcin, state="draft")
    authority_member_add(
        authority=surcin, user=UserFactory(email="emile@surcin.example", language="fr")
    )
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, "sec@example.org")
    page.goto(f"{live_server.url}/en/secretariat/editions/9/")
    new = timezone.localtime(edition.submission_deadline + timedelta(days=14))
    page.get_by_label("Submission deadline (Strasbourg time)").fill(new.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save the settings").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Say why the deadline moves")
    shot(page, "outreach-deadline-reason-asked")
    page.get_by_label("Why the deadline moves").fill("The postal strike delayed the letters.")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.get_by_role("status")).to_contain_text("The edition's settings were saved.")
    expect(page.locator("table.data")).to_contain_text("The postal strike delayed the letters.")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    shot(page, "outreach-deadline-moved")

    [message] = mail.outbox
    assert message.to == ["emile@surcin.example"]
    assert message.subject == "La date limite de dépôt a changé : 9e Prix Dosta!-Congrès"
    assert "La raison donnée par le secrétariat :\nThe postal strike delayed the letters." in (
        message.body
    )
    assert f"au {new.day} " in message.body


def test_a_person_stops_the_announcements_from_the_link_and_undoes_it(
    live_server, visitor, shot, settings
):
    settings.SITE_URL = live_server.url
    edition = open_call()
    person = UserFactory(email="ana@ghent.example", language="fr")
    call_opened_mail(user_id=person.pk, edition_id=edition.pk)
    [message] = mail.outbox
    link = re.search(r"http\S+/opt-out/\S+/", message.body).group(0)
    visitor.set_viewport_size({"width": 390, "height": 844})
    visitor.goto(link)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Annonces et rappels")
    assert not OptOut.objects.filter(user=person).exists()  # opening changes nothing
    visitor.get_by_role("button", name="Ne plus recevoir d’annonces ni de rappels").click()
    expect(visitor.get_by_role("status")).to_contain_text("C’est fait")
    assert OptOut.objects.filter(user=person).exists()
    shot(visitor, "outreach-opted-out-fr")
    visitor.get_by_role("button", name="Les recevoir de nouveau").click()
    expect(visitor.get_by_role("status")).to_contain_text("vous recevrez de nouveau")
    assert not OptOut.objects.filter(user=person).exists()
