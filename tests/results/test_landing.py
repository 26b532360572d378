"""Each login lands on its to-do (results.views.landing): people log in through the real
login views (the password, then the second factor where their role needs it) and land on
the page of what they have to do, whose counts are checked against a world built with
the factories."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from jury import services as jury_services
from jury.enums import ConflictStatus
from jury.models import Assignment, Conflict, Score
from prize.enums import EditionState
from prize.models import Edition
from tests.factories import (
    PASSWORD,
    AuthorityFactory,
    DecisionFactory,
    EditionFactory,
    EntryFactory,
    JurorFactory,
    UserFactory,
    jury_at_work,
    published_edition,
)
from tests.otp import app_code, app_device

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
CODE = "/en/accounts/two-factor/code/"


def log_in(user, *, next_url: str | None = None, client: Client | None = None):
    """The password on the login page, then, where the site asks for it, the code of the
    person's authenticator app: the followed answer of the last step."""
    client = client or Client()
    url = LOGIN + (f"?next={quote(next_url)}" if next_url else "")
    response = client.post(
        url,
        {"username": user.email, "password": PASSWORD, "next": next_url or ""},
        follow=True,
    )
    if response.request["PATH_INFO"] == CODE:
        code = app_code(app_device(user))
        response = client.post(CODE, {"code": code, "next": response.context["next"]}, follow=True)
    return response


def landed(response) -> str:
    return response.request["PATH_INFO"]


def text(response) -> str:
    """The page's text with its markup and runs of spaces removed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- The secretariat --------------------------------------------------------------------


@pytest.fixture
def secretary(secretary):
    """The secretariat's member, with the authenticator app their role requires."""
    app_device(secretary)
    return secretary


@pytest.fixture
def editions(db):
    """One edition in each state, with what its next step depends on."""
    past = published_edition(20)
    published = published_edition(21)
    Edition.objects.filter(pk=published.pk).update(state=EditionState.PUBLISHED)
    deliberating = EditionFactory(number=22, state=EditionState.DELIBERATION)
    DecisionFactory(edition=deliberating, approved_at=timezone.now())
    judging = jury_at_work(jurors=3, entries=2, number=23)
    first, second, third = judging.jurors
    Assignment.objects.filter(juror=first).update(state="submitted")  # 2 of the 6
    Conflict.objects.create(
        juror=third, entry=judging.entries[0], reason="Same town", status=ConflictStatus.FLAGGED
    )  # takes one sheet out of those expected: 5
    screening = EditionFactory(number=24, state=EditionState.SCREENING)
    for state in ("submitted", "submitted", "info_requested", "eligible", "draft"):
        EntryFactory(edition=screening, state=state)
    deadline = timezone.now() + timedelta(days=10)
    EditionFactory(number=25, state=EditionState.OPEN, submission_deadline=deadline)
    EditionFactory(number=26, state=EditionState.DRAFT)
    return {"past": past, "published": published, "judging": judging, "deadline": deadline}


def test_the_secretariat_lands_on_the_editions_with_their_counts_and_next_steps(
    editions, secretary
):
    page = log_in(secretary)
    assert landed(page) == "/en/secretariat/"
    current = [o.edition.number for o in page.context["current"]]
    past = [o.edition.number for o in page.context["past"]]
    assert (current, past) == ([26, 25, 24, 23, 22], [21, 20])
    steps = {o.edition.number: o.next_step.text for o in page.context["current"]}
    day = editions["deadline"].astimezone(timezone.get_current_timezone())
    assert steps == {
        26: "Prepare the edition's settings, then open the call for entries.",
        25: f"Close the call on {day.day} {day:%B %Y}, once the submission deadline has passed.",
        24: "3 entries await screening.",
        23: "1 conflict of interest awaits a decision.",
        22: "The decision is approved: publish the results.",
    }
    words = text(page)
    assert (
        "Entries by state: Draft: 1 Submitted: 2 Information requested: 1 Eligible: 1 Next" in words
    )
    assert "Score sheets submitted: 2 of 5" in words
    assert "Conflicts of interest open: 1" in words
    html = page.content.decode()
    assert 'href="/en/secretariat/editions/24/entries/">Screen the entries</a>' in html
    assert 'href="/en/jury/23/deliberation/">Decide the conflicts</a>' in html
    assert 'href="/en/secretariat/editions/22/confirm/publish/">Publish</a>' in html
    # The published and archived editions take one line each, in a captioned table.
    assert "<caption>Editions whose results are public</caption>" in html
    assert 'href="/en/editions/21/">Results</a>' in html
    # The old dashboard's links are still there.
    assert 'href="/en/secretariat/alliance/">Alliance requests</a>' in html


