"""Reminders 14 and 3 days before the deadline, only to authorities with a draft, each
once per edition and authority, from the one command a scheduler runs: run twice, or
twice at once, it sends once."""

import io
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from outreach.enums import NoticeKind
from outreach.models import Notice, OptOut
from outreach.services import reminders_send
from prize.enums import EditionState
from tests.factories import AuthorityFactory, EntryFactory
from tests.outreach.conftest import at_state, member


def open_edition(days_left: float):
    return at_state(
        EditionState.OPEN,
        number=9,
        name={"en": "9th Dosta!-Congress Prize", "fr": "9e Prix Dosta!-Congrès"},
        submission_deadline=timezone.now() + timedelta(days=days_left),
    )


def authorities(edition):
    """Ghent has a draft (Ana, English); Surčin a draft (Émile, French) and a submitted
    entry; Volos only a submitted entry; Lom withdrew its draft."""
    ghent = AuthorityFactory(name="City of Ghent", country="BE")
    EntryFactory(edition=edition, authority=ghent, state="draft", ref="ghent", title=None)
    surcin = AuthorityFactory(name="Municipality of Surčin", country="RS")
    EntryFactory(
        edition=edition,
        authority=surcin,
        state="draft",
        ref="surcin",
        title={"fr": "Médiateurs roms"},
        summary={"fr": "Un projet."},
    )
    EntryFactory(edition=edition, authority=surcin, state="submitted", ref="surcin-2")
    volos = AuthorityFactory(name="Municipality of Volos", country="GR")
    EntryFactory(edition=edition, authority=volos, state="submitted", ref="volos")
    lom = AuthorityFactory(name="Municipality of Lom", country="BG")
    EntryFactory(edition=edition, authority=lom, state="withdrawn", ref="lom")
    return {
        "ana": member(ghent, "ana@ghent.example"),
        "emile": member(surcin, "emile@surcin.example", "fr"),
        "nikos": member(volos, "nikos@volos.example"),
        "lia": member(lom, "lia@lom.example"),
    }


def run() -> str:
    out = io.StringIO()
    call_command("send_scheduled", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_fourteen_days_before_only_drafts_are_reminded_in_their_language_and_once():
    edition = open_edition(days_left=10)
    authorities(edition)
    assert run() == "Reminders queued: 2.\n"
    assert run() == "Reminders queued: 0.\n"
    sent = {m.to[0]: m for m in mail.outbox}
    assert sorted(sent) == ["ana@ghent.example", "emile@surcin.example"]
    english, french = sent["ana@ghent.example"], sent["emile@surcin.example"]
    assert english.subject == "14 days left to submit your entry: 9th Dosta!-Congress Prize"
    assert french.subject == (
        "Plus que 14 jours pour déposer votre candidature : 9e Prix Dosta!-Congrès"
    )
    assert "the entry of City of Ghent to the 9th Dosta!-Congress Prize is still a draft" in (
        english.body
    )
    assert "Still missing:\n- Give the project a title in English or French.\n" in english.body
    assert "- Write a description.\n" in english.body
    assert "/en/entries/ghent/" in english.body
    assert "“Médiateurs roms”\nIl manque encore :\n- Rédigez une description." in french.body
    assert "Give the project a title" not in french.body
    assert "/fr/announcements/opt-out/" in french.body
    assert english.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notice.objects.filter(kind=NoticeKind.REMINDER_14).count() == 2


@pytest.mark.django_db
def test_three_days_before_the_second_reminder_and_never_before_or_after():
    edition = open_edition(days_left=20)
    people = authorities(edition)
    now = timezone.now()
    deadline = edition.submission_deadline
    assert reminders_send(now=now) == 0  # 20 days left: too early
    assert reminders_send(now=deadline - timedelta(days=14)) == 2
    assert reminders_send(now=deadline - timedelta(days=5)) == 0  # sent already
    OptOut.objects.create(user=people["emile"])
    assert reminders_send(now=deadline - timedelta(days=3)) == 1
    assert reminders_send(now=deadline - timedelta(days=1)) == 0
    assert reminders_send(now=deadline + timedelta(minutes=1)) == 0  # past: nothing
    assert [(m.to[0], m.subject.split(" : ")[0]) for m in mail.outbox] == [
        ("ana@ghent.example", "14 days left to submit your entry: 9th Dosta!-Congress Prize"),
        ("emile@surcin.example", "Plus que 14 jours pour déposer votre candidature"),
        ("ana@ghent.example", "3 days left to submit your entry: 9th Dosta!-Congress Prize"),
    ]


@pytest.mark.django_db
def test_a_scheduler_that_missed_the_fourteen_day_mark_sends_only_the_three_day_one():
    edition = open_edition(days_left=2)
    authorities(edition)
    assert reminders_send() == 2
    assert set(Notice.objects.values_list("kind", flat=True)) == {NoticeKind.REMINDER_3}


@pytest.mark.django_db
def test_a_closed_or_draft_edition_gets_no_reminder():
    for state, number in ((EditionState.DRAFT, 9), (EditionState.SCREENING, 10)):
        edition = at_state(
            state, number=number, submission_deadline=timezone.now() + timedelta(days=5)
        )
        ghent = AuthorityFactory()
        EntryFactory(edition=edition, authority=ghent, state="draft")
        member(ghent, f"ana{number}@ghent.example")
    assert reminders_send() == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_reminder_once():
    """Two schedulers (or a slow run and the next) at the same moment, each with its own
    database connection: the unique notice lets one of them through per authority."""
    edition = open_edition(days_left=10)
    authorities(edition)
    barrier = threading.Barrier(2)
    counts, errors = [], []

    def scheduler():
        try:
            barrier.wait()
            counts.append(reminders_send())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(counts) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@ghent.example", "emile@surcin.example"]
    assert Notice.objects.count() == 2
