"""The entry lifecycle through its one service: every transition allowed and refused,
permitted and not, each logged with who, when, from, to and the note."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from prize.enums import EditionState
from submissions import services
from submissions.enums import CHECKLIST, EntryState
from submissions.models import Entry, EntryTransition
from tests.factories import EditionFactory, UserFactory
from tests.submissions.conftest import fill

pytestmark = pytest.mark.django_db
ALL_CHECKED = {code: True for code, _label in CHECKLIST}


def french(msgid: str, **values) -> str:
    """The French catalogue's sentence: its translations land with the next merge of
    the French texts, so the test asks the catalogue rather than repeating it."""
    with translation.override("fr"):
        return gettext(msgid) % values


def submit(entry, by, callbacks):
    with callbacks(execute=True):
        return services.entry_transition(entry_id=entry.pk, action="submit", by=by)


def test_submit_records_time_and_person_logs_and_mails_a_pdf_receipt(
    ready, member, django_capture_on_commit_callbacks
):
    entry = submit(ready, member, django_capture_on_commit_callbacks)
    assert entry.state == EntryState.SUBMITTED
    assert entry.submitted_by == member
    log = EntryTransition.objects.filter(entry=entry).last()
    assert (log.action, log.source, log.target, log.by) == ("submit", "draft", "submitted", member)
    assert log.at == entry.submitted_at
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@ghent.example"]
    assert message.subject == "Your entry was submitted: Schools for all"
    assert f"http://testserver/en/entries/{entry.ref}/" in message.body
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == (f"receipt-{entry.ref}.pdf", "application/pdf")
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert entry.ref in text
    assert "Roma children go to the same schools as everyone." in text


def test_submit_mail_is_in_the_submitters_language(
    ready, member, django_capture_on_commit_callbacks
):
    member.language = "fr"
    member.save()
    submit(ready, member, django_capture_on_commit_callbacks)
    assert mail.outbox[0].subject == french(
        "Your entry was submitted: %(title)s", title="L’école pour tous"
    )
    assert f"/fr/entries/{ready.ref}/" in mail.outbox[0].body


def test_submit_lists_every_missing_field_and_changes_nothing(draft, member):
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=draft.pk, action="submit", by=member)
    messages = refused.value.messages
    assert "Give the project a title in English or French." in messages
    assert "Write a summary." in messages
    assert "Give your consent to publication." in messages
    assert "Add at least one photo." in messages
    assert len([m for m in messages if m.startswith("Write a statement for the criterion")]) == 5
    draft.refresh_from_db()
    assert draft.state == EntryState.DRAFT
    assert not EntryTransition.objects.filter(entry=draft, action="submit").exists()


def test_submit_without_a_photo_is_refused(draft, member):
    fill(draft, member)
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=draft.pk, action="submit", by=member)
    assert refused.value.messages == ["Add at least one photo."]


def test_submit_one_second_after_the_deadline_is_late_and_says_when_it_was(ready, member):
    edition = ready.edition
    deadline = timezone.now() - timedelta(seconds=1)
    type(edition).objects.filter(pk=edition.pk).update(submission_deadline=deadline)
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=ready.pk, action="submit", by=member)
    local = timezone.localtime(deadline)
    expected = (
        f"The deadline was {local.day} {local:%B %Y} at {local:%H:%M} (Strasbourg time). "
        "Entries can no longer be submitted."
    )
    assert refused.value.messages == [expected]


def test_submit_when_the_call_is_not_open_is_refused(ready, member):
    type(ready.edition).objects.filter(pk=ready.edition_id).update(state=EditionState.SCREENING)
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=ready.pk, action="submit", by=member)
    assert refused.value.messages == ["The call for entries of this edition is not open."]


def test_submit_from_a_country_outside_the_edition_is_refused(ready, member):
    type(ready.edition).objects.filter(pk=ready.edition_id).update(eligible_countries=["FR", "RO"])
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=ready.pk, action="submit", by=member)
    assert refused.value.messages == ["Authorities from Belgium cannot take part in this edition."]


def test_submit_with_a_project_outside_the_period_is_refused(ready, member):
    fill(
        ready,
        member,
        project_start=ready.edition.project_end + timedelta(days=1),
        project_end=ready.edition.project_end + timedelta(days=100),
    )
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=ready.pk, action="submit", by=member)
    assert refused.value.messages == [
        "The project must have run at some time between 1 January 2024 and 31 December 2025."
    ]


def test_submit_by_someone_outside_the_authority_is_refused(ready, other_member, secretary):
    for person in (other_member, secretary):
        with pytest.raises(PermissionDenied):
            services.entry_transition(entry_id=ready.pk, action="submit", by=person)
    ready.refresh_from_db()
    assert ready.state == EntryState.DRAFT


def test_a_second_submit_says_it_was_already_submitted_and_mails_once(
    ready, member, django_capture_on_commit_callbacks
):
    submit(ready, member, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as refused:
        submit(ready, member, django_capture_on_commit_callbacks)
    assert refused.value.messages == ["This entry was already submitted."]
    assert len(mail.outbox) == 1
    assert EntryTransition.objects.filter(entry=ready, action="submit").count() == 1


def test_a_submitted_entry_is_read_only(ready, member, django_capture_on_commit_callbacks):
    submit(ready, member, django_capture_on_commit_callbacks)
    ready.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.entry_update(entry_id=ready.pk, by=member, version=ready.version, results="x")
    assert refused.value.messages == ["This entry is “Submitted” and can no longer be changed."]


def test_an_unverified_authority_can_submit_but_is_not_screened_until_verified(
    ready, member, secretary, django_capture_on_commit_callbacks
):
    submit(ready, member, django_capture_on_commit_callbacks)
    assert "Your authority is not verified yet" in mail.outbox[0].body
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(
            entry_id=ready.pk, action="mark_eligible", by=secretary, checklist=ALL_CHECKED
        )
    assert refused.value.messages == ["Verify the authority first."]
    services.authority_verify(authority_id=ready.authority_id, by=secretary)
    entry = services.entry_transition(
        entry_id=ready.pk, action="mark_eligible", by=secretary, checklist=ALL_CHECKED
    )
    assert entry.state == EntryState.ELIGIBLE


@pytest.fixture
def submitted(ready, member, secretary, django_capture_on_commit_callbacks):
    services.authority_verify(authority_id=ready.authority_id, by=secretary)
    entry = submit(ready, member, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    return entry


def test_mark_eligible_needs_every_checklist_item(submitted, secretary):
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(
            entry_id=submitted.pk,
            action="mark_eligible",
            by=secretary,
            checklist={**ALL_CHECKED, "targets_roma": False},
        )
    assert refused.value.messages == [
        "Tick every item of the checklist. Not ticked: The project targets Roma and/or Travellers."
    ]


def test_mark_eligible_logs_the_checklist_and_tells_the_authority(
    submitted, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_transition(
            entry_id=submitted.pk,
            action="mark_eligible",
            by=secretary,
            checklist=ALL_CHECKED,
            internal_note="Checked with the national association.",
        )
    log = EntryTransition.objects.filter(entry=submitted).last()
    assert (log.source, log.target, log.checklist) == ("submitted", "eligible", ALL_CHECKED)
    assert mail.outbox[0].subject == "Your entry is eligible: Schools for all"
    assert "national association" not in mail.outbox[0].body


def test_mark_ineligible_needs_a_reason_and_mails_it_to_every_member(
    submitted, secretary, django_capture_on_commit_callbacks
):
    colleague = UserFactory(email="colleague@ghent.example", language="fr")
    submitted.authority.members.add(colleague)
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=submitted.pk, action="mark_ineligible", by=secretary)
    assert refused.value.messages == ["Give the reason; the authority receives it by e-mail."]
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_transition(
            entry_id=submitted.pk,
            action="mark_ineligible",
            by=secretary,
            note="The project ended in 2019, before the edition's period.",
        )
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"ana@ghent.example", "colleague@ghent.example"}
    assert by_address["ana@ghent.example"].subject == "Your entry is not eligible: Schools for all"
    assert by_address["colleague@ghent.example"].subject == french(
        "Your entry is not eligible: %(title)s", title="L’école pour tous"
    )
    for message in mail.outbox:
        assert "The project ended in 2019, before the edition's period." in message.body


def test_request_info_then_the_authority_edits_and_resubmits(
    client, submitted, member, secretary, django_capture_on_commit_callbacks
):
    reply_by = timezone.localdate() + timedelta(days=10)
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=submitted.pk, action="request_info", by=secretary)
    assert refused.value.messages == [
        "Write what information is needed.",
        "Give a reply-by date that is today or later.",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.entry_transition(
            entry_id=submitted.pk,
            action="request_info",
            by=secretary,
            note="Please add the budget breakdown.",
            reply_by=reply_by,
        )
    assert (entry.state, entry.reply_by) == (EntryState.INFO_REQUESTED, reply_by)
    assert "Please add the budget breakdown." in mail.outbox[0].body
    client.force_login(member)  # the page gives the reply-by date, not the call's deadline
    page = client.get(f"/en/entries/{entry.ref}/").text
    assert f"Please reply by {reply_by:%-d %B %Y}." in page
    assert "Deadline:" not in page
    entry = fill(entry, member, funding="City 60%, ESF 40%.")
    entry = submit(entry, member, django_capture_on_commit_callbacks)
    assert entry.state == EntryState.SUBMITTED
    actions = list(EntryTransition.objects.filter(entry=entry).values_list("action", flat=True))
    assert actions == ["create", "submit", "request_info", "submit"]


def test_resubmitting_after_the_reply_by_date_is_refused(submitted, member, secretary):
    services.entry_transition(
        entry_id=submitted.pk,
        action="request_info",
        by=secretary,
        note="Add the budget.",
        reply_by=timezone.localdate(),
    )
    Entry.objects.filter(pk=submitted.pk).update(reply_by=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=submitted.pk, action="submit", by=member)
    assert refused.value.messages[0].startswith("The reply was due by ")


def test_screening_by_an_authority_member_is_refused(submitted, member):
    for action in ("mark_eligible", "mark_ineligible", "request_info", "reconsider"):
        with pytest.raises((PermissionDenied, ValidationError)):
            services.entry_transition(entry_id=submitted.pk, action=action, by=member, note="x")
    submitted.refresh_from_db()
    assert submitted.state == EntryState.SUBMITTED


def test_reconsider_puts_a_decision_back_to_submitted(submitted, secretary):
    services.entry_transition(
        entry_id=submitted.pk, action="mark_ineligible", by=secretary, note="Wrong country."
    )
    entry = services.entry_transition(entry_id=submitted.pk, action="reconsider", by=secretary)
    assert entry.state == EntryState.SUBMITTED


def test_withdraw_until_judging_starts(submitted, member):
    entry = services.entry_transition(
        entry_id=submitted.pk, action="withdraw", by=member, note="Project cancelled."
    )
    assert entry.state == EntryState.WITHDRAWN
    log = EntryTransition.objects.filter(entry=entry).last()
    assert (log.by, log.note) == (member, "Project cancelled.")


def test_withdraw_after_judging_started_is_refused(submitted, member, secretary):
    services.entry_transition(
        entry_id=submitted.pk, action="mark_eligible", by=secretary, checklist=ALL_CHECKED
    )
    type(submitted.edition).objects.filter(pk=submitted.edition_id).update(
        state=EditionState.JUDGING
    )
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=submitted.pk, action="withdraw", by=member)
    assert refused.value.messages == ["Judging has started: entries can no longer be withdrawn."]


def test_withdraw_by_the_secretariat_is_refused(submitted, secretary):
    with pytest.raises(PermissionDenied):
        services.entry_transition(entry_id=submitted.pk, action="withdraw", by=secretary)


def test_impossible_steps_name_the_state(draft, secretary):
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=draft.pk, action="mark_eligible", by=secretary)
    assert refused.value.messages == ["That is not possible while the entry is “Draft”."]


def test_the_state_cannot_be_set_directly(draft):
    with pytest.raises(AttributeError):
        draft.state = EntryState.ELIGIBLE


def test_two_members_saving_one_draft_the_later_one_is_told(draft, member):
    colleague = UserFactory(name="Colleague Carla")
    draft.authority.members.add(colleague)
    opened = draft.version
    services.entry_update(entry_id=draft.pk, by=colleague, version=opened, results="Carla's")
    with pytest.raises(ValidationError) as refused:
        services.entry_update(entry_id=draft.pk, by=member, version=opened, results="Ana's")
    assert refused.value.messages[0].startswith("Colleague Carla saved this entry at ")
    draft.refresh_from_db()
    assert draft.results == "Carla's"


def test_one_entry_per_authority_and_edition(draft, member):
    with pytest.raises(ValidationError) as refused:
        services.entry_create(
            by=member, authority_id=draft.authority_id, edition_id=draft.edition_id
        )
    assert refused.value.messages == ["City of Ghent already has an entry in this edition."]


def test_no_entry_for_an_edition_that_is_not_open(authority, member):
    closed = EditionFactory(state=EditionState.SCREENING)
    with pytest.raises(ValidationError):
        services.entry_create(by=member, authority_id=authority.pk, edition_id=closed.pk)
