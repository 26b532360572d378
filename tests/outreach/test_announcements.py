"""When a call opens, the Alliance's participants and the authorities that entered before
hear of it, each person in their own language, with an opt-out link that works: whatever
path opened the call (the secretariat's page, the admin's button, the service)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from outreach.enums import NoticeKind
from outreach.models import Notice
from outreach.services import call_announce
from prize.enums import EditionState
from prize.models import Edition
from results import services
from tests.outreach.conftest import at_state

pytestmark = pytest.mark.django_db


def by_recipient() -> dict:
    return {message.to[0]: message for message in mail.outbox}


def assert_announced(world) -> None:
    sent = by_recipient()
    assert sorted(sent) == ["ana@ghent.example", "emile@surcin.example"]
    english, french = sent["ana@ghent.example"], sent["emile@surcin.example"]
    assert english.subject == "The call for entries is open: 9th Dosta!-Congress Prize"
    assert french.subject == "L’appel à candidatures est ouvert : 9e Prix Dosta!-Congrès"
    assert "The call for entries of the 9th Dosta!-Congress Prize is open." in english.body
    assert "L’appel à candidatures du 9e Prix Dosta!-Congrès est ouvert." in french.body
    assert "/en/announcements/opt-out/" in english.body
    assert "/fr/announcements/opt-out/" in french.body
    for message in (english, french):
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.extra_headers["List-Unsubscribe"].endswith("/one-click/>")
    reached = Notice.objects.filter(kind=NoticeKind.CALL_OPENED).values_list("authority__name")
    assert sorted(name for (name,) in reached) == [
        "City of Ghent",
        "City of Gliwice",  # its only member is inactive
        "Municipality of Surčin",
        "Şişli Municipality",  # its only member opted out
    ]


def test_opening_the_call_through_the_service_announces_it(
    world, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_transition(
            edition_id=world.draft_edition.pk, action="open_call", by=secretary
        )
    assert_announced(world)


def test_opening_the_call_from_the_secretariats_page_announces_it(
    world, client, secretary, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/secretariat/editions/9/transition/", {"action": "open_call"}, follow=True
        )
    assert "The edition is now: Open for entries." in response.text
    assert_announced(world)


def test_opening_the_call_with_the_admins_button_announces_it(
    world, client, secretary, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    edition = world.draft_edition
    url = f"/en/admin/prize/edition/{edition.pk}/change/"
    data = {
        "criteria-TOTAL_FORMS": 0,
        "criteria-INITIAL_FORMS": 0,
        "transitions-TOTAL_FORMS": 0,
        "transitions-INITIAL_FORMS": 0,
        "_fsm_transition_to": "open_call",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    assert Edition.objects.get(pk=edition.pk).state == EditionState.OPEN
    assert_announced(world)


def test_a_refused_opening_announces_nothing(world, secretary, django_capture_on_commit_callbacks):
    Edition.objects.filter(pk=world.draft_edition.pk).update(submission_deadline=None)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.edition_transition(
            edition_id=world.draft_edition.pk, action="open_call", by=secretary
        )
    assert mail.outbox == []
    assert not Notice.objects.exists()


def test_a_call_reopened_or_opened_again_is_announced_only_to_whom_it_was_not(
    world, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_transition(
            edition_id=world.draft_edition.pk, action="open_call", by=secretary
        )
    mail.outbox.clear()
    Edition.objects.filter(pk=world.draft_edition.pk).update(state=EditionState.SCREENING)
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_transition(
            edition_id=world.draft_edition.pk, action="reopen_call", by=secretary
        )
    assert mail.outbox == []
    assert call_announce(edition_id=world.draft_edition.pk) == 0


def test_a_call_withdrawn_before_the_worker_ran_is_not_announced(world):
    edition = at_state(EditionState.DRAFT, submission_deadline=timezone.now() + timedelta(9))
    assert call_announce(edition_id=edition.pk) == 0
    assert mail.outbox == []
