"""The Alliance lifecycle through its services: every transition allowed and refused,
permitted and not, each logged with who, when, from, to and the note, and the e-mails
sent to every member in their own language with the reason."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance import services
from alliance.enums import ParticipationState
from alliance.models import Participation, ParticipationTransition
from tests.alliance.conftest import ANSWERS, ask
from tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db
S = ParticipationState


def step(participation, action, by, note=""):
    return services.participation_transition(
        participation_id=participation.pk,
        action=action,
        by=by,
        note=note,
    )


def moved(participation, action, by, callbacks, note=""):
    """Take a step and run what it schedules after commit (the e-mails)."""
    with callbacks(execute=True):
        return step(participation, action, by, note)


def last_log(participation) -> ParticipationTransition:
    return participation.transitions.order_by("at", "pk").last()


def test_a_member_asks_to_join_and_the_request_is_logged(authority, member):
    participation = ask(authority, member, contact_name="Ana", languages="Serbian, Romani")
    assert participation.state == S.REQUESTED
    assert participation.slug == "kragujevac"
    assert (participation.commitment, participation.languages) == (
        ANSWERS["commitment"],
        "Serbian, Romani",
    )
    with participation.letter.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")
    assert participation.letter_name == "letter.pdf"
    log = last_log(participation)
    assert (log.action, log.source, log.target, log.by) == ("request", "", "requested", member)
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("stranger", "Only the authority's members can ask to join the Alliance."),
        ("juror", "Only the authority's members can ask to join the Alliance."),
        ("secretary", "Only the authority's members can ask to join the Alliance."),
        ("anonymous", "Only the authority's members can ask to join the Alliance."),
    ],
)
def test_only_members_ask_to_join(request, authority, who, message):
    by = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied) as refused:
        ask(authority, by)
    assert str(refused.value) == message
    assert not Participation.objects.exists()


def test_asking_twice_is_refused(requested, authority, member):
    with pytest.raises(ValidationError) as refused:
        ask(authority, member)
    assert refused.value.messages == ["Your request to join is with the secretariat already."]
    assert ParticipationTransition.objects.count() == 1


def test_the_secretariat_accepts_and_every_member_is_mailed_in_their_language(
    requested, secretary, django_capture_on_commit_callbacks
):
    participation = moved(requested, "accept", secretary, django_capture_on_commit_callbacks)
    assert participation.state == S.ACCEPTED
    assert participation.accepted_on == timezone.localdate()
    log = last_log(participation)
    assert (log.action, log.source, log.target, log.by) == (
        "accept",
        "requested",
        "accepted",
        secretary,
    )
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"ana@kragujevac.example", "luc@kragujevac.example"}
    english, french = by_address["ana@kragujevac.example"], by_address["luc@kragujevac.example"]
    assert english.subject == "Welcome to the Alliance of Cities and Regions for Roma Inclusion"
    assert "http://testserver/en/alliance/kragujevac/" in english.body
    assert "Hello Ana Petrović," in english.body
    assert "http://testserver/fr/alliance/kragujevac/" in french.body


@pytest.mark.parametrize(
    ("action", "target", "subject"),
    [
        (
            "request_info",
            S.INFO_REQUESTED,
            "The secretariat needs more information about your Alliance request",
        ),
        ("decline", S.DECLINED, "Your request to join the Alliance was declined"),
    ],
)
def test_a_request_for_information_or_a_decline_mails_the_reason(
    requested, secretary, django_capture_on_commit_callbacks, action, target, subject
):
    reason = "The letter is not signed by the mayor."
    participation = moved(
        requested, action, secretary, django_capture_on_commit_callbacks, note=reason
    )
    assert participation.state == target
    assert participation.reason == reason
    log = last_log(participation)
    assert (log.action, log.source, log.target, log.note) == (action, "requested", target, reason)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert reason in message.body
    english = next(m for m in mail.outbox if m.to == ["ana@kragujevac.example"])
    french = next(m for m in mail.outbox if m.to == ["luc@kragujevac.example"])
    assert english.subject == subject
    assert f"http://testserver/en/authorities/{requested.authority_id}/alliance/" in english.body
    assert f"http://testserver/fr/authorities/{requested.authority_id}/alliance/" in french.body


def test_ending_a_participation_needs_a_reason_and_mails_it(
    requested, secretary, django_capture_on_commit_callbacks
):
    step(requested, "accept", secretary)
    mail.outbox.clear()
    with pytest.raises(ValidationError) as refused:
        step(requested, "end", secretary, note="   ")
    assert refused.value.messages == ["Give the reason; the authority receives it by e-mail."]
    assert Participation.objects.get().state == S.ACCEPTED
    ended = moved(
        requested, "end", secretary, django_capture_on_commit_callbacks, note="It asked to leave."
    )
    assert (ended.state, ended.ended_on) == (S.ENDED, timezone.localdate())
    assert [m.subject for m in mail.outbox if m.to == ["ana@kragujevac.example"]] == [
        "Your participation in the Alliance has ended"
    ]
    assert all("It asked to leave." in m.body for m in mail.outbox)


@pytest.mark.parametrize("action", ["request_info", "decline"])
def test_a_request_for_information_or_a_decline_without_a_reason_is_refused(
    requested, secretary, action
):
    with pytest.raises(ValidationError) as refused:
        step(requested, action, secretary)
    assert refused.value.messages == ["Give the reason; the authority receives it by e-mail."]
    assert Participation.objects.get().state == S.REQUESTED
    assert requested.transitions.count() == 1


def test_the_authority_answers_a_request_for_information_and_sends_again(
    requested, authority, member, colleague, secretary
):
    step(requested, "request_info", secretary, note="Tell us more about the board.")
    old_letter = Participation.objects.get().letter.name
    participation = ask(
        authority, colleague, letter=None, dialogue="The board has six Roma members."
    )
    assert participation.state == S.REQUESTED
    assert participation.dialogue == "The board has six Roma members."
    assert participation.letter.name == old_letter  # kept: no new file was sent
    log = last_log(participation)
    assert (log.action, log.source, log.target, log.by) == (
        "resubmit",
        "info_requested",
        "requested",
        colleague,
    )


@pytest.mark.parametrize("closing", ["decline", "end"])
def test_after_a_decline_or_an_end_the_authority_may_ask_again_with_a_new_letter(
    requested, authority, member, secretary, closing, django_capture_on_commit_callbacks
):
    if closing == "end":
        step(requested, "accept", secretary)
    step(requested, closing, secretary, note="Reason.")
    with pytest.raises(ValidationError) as refused:
        ask(authority, member, letter=None)
    assert refused.value.message_dict == {"letter": ["Attach the commitment letter (PDF)."]}
    old = Participation.objects.get().letter.name
    with django_capture_on_commit_callbacks(execute=True):
        again = ask(authority, member)
    assert (again.state, again.accepted_on, again.reason) == (S.REQUESTED, None, "")
    assert again.slug == "kragujevac"  # the same address
    assert again.letter.name != old
    assert not again.letter.storage.exists(old)  # the replaced letter is deleted
    assert last_log(again).action == "request_again"


# --- Refusals: state ----------------------------------------------------------------------

REFUSED_BY_STATE = [
    # (state reached first, action, message)
    ("accepted", "accept", "This authority was already accepted."),
    ("accepted", "request_info", "That is not possible while the request is “Participant”."),
    ("accepted", "decline", "That is not possible while the request is “Participant”."),
    ("requested", "end", "That is not possible while the request is “Requested”."),
    (
        "info_requested",
        "accept",
        "That is not possible while the request is “More information requested”.",
    ),
    ("info_requested", "request_info", "More information was already asked for."),
    ("declined", "decline", "This request was already declined."),
    ("declined", "accept", "That is not possible while the request is “Declined”."),
    ("ended", "end", "This participation has already ended."),
    ("ended", "accept", "That is not possible while the request is “Ended”."),
    ("requested", "resubmit", "That is not possible while the request is “Requested”."),
    ("requested", "no_such_step", "That is not possible while the request is “Requested”."),
]
PATHS = {
    "requested": [],
    "accepted": ["accept"],
    "info_requested": ["request_info"],
    "declined": ["decline"],
    "ended": ["accept", "end"],
}


@pytest.mark.parametrize(("state", "action", "message"), REFUSED_BY_STATE)
def test_a_step_that_does_not_start_from_the_state_is_refused(
    requested, secretary, member, state, action, message
):
    for earlier in PATHS[state]:
        step(requested, earlier, secretary, note="A reason.")
    count = requested.transitions.count()
    by = member if action == "resubmit" else secretary
    with pytest.raises(ValidationError) as refused:
        step(requested, action, by, note="A reason.")
    assert refused.value.messages == [message]
    assert Participation.objects.get().state == state
    assert requested.transitions.count() == count


def test_an_authority_not_verified_yet_is_not_accepted(requested, secretary):
    type(requested.authority).objects.filter(pk=requested.authority_id).update(verified_at=None)
    with pytest.raises(ValidationError) as refused:
        step(requested, "accept", secretary)
    assert refused.value.messages == ["Verify the authority first."]
    assert Participation.objects.get().state == S.REQUESTED


def test_a_request_waiting_for_information_can_be_declined(requested, secretary):
    step(requested, "request_info", secretary, note="More, please.")
    declined = step(requested, "decline", secretary, note="No answer after three months.")
    assert (declined.state, last_log(declined).source) == (S.DECLINED, "info_requested")


# --- Refusals: permission -----------------------------------------------------------------


@pytest.mark.parametrize("action", ["accept", "request_info", "decline"])
@pytest.mark.parametrize("who", ["member", "stranger", "juror", "anonymous"])
def test_only_the_secretariat_decides(request, requested, action, who):
    by = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied) as refused:
        step(requested, action, by, note="A reason.")
    expected = (
        "You cannot take this step on this request."
        if who == "member"
        else "Only the authority's members and the secretariat can take this step."
    )
    assert str(refused.value) == expected
    assert Participation.objects.get().state == S.REQUESTED


@pytest.mark.parametrize("who", ["member", "stranger", "juror", "anonymous"])
def test_only_the_secretariat_ends_a_participation(request, requested, secretary, who):
    step(requested, "accept", secretary)
    by = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        step(requested, "end", by, note="A reason.")
    assert Participation.objects.get().state == S.ACCEPTED


@pytest.mark.parametrize("who", ["secretary", "stranger", "juror"])
def test_only_members_send_again(request, requested, secretary, who):
    step(requested, "request_info", secretary, note="More, please.")
    with pytest.raises(PermissionDenied):
        step(requested, "resubmit", request.getfixturevalue(who))
    assert Participation.objects.get().state == S.INFO_REQUESTED


# --- The charter -------------------------------------------------------------------------


def test_the_secretariat_records_the_charter_date_and_it_is_logged(requested, secretary):
    signed = timezone.localdate() - timedelta(days=3)
    participation = services.participation_charter_record(
        participation_id=requested.pk, by=secretary, signed_on=signed
    )
    assert (
        Participation.objects.get().charter_signed_on == signed == participation.charter_signed_on
    )
    log = last_log(participation)
    assert (log.action, log.source, log.target, log.note) == (
        "charter",
        "requested",
        "requested",
        signed.isoformat(),
    )


def test_a_charter_date_in_the_future_is_refused(requested, secretary):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.participation_charter_record(
            participation_id=requested.pk, by=secretary, signed_on=tomorrow
        )
    assert refused.value.messages[0].startswith("The charter cannot have been signed after today")
    assert Participation.objects.get().charter_signed_on is None


@pytest.mark.parametrize("who", ["member", "stranger", "juror"])
def test_only_the_secretariat_records_the_charter(request, requested, who):
    with pytest.raises(PermissionDenied):
        services.participation_charter_record(
            participation_id=requested.pk,
            by=request.getfixturevalue(who),
            signed_on=timezone.localdate(),
        )
    assert Participation.objects.get().charter_signed_on is None


def test_the_requests_of_two_authorities_with_the_same_name_get_two_addresses(member, stranger):
    first = AuthorityFactory(name="Sveti Nikole", country="MK")
    second = AuthorityFactory(name="Sveti Nikole", country="RS")
    first.members.add(member)
    second.members.add(stranger)
    assert ask(first, member).slug == "sveti-nikole"
    assert ask(second, stranger).slug == "sveti-nikole-2"


# --- Participants from before the site -------------------------------------------------


def test_the_secretariat_records_an_existing_participant(authority, secretary):
    since = timezone.localdate() - timedelta(days=400)
    participation = services.participation_register(
        authority_id=authority.pk, by=secretary, accepted_on=since
    )
    assert (participation.state, participation.accepted_on, participation.slug) == (
        S.ACCEPTED,
        since,
        "kragujevac",
    )
    log = last_log(participation)
    assert (log.action, log.source, log.target, log.by) == ("register", "", "accepted", secretary)
    with pytest.raises(ValidationError) as refused:
        services.participation_register(authority_id=authority.pk, by=secretary, accepted_on=since)
    assert refused.value.messages == ["Крагујевац already has an Alliance record."]


@pytest.mark.parametrize("who", ["member", "stranger", "juror"])
def test_only_the_secretariat_records_an_existing_participant(request, authority, who):
    with pytest.raises(PermissionDenied):
        services.participation_register(
            authority_id=authority.pk,
            by=request.getfixturevalue(who),
            accepted_on=timezone.localdate(),
        )
    assert not Participation.objects.exists()
