"""The jurors' pages: terms first, own entries only, conflicted entries and their files
are 404, scores autosave as a draft and submit once."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jury import services
from jury.enums import AssignmentState
from jury.models import Assignment, Conflict
from prize.enums import EditionState
from submissions import services as submission_services
from tests.downloads import downloaded
from tests.factories import EditionFactory, EntryFactory, JurorFactory, UserFactory
from tests.submissions.conftest import PHOTO_TEXT, jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    edition = EditionFactory(state=EditionState.JUDGING, number=31)
    juror = JurorFactory(edition=edition, ref="j1", user=UserFactory(), country="DE")
    other = JurorFactory(edition=edition, ref="j2", user=UserFactory(), country="DE")
    mine = EntryFactory(edition=edition, ref="mine", state="eligible")
    conflicted = EntryFactory(edition=edition, ref="conflicted", state="eligible")
    services.assignments_create(edition=edition)
    Conflict.objects.create(juror=juror, entry=conflicted, reason="My town.")
    Assignment.objects.filter(juror=juror, entry=conflicted).delete()
    return edition, juror, other, mine, conflicted


def accept(client, juror):
    client.force_login(juror.user)
    return client.post(f"/en/jury/{juror.edition.number}/", {"accept": "terms"})


def test_the_terms_come_before_any_entry(client, setup):
    edition, juror, *_ = setup
    client.force_login(juror.user)
    page = client.get("/en/jury/31/")
    assert "I accept the jury&#x27;s terms" in page.text or "I accept the jury's terms" in page.text
    assert client.get("/en/jury/31/entries/mine/").status_code == 404
    accept(client, juror)
    assert client.get("/en/jury/31/entries/mine/").status_code == 200


def test_a_juror_sees_only_their_entries_and_never_a_conflicted_one(client, setup):
    edition, juror, other, mine, conflicted = setup
    accept(client, juror)
    listing = client.get("/en/jury/31/").text
    assert "/en/jury/31/entries/mine/" in listing
    assert "/en/jury/31/entries/conflicted/" not in listing
    assert client.get("/en/jury/31/entries/conflicted/").status_code == 404
    client.force_login(UserFactory())
    assert client.get("/en/jury/31/").status_code == 404


def test_a_conflicted_juror_cannot_fetch_the_entrys_files(client, setup):
    edition, juror, other, mine, conflicted = setup
    member = UserFactory()
    conflicted.authority.members.add(member)
    # Photos are added while an entry is a draft: add one, then make the entry eligible.
    type(conflicted).objects.filter(pk=conflicted.pk).update(state="draft")
    photo = submission_services.photo_add(
        entry_id=conflicted.pk,
        by=member,
        upload=SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg"),
        **PHOTO_TEXT,
    )
    type(conflicted).objects.filter(pk=conflicted.pk).update(state="eligible")
    accept(client, juror)
    assert client.get(f"/en/jury/31/files/photos/{photo.pk}/thumb/").status_code == 404
    assert client.get(f"/en/files/photos/{photo.pk}/thumb/").status_code == 404
    accept(client, other)
    response = downloaded(client.get(f"/en/jury/31/files/photos/{photo.pk}/thumb/"))
    assert response.status == 200
    assert response.body.startswith(b"\xff\xd8")


def form_values(edition, value):
    return {f"value_{c.code}": value for c in edition.criteria.all()}


def test_autosave_keeps_a_draft_and_reports_the_weighted_total(client, setup):
    edition, juror, *_ = setup
    accept(client, juror)
    response = client.post("/en/jury/31/entries/mine/autosave/", form_values(edition, "7.5"))
    assert response.json() == {"saved": True, "total": "7.50", "errors": {}, "status": ""}
    assignment = Assignment.objects.get(juror=juror, entry__ref="mine")
    assert assignment.state == AssignmentState.DRAFT
    bad = client.post("/en/jury/31/entries/mine/autosave/", form_values(edition, "12"))
    assert bad.status_code == 400
    rule = "Give a number from 0 to 10 in steps of 0.5, e.g. 7.5."
    assert bad.json()["errors"] == {f"value_{c.code}": rule for c in edition.criteria.all()}
    assert bad.json()["status"].startswith("5 values not saved: ")
    assert {s.value for s in assignment.scores.all()} == {Decimal("7.5")}


def test_submit_from_the_form_locks_and_the_page_shows_only_own_scores(client, setup):
    edition, juror, other, mine, _ = setup
    accept(client, other)
    client.post("/en/jury/31/entries/mine/", {**form_values(edition, "2"), "action": "submit"})
    accept(client, juror)
    response = client.post(
        "/en/jury/31/entries/mine/", {**form_values(edition, "9"), "action": "submit"}
    )
    assert response["Location"] == "/en/jury/31/"
    page = client.get("/en/jury/31/entries/mine/").text
    assert "Your scores are submitted and locked." in page
    assert "<strong>9</strong>" in page
    assert "<strong>2</strong>" not in page  # the other juror's scores stay hidden
    again = client.post(
        "/en/jury/31/entries/mine/", {**form_values(edition, "1"), "action": "submit"}
    )
    assert again.status_code == 400
    assert Assignment.objects.get(juror=juror, entry=mine).scores.first().value == 9


def test_the_jurors_list_runs_the_same_queries_for_2_and_20_entries(client, count_queries):
    def queries(number, count):
        """The queries of a juror's list in an edition of `count` jurors and entries."""
        edition = EditionFactory(state=EditionState.JUDGING, number=number)
        juror = JurorFactory(edition=edition, user=UserFactory())
        for _ in range(count):
            JurorFactory(edition=edition, user=UserFactory())
            EntryFactory(edition=edition, state="eligible")
        services.assignments_create(edition=edition)
        accept(client, juror)
        client.get(f"/en/jury/{number}/")  # warm the session
        used = count_queries(lambda: client.get(f"/en/jury/{number}/"))
        assert len(Assignment.objects.filter(juror=juror)) == count
        return used

    assert queries(32, 2) == queries(34, 20)


