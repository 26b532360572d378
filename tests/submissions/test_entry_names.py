"""Entries are named by their project's title, else as the authority's new entry: in
headings, lists, e-mails and the receipt. The reference is a slug for addresses; it
shows only as a small detail where the secretariat needs it."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from submissions import services
from submissions.documents import receipt_for
from submissions.enums import CHECKLIST

pytestmark = pytest.mark.django_db


def french(msgid: str, **values) -> str:
    """The French catalogue's sentence: its translations land with the next merge of
    the French texts, so the test asks the catalogue rather than repeating it."""
    with translation.override("fr"):
        return gettext(msgid) % values


def h1(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)[1].strip()


def title_tag(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1].strip()


def transition(entry, action, by, callbacks, **kwargs):
    with callbacks(execute=True):
        return services.entry_transition(entry_id=entry.pk, action=action, by=by, **kwargs)


@pytest.fixture
def submitted(ready, member, secretary, django_capture_on_commit_callbacks):
    services.authority_verify(authority_id=ready.authority_id, by=secretary)
    entry = transition(ready, "submit", member, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    return entry


def test_display_title_of_a_new_entry_names_its_authority(draft):
    with translation.override("en"):
        assert draft.display_title == "New entry of City of Ghent"
    with translation.override("fr"):
        expected = french("New entry of %(authority)s", authority="City of Ghent")
        assert draft.display_title == expected
    assert draft.ref not in draft.display_title


def test_display_title_is_the_title_in_the_readers_language(ready):
    with translation.override("en"):
        assert (ready.display_title, ready.title_text) == ("Schools for all",) * 2
    with translation.override("fr"):
        assert (ready.display_title, ready.title_text) == ("L’école pour tous",) * 2


def test_entry_pages_of_a_new_entry_are_headed_by_its_authority(client, member, draft):
    client.force_login(member)
    for url in (f"/en/entries/{draft.ref}/", f"/en/entries/{draft.ref}/edit/"):
        response = client.get(url)
        assert h1(response) == "New entry of City of Ghent"
        assert draft.ref not in title_tag(response)


def test_entry_page_of_a_titled_entry_is_headed_by_its_title(client, member, ready):
    client.force_login(member)
    assert h1(client.get(f"/en/entries/{ready.ref}/")) == "Schools for all"
    assert h1(client.get(f"/fr/entries/{ready.ref}/")) == "L’école pour tous"


def test_authority_page_lists_a_new_entry_by_name(client, member, draft):
    client.force_login(member)
    page = client.get(f"/en/authorities/{draft.authority_id}/").content.decode()
    assert f'<a href="/en/entries/{draft.ref}/">New entry of City of Ghent</a>' in page


def test_withdrawn_new_entry_mail_names_the_authority(
    draft, member, django_capture_on_commit_callbacks
):
    transition(draft, "withdraw", member, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == "Your entry was withdrawn: New entry of City of Ghent"
    name = member.get_full_name()
    assert f"Your entry for City of Ghent was withdrawn by {name}." in message.body
    assert draft.ref not in message.body


def test_withdrawn_new_entry_mail_in_french(draft, member, django_capture_on_commit_callbacks):
    member.language = "fr"
    member.save()
    transition(draft, "withdraw", member, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    new_entry = french("New entry of %(authority)s", authority="City of Ghent")
    assert message.subject == french("Your entry was withdrawn: %(title)s", title=new_entry)
    sentence = french(
        "Your entry for %(authority)s was withdrawn by %(who)s.",
        authority="City of Ghent",
        who=member.get_full_name(),
    )
    assert sentence in message.body
    assert draft.ref not in message.body


def test_submitted_mail_and_receipt_name_the_project(
    ready, member, django_capture_on_commit_callbacks
):
    entry = transition(ready, "submit", member, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == "Your entry was submitted: Schools for all"
    assert (
        f"Your entry “Schools for all” for City of Ghent to the {entry.edition.display_name} "
        "was submitted."
    ) in message.body
    body_without_link = message.body.replace(f"/en/entries/{entry.ref}/", "")
    assert entry.ref not in body_without_link
    receipt = PdfReader(io.BytesIO(message.attachments[0][1]))
    assert receipt.metadata.title == "Receipt of submission – Schools for all"


def test_submitted_mail_in_french_names_the_french_title(
    ready, member, django_capture_on_commit_callbacks
):
    member.language = "fr"
    member.save()
    entry = transition(ready, "submit", member, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == french(
        "Your entry was submitted: %(title)s", title="L’école pour tous"
    )
    sentence = french(
        "Your entry “%(title)s” for %(authority)s to the %(edition)s was submitted.",
        title="L’école pour tous",
        authority="City of Ghent",
        edition=entry.edition.name["fr"],
    )
    assert sentence in message.body


@pytest.mark.parametrize(
    ("action", "kwargs", "subject", "sentence"),
    [
        (
            "mark_eligible",
            {"checklist": {code: True for code, _label in CHECKLIST}},
            "Your entry is eligible: Schools for all",
            "Your entry “Schools for all” for City of Ghent is eligible for the {edition}.",
        ),
        (
            "mark_ineligible",
            {"note": "Too late."},
            "Your entry is not eligible: Schools for all",
            "We are sorry: your entry “Schools for all” for City of Ghent is not eligible for "
            "the {edition}, for this reason:",
        ),
        (
            "request_info",
            {"note": "Which schools?", "reply_by": timezone.localdate() + timedelta(days=9)},
            "The secretariat needs more information about your entry: Schools for all",
            "The secretariat needs more information about your entry “Schools for all” for "
            "City of Ghent:",
        ),
    ],
)
def test_screening_mails_name_the_project(
    submitted, secretary, django_capture_on_commit_callbacks, action, kwargs, subject, sentence
):
    transition(submitted, action, secretary, django_capture_on_commit_callbacks, **kwargs)
    [message] = mail.outbox
    assert message.subject == subject
    body = " ".join(message.body.split())
    assert sentence.format(edition=submitted.edition.display_name) in body


def test_info_request_mail_keeps_the_lines_and_items_as_typed(
    submitted, secretary, django_capture_on_commit_callbacks
):
    note = "Please send:\n- the budget\n- the list of partners\n\n-5 days left? No: 10."
    transition(
        submitted,
        "request_info",
        secretary,
        django_capture_on_commit_callbacks,
        note=note,
        reply_by=timezone.localdate() + timedelta(days=9),
    )
    assert f"\n{note}\n" in mail.outbox[0].body


def test_screening_list_names_entries_with_the_reference_as_a_detail(client, secretary, submitted):
    client.force_login(secretary)
    page = client.get(f"/en/secretariat/editions/{submitted.edition.number}/entries/")
    html = page.content.decode()
    assert (
        f'<a href="/en/secretariat/entries/{submitted.ref}/">Schools for all</a>'
        f'<br><small class="ref">{submitted.ref}</small>'
    ) in html
    assert 'aria-label="Select Schools for all"' in html


def test_screening_page_title_names_the_project(client, secretary, submitted):
    client.force_login(secretary)
    response = client.get(f"/en/secretariat/entries/{submitted.ref}/")
    assert title_tag(response).startswith("Screening: Schools for all")
    assert h1(response) == "Schools for all"


def test_receipt_of_an_untitled_entry_names_its_authority(draft):
    draft.summary = {"en": "Short."}
    draft.submitted_at = timezone.now()
    with translation.override("en"):
        pdf = receipt_for(draft, language="en")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "New entry of City of Ghent" in text