def test_judging_then_deliberation_steps_follow_the_sheets_and_the_decision(client, secretary):
    work = jury_at_work(jurors=2, entries=2, number=30)
    edition = work.edition
    client.force_login(secretary)

    def step():
        return client.get("/en/secretariat/").context["current"][0].next_step

    assert (step().text, step().label) == (
        "4 score sheets are still to come.",
        "See the progress, remind jurors",
    )
    Assignment.objects.filter(juror__edition=edition).update(state="submitted")
    assert step().url == "/en/secretariat/editions/30/confirm/start_deliberation/"
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.DELIBERATION)
    assert step().text == "The jury's decision is to be recorded."
    decision = DecisionFactory(edition=edition, source="jury", recorded_by=work.jurors[0].user)
    assert (step().text, step().url) == (
        "The chair recorded the jury's decision: a second person approves it.",
        "/en/jury/30/deliberation/approve/",
    )
    decision.delete()
    # Two entries scored alike share the one prize place: the tie is named.
    Score.objects.bulk_create(
        Score(assignment=a, criterion=c, value=7)
        for a in Assignment.objects.filter(juror__edition=edition)
        for c in edition.criteria.all()
    )
    assert step().text == "Record the tie for 1st place."


def test_the_overview_reads_every_edition_in_the_same_number_of_queries(
    client, secretary, count_queries
):
    client.force_login(secretary)

    def build(start, count):
        for number in range(start, start + count):
            edition = EditionFactory(number=number, state=EditionState.SCREENING)
            EntryFactory(edition=edition)
            JurorFactory(edition=edition)

    build(200, 2)
    small = count_queries(lambda: client.get("/en/secretariat/"))
    build(300, 18)
    assert count_queries(lambda: client.get("/en/secretariat/")) == small


def test_the_secretariat_without_editions_is_told_how_to_start(client, secretary):
    client.force_login(secretary)
    page = client.get("/fr/secretariat/")
    assert page.status_code == 200
    assert page.context["current"] == page.context["past"] == []
    assert "Aucune édition pour l’instant : préparez la première" in text(page)


# --- Jurors and the chair ---------------------------------------------------------------


def test_a_juror_lands_on_their_entries_with_their_progress(db):
    work = jury_at_work(jurors=2, entries=3, number=40)
    juror = work.jurors[1]
    sheets = Assignment.objects.filter(juror=juror).order_by("entry__ref")
    Assignment.objects.filter(pk=sheets[0].pk).update(state="submitted")
    Score.objects.create(
        assignment=sheets[1], criterion=work.edition.criteria.first(), value=6
    )  # a draft started
    app_device(juror.user)
    page = log_in(juror.user)
    assert landed(page) == "/en/jury/40/"
    assert "You submitted 1 of your 3 score sheets. 1 draft is started, not submitted yet." in text(
        page
    )


def test_the_chair_lands_on_the_deliberation_once_the_jury_deliberates(db):
    work = jury_at_work(jurors=2, entries=1, number=41)
    chair = work.jurors[0].user
    app_device(chair)
    assert landed(log_in(chair)) == "/en/jury/41/"  # scoring: their own entries first
    Edition.objects.filter(pk=work.edition.pk).update(state=EditionState.DELIBERATION)
    assert landed(log_in(chair)) == "/en/jury/41/deliberation/"


