"""The opt-out link of every announcement and reminder: it works without logging in,
opening it changes nothing (mail scanners open links), a button or a mail program's
one-click POST (RFC 8058) stops the mails, and the person can take it back."""

import pytest
from django.core import mail
from django.test import Client

from accounts.personal_data import account_erase, personal_data
from outreach.mails import call_opened_mail
from outreach.models import OptOut
from outreach.services import call_announce
from outreach.tokens import opt_out_token
from prize.enums import EditionState
from prize.models import Edition
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def page(person) -> str:
    return f"/{person.language}/announcements/opt-out/{opt_out_token(person)}/"


def open_call(world) -> None:
    Edition.objects.filter(pk=world.draft_edition.pk).update(state=EditionState.OPEN)


def test_opening_the_link_changes_nothing_and_the_button_stops_the_announcements(world):
    visitor = Client(enforce_csrf_checks=False)
    response = visitor.get(page(world.ana))
    assert response.status_code == 200
    assert "a…@ghent.example receives the announcement of each new call" in response.text
    assert response["X-Robots-Tag"] == "noindex"
    assert not OptOut.objects.filter(user=world.ana).exists()

    response = visitor.post(page(world.ana), {"choice": "stop"}, follow=True)
    assert "Done: you will receive no more announcements or reminders." in response.text
    assert "No announcements of calls for entries" in response.text
    open_call(world)
    call_announce(edition_id=world.draft_edition.pk)
    assert [m.to[0] for m in mail.outbox] == ["emile@surcin.example"]


def test_the_person_takes_it_back_and_hears_of_the_next_call(world):
    visitor = Client()
    visitor.post(page(world.oz), {"choice": "resume"})
    assert not OptOut.objects.filter(user=world.oz).exists()
    open_call(world)
    call_announce(edition_id=world.draft_edition.pk)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@ghent.example",
        "emile@surcin.example",
        "oz@example.org",
    ]


def test_the_page_speaks_the_persons_language(world):
    response = Client().get(page(world.emile))
    assert "reçoit l’annonce de chaque nouvel appel à candidatures" in response.text
    assert 'lang="fr"' in response.text


def test_a_mail_programs_one_click_post_stops_the_mails_without_a_session_or_csrf(world):
    program = Client(enforce_csrf_checks=True)
    url = page(world.ana) + "one-click/"
    assert program.get(url).status_code == 302  # a scanner's GET: only the page
    assert not OptOut.objects.filter(user=world.ana).exists()
    response = program.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert OptOut.objects.filter(user=world.ana).exists()


def test_a_post_of_the_page_without_its_csrf_token_changes_nothing(world):
    response = Client(enforce_csrf_checks=True).post(page(world.ana), {"choice": "stop"})
    assert response.status_code == 403
    assert not OptOut.objects.filter(user=world.ana).exists()


def test_an_altered_token_is_not_found_and_a_strange_choice_is_refused(world):
    token = opt_out_token(world.ana)
    assert Client().get(f"/en/announcements/opt-out/{token[:-2]}xx/").status_code == 404
    response = Client().post(page(world.ana), {"choice": "everything"})
    assert response.status_code == 400
    assert "Choose one of the page's two buttons." in response.text


def test_someone_who_opted_out_after_the_mail_was_queued_does_not_get_it(world):
    """The worker checks the opt-out when it sends."""
    open_call(world)
    OptOut.objects.create(user=world.ana)
    assert call_opened_mail(user_id=world.ana.pk, edition_id=world.draft_edition.pk) == 0
    assert mail.outbox == []


def test_the_opt_out_is_in_the_persons_data_and_goes_with_their_account(world):
    assert personal_data(user=world.oz)["outreach"]["announcements_and_reminders"] == "stopped"
    assert personal_data(user=world.ana)["outreach"] == {
        "announcements_and_reminders": "sent",
        "stopped_since": None,
    }
    account_erase(user=world.oz, password=PASSWORD)
    assert not OptOut.objects.exists()
