"""A moved deadline: during an open call it needs the secretariat's reason, which every
authority with an entry receives in its members' languages; it never moves into the past.
The rule holds in edition_update, so the page, the admin and the service all obey it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from outreach.enums import NoticeKind
from outreach.models import Notice, OptOut
from outreach.services import reminders_send
from prize import services
from prize.enums import EditionState
from prize.forms import EditionForm
from prize.models import Edition, EditionTransition
from tests.factories import AuthorityFactory, EntryFactory, ParticipationFactory
from tests.html_forms import forms_of
from tests.outreach.conftest import at_state, member

pytestmark = pytest.mark.django_db

PAST_SENTENCE = "The call is open: its deadline cannot be moved into the past."
REASON_SENTENCE = "Say why the deadline moves: every authority with an entry is told"


@pytest.fixture
def call():
    """Edition 9, open until 30 days from now. Ghent has a draft (Ana, English, who
    opted out of announcements); Surčin a submitted entry (Émile, French); Lom withdrew
    its entry; Volos is only an Alliance participant."""
    edition = at_state(
        EditionState.OPEN,
        number=9,
        name={"en": "9th Dosta!-Congress Prize", "fr": "9e Prix Dosta!-Congrès"},
        submission_deadline=timezone.now() + timedelta(days=30),  # with seconds
    )
    ghent = AuthorityFactory(name="City of Ghent", country="BE")
    EntryFactory(edition=edition, authority=ghent, state="draft")
    OptOut.objects.create(user=member(ghent, "ana@ghent.example"))
    surcin = AuthorityFactory(name="Municipality of Surčin", country="RS")
    EntryFactory(edition=edition, authority=surcin, state="submitted")
    member(surcin, "emile@surcin.example", "fr")
    lom = AuthorityFactory(name="Municipality of Lom", country="BG")
    EntryFactory(edition=edition, authority=lom, state="withdrawn")
    member(lom, "lia@lom.example")
    volos = AuthorityFactory(name="Municipality of Volos", country="GR")
    ParticipationFactory(authority=volos)
    member(volos, "nikos@volos.example")
    return edition


def fields(edition, **changes) -> dict:
    """The edition's settings as the secretariat's form sends them, with `changes`."""
    initial = EditionForm.initial_from(edition) | changes
    data = {}
    for name, value in initial.items():
        if value is None or value is False:
            continue
        if name == "submission_deadline":
            value = timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
        data[name] = "on" if value is True else value
    return data


def assert_told(edition, old, new) -> None:
    sent = {m.to[0]: m for m in mail.outbox}
    assert sorted(sent) == ["ana@ghent.example", "emile@surcin.example"]
    english, french = sent["ana@ghent.example"], sent["emile@surcin.example"]
    assert english.subject == "The submission deadline has moved: 9th Dosta!-Congress Prize"
    assert french.subject == "La date limite de dépôt a changé : 9e Prix Dosta!-Congrès"
    assert "The secretariat's reason:\nThe postal strike delayed the letters.\n" in english.body
    assert "La raison donnée par le secrétariat :\nThe postal strike" in french.body
    assert (
        f"has moved from {timezone.localtime(old):%-d %B %Y} at "
        f"{timezone.localtime(old):%H:%M} (Strasbourg time) to "
        f"{timezone.localtime(new):%-d %B %Y}"
    ) in english.body
    assert "a été déplacée du " in french.body and "(heure de Strasbourg)" in french.body
    assert "opt-out" not in english.body  # always sent: it changes the terms of the entry
    log = EditionTransition.objects.get(edition=edition, action="move_deadline")
    assert log.note == "The postal strike delayed the letters."


def test_the_service_moves_the_deadline_and_tells_every_entrant(
    call, secretary, django_capture_on_commit_callbacks
):
    old, new = call.submission_deadline, call.submission_deadline + timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_update(
            edition_id=call.pk,
            by=secretary,
            submission_deadline=new,
            deadline_reason="  The postal strike delayed the letters. ",
        )
    assert_told(call, old, new)


def test_the_secretariats_page_asks_for_the_reason_then_tells_every_entrant(
    call, client, secretary, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    old = call.submission_deadline
    new = (old + timedelta(days=14)).replace(second=0, microsecond=0)  # the page: minutes
    url = f"/en/secretariat/editions/{call.number}/"
    assert "Why the deadline moves" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, fields(call, submission_deadline=new))
    assert response.status_code == 400
    assert REASON_SENTENCE in response.text
    assert Edition.objects.get(pk=call.pk).submission_deadline == old
    assert mail.outbox == []

    reason = "The postal strike delayed the letters."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, fields(call, submission_deadline=new, deadline_reason=reason))
    assert response.status_code == 302
    assert Edition.objects.get(pk=call.pk).submission_deadline == new
    assert_told(call, old, new)


def test_other_settings_of_an_open_call_need_no_reason_and_tell_nobody(
    call, client, secretary, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/secretariat/editions/{call.number}/", fields(call, ceremony_place="Paris")
        )
    assert response.status_code == 302
    assert mail.outbox == []
    assert not EditionTransition.objects.filter(action="move_deadline").exists()


def test_a_draft_editions_deadline_moves_freely_and_silently(
    secretary, django_capture_on_commit_callbacks
):
    edition = at_state(EditionState.DRAFT)
    EntryFactory(edition=edition, state="draft")
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_update(
            edition_id=edition.pk,
            by=secretary,
            submission_deadline=timezone.now() - timedelta(days=1),
        )
    assert mail.outbox == []


@pytest.mark.parametrize("when", [timedelta(minutes=-1), timedelta(days=-30), None])
def test_the_service_refuses_an_open_calls_deadline_in_the_past(call, secretary, when):
    new = timezone.now() + when if when is not None else None
    with pytest.raises(ValidationError) as error:
        services.edition_update(
            edition_id=call.pk, by=secretary, submission_deadline=new, deadline_reason="Why not."
        )
    message = error.value.message_dict["submission_deadline"][0]
    assert message.startswith("The call is open:")
    assert Edition.objects.get(pk=call.pk).submission_deadline == call.submission_deadline
    assert not EditionTransition.objects.exists()


def test_the_page_refuses_an_open_calls_deadline_in_the_past_and_keeps_what_was_typed(
    call, client, secretary, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    past = timezone.now() - timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/secretariat/editions/{call.number}/",
            fields(call, submission_deadline=past, deadline_reason="Typo."),
        )
    assert response.status_code == 400
    assert PAST_SENTENCE in response.text
    assert "Typo." in response.text
    assert Edition.objects.get(pk=call.pk).submission_deadline == call.submission_deadline
    assert mail.outbox == []


def test_the_page_refuses_it_in_french_too(call, client, secretary):
    client.force_login(secretary)
    past = timezone.now() - timedelta(days=2)
    response = client.post(
        f"/fr/secretariat/editions/{call.number}/",
        fields(call, submission_deadline=past, deadline_reason="Typo."),
    )
    assert "sa date limite ne peut pas être déplacée dans le passé" in response.text


def test_the_admin_changes_no_deadline_and_reopens_no_call_whose_deadline_passed(
    call, client, secretary
):
    client.force_login(secretary)
    url = f"/en/admin/prize/edition/{call.pk}/change/"
    past = timezone.localtime(timezone.now() - timedelta(days=2))
    data = {
        "submission_deadline_0": past.strftime("%Y-%m-%d"),
        "submission_deadline_1": past.strftime("%H:%M:%S"),
        "criteria-TOTAL_FORMS": 0,
        "criteria-INITIAL_FORMS": 0,
        "transitions-TOTAL_FORMS": 0,
        "transitions-INITIAL_FORMS": 0,
    }
    client.post(url, data)
    assert Edition.objects.get(pk=call.pk).submission_deadline == call.submission_deadline

    Edition.objects.filter(pk=call.pk).update(
        state=EditionState.SCREENING, submission_deadline=past
    )
    response = client.post(url, data | {"_fsm_transition_to": "reopen_call"}, follow=True)
    assert "first move the submission deadline into the future" in response.text
    assert Edition.objects.get(pk=call.pk).state == EditionState.SCREENING


def test_after_a_move_later_the_reminders_come_again_before_the_new_deadline(
    call, secretary, django_capture_on_commit_callbacks
):
    Edition.objects.filter(pk=call.pk).update(
        submission_deadline=timezone.now() + timedelta(days=10)
    )
    Notice.objects.all().delete()
    OptOut.objects.all().delete()
    assert reminders_send() == 1  # Ghent's draft
    later = timezone.now() + timedelta(days=40)
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_update(
            edition_id=call.pk,
            by=secretary,
            submission_deadline=later,
            deadline_reason="More time.",
        )
    assert not Notice.objects.filter(kind=NoticeKind.REMINDER_14).exists()
    assert reminders_send(now=later - timedelta(days=13)) == 1
    assert reminders_send(now=later - timedelta(days=12)) == 0


def test_the_settings_page_saved_as_it_came_keeps_the_deadline_and_asks_no_reason(
    client, secretary, call
):
    """The page writes the deadline to the second (the stored one has microseconds): sent
    back untouched, as a browser does, it is not a move, and no mail goes out."""
    client.force_login(secretary)
    address = f"/en/secretariat/editions/{call.number}/"
    page = client.get(address)
    form = next(f for f in forms_of(page.content.decode()) if "submission_deadline" in f.names())
    before = Edition.objects.get(pk=call.pk).submission_deadline
    answer = client.post(address, form.entry_list())
    assert answer.status_code == 302
    assert Edition.objects.get(pk=call.pk).submission_deadline == before
    assert not EditionTransition.objects.filter(edition=call, action="move_deadline").exists()