def test_a_juror_invited_lands_on_their_jury_after_choosing_a_password(
    secretary, django_capture_on_commit_callbacks
):
    edition = EditionFactory(number=42, state=EditionState.SCREENING)
    with django_capture_on_commit_callbacks(execute=True):
        jury_services.juror_invite(
            edition_id=edition.pk,
            by=secretary,
            name="Anne Juge",
            email="juge@example.org",
            language="fr",
        )
    path = re.search(r"http://testserver(/fr/accounts/invitation/\S+/)", mail.outbox[0].body)
    client = Client()
    form = client.get(path.group(1), follow=True)
    chosen = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-juror-password-2026", "new_password2": "a-juror-password-2026"},
    )
    assert chosen["Location"] == "/fr/start/"
    page = client.get("/fr/start/", follow=True)
    assert landed(page) == "/fr/jury/42/"
    # Their account page names the jury as a link to it.
    account = client.get("/fr/accounts/").content.decode()
    assert '<li><a href="/fr/jury/42/">' in account


def test_a_juror_with_no_assignment_yet_reads_a_sentence_not_an_empty_table(db):
    edition = EditionFactory(number=43, state=EditionState.JUDGING)
    juror = JurorFactory(edition=edition, user=UserFactory(), terms_accepted_at=timezone.now())
    member_of = AuthorityFactory(name="Kragujevac")
    member_of.members.add(juror.user)
    app_device(juror.user)
    page = log_in(juror.user)
    assert landed(page) == "/en/to-do/"  # a juror who is also a member: one page for both
    words = text(page)
    assert "No entries are assigned to you yet." in words
    assert "You submitted" not in words
    assert "Kragujevac" in words


# --- Members of an authority, and several roles --------------------------------------------


def test_a_member_lands_on_their_entries_and_what_each_still_needs(db):
    member = UserFactory()
    edition = EditionFactory(number=50, state=EditionState.OPEN)
    town = AuthorityFactory(name="Ghent")
    other = AuthorityFactory(name="Volos")
    town.members.add(member)
    other.members.add(member)
    EntryFactory(edition=edition, authority=town, state="draft", title={"en": "Schools for all"})
    page = log_in(member)
    assert landed(page) == "/en/to-do/"
    [ghent, volos] = page.context["todos"].authorities
    assert [item.entry.display_title for item in ghent.entries] == ["Schools for all"]
    missing = ghent.entries[0].missing
    assert "Add at least one photo." in missing
    assert "Give your consent to publication." in missing
    assert (ghent.may_start, volos.may_start) == (False, True)
    html = page.content.decode()
    assert "Start an entry for the Edition 50" in html
    assert html.count("Start an entry for") == 1  # Ghent has its entry already


def test_with_no_call_open_no_entry_can_be_started(db):
    member = UserFactory()
    AuthorityFactory(name="Salford").members.add(member)
    page = log_in(member)
    assert "No call for entries is open at the moment." in text(page)
    assert "Start an entry" not in text(page)


def test_a_person_with_no_role_lands_on_taking_part(db):
    assert landed(log_in(UserFactory())) == "/en/take-part/"


def test_a_juror_of_a_published_edition_lands_on_the_jury_page_that_leads_to_the_results(db):
    edition = published_edition(44)
    juror = JurorFactory(edition=edition, user=UserFactory(), terms_accepted_at=timezone.now())
    page = log_in(juror.user)
    assert landed(page) == "/en/jury/44/"
    assert "The results of this edition are published." in text(page)
    assert 'href="/en/editions/44/">See the laureates' in page.content.decode()


# --- The next address --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wanted", "lands"),
    [
        ("/en/editions/", "/en/editions/"),
        ("https://evil.example/", "/en/secretariat/"),
        ("//evil.example/", "/en/secretariat/"),
    ],
)
def test_a_safe_next_address_is_followed_and_an_outside_one_ignored(secretary, wanted, lands):
    EditionFactory(number=60)
    assert landed(log_in(secretary, next_url=wanted)) == lands


@pytest.mark.parametrize(
    ("wanted", "lands"),
    [("/en/editions/", "/en/editions/"), ("https://evil.example/", "/en/take-part/")],
)
def test_the_confirmation_link_follows_a_safe_next_too(wanted, lands):
    client = Client()
    client.post(
        "/en/accounts/register/",
        {"email": "new@cluj.example", "name": "Ioana Pop", "language": "en", "password": PASSWORD},
    )
    link = re.search(r"http://testserver(/en/accounts/confirm/\S+/)", mail.outbox[0].body)
    page = client.get(f"{link.group(1)}?next={quote(wanted)}", follow=True)
    assert landed(page) == lands