def test_the_scoring_page_runs_the_same_queries_for_2_and_20_jurors(client, count_queries):
    def queries(number, jurors):
        """The queries of a juror's scoring page in an edition of `jurors` other jurors."""
        edition = EditionFactory(state=EditionState.JUDGING, number=number)
        juror = JurorFactory(edition=edition, user=UserFactory())
        for _ in range(jurors):
            JurorFactory(edition=edition, user=UserFactory())
        EntryFactory(edition=edition, ref=f"one-{number}", state="eligible")
        services.assignments_create(edition=edition)
        accept(client, juror)
        url = f"/en/jury/{number}/entries/one-{number}/"
        client.get(url)  # warm the session
        used = count_queries(lambda: client.get(url))
        assert client.get(url).status_code == 200
        return used

    assert queries(33, 2) == queries(35, 20)


def test_the_secretariat_reads_jurors_countries_by_name_in_its_language(client, secretary):
    edition = EditionFactory(number=81, state=EditionState.SCREENING)
    JurorFactory(edition=edition, name="Ana Horvat", country="HR")
    JurorFactory(edition=edition, name="No Country", country="")
    client.force_login(secretary)
    english = client.get("/en/jury/81/secretariat/").text
    french = client.get("/fr/jury/81/secretariat/").text
    assert ("<td>Croatia</td>" in english, "<td>HR</td>" in english) == (True, False)
    assert "<td>Croatie</td>" in french
    assert "<td>—</td>" in english


@pytest.mark.parametrize("state", [EditionState.PUBLISHED, EditionState.ARCHIVED])
def test_after_publication_the_jury_page_says_so_and_leads_to_the_laureates(client, state):
    edition = EditionFactory(number=82, state=state)
    juror = JurorFactory(edition=edition, user=UserFactory(), terms_accepted_at=timezone.now())
    client.force_login(juror.user)
    page = client.get("/en/jury/82/").text
    assert "The results of this edition are published." in page
    assert 'href="/en/editions/82/">See the laureates' in page
    assert "Scoring opens when" not in page
