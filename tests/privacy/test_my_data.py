"""A logged-in person downloads everything the site holds about them as one JSON file:
their account (never the password hash), authorities, entries with their history and
photos, jury seats with scores and comments, failed logins and sessions."""

import json

import pytest
from django.utils import timezone

from accounts import services as accounts
from jury import services as jury
from submissions import services as submissions
from tests.downloads import downloaded
from tests.factories import PASSWORD, jury_at_work

pytestmark = pytest.mark.django_db


def download(client, person) -> dict:
    client.force_login(person)
    response = client.get("/en/accounts/my-data/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="dosta-my-data-{timezone.localdate():%Y-%m-%d}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def test_an_authority_member_gets_account_entries_photos_and_failed_logins(client, ready, member):
    submissions.entry_transition(entry_id=ready.pk, action="submit", by=member)
    accounts.login_failure_record(email=member.email.upper(), ip="192.0.2.7")
    data = download(client, member)
    assert member.password not in json.dumps(data)
    account = data["account"]
    assert (account["email"], account["name"], account["active_sessions"]) == (
        member.email,
        member.name,
        1,
    )
    assert [f["ip"] for f in account["failed_logins"]] == ["192.0.2.7"]
    assert [a["name"] for a in data["submissions"]["authorities"]] == ["City of Ghent"]
    (entry,) = data["submissions"]["entries"]
    assert (entry["ref"], entry["state"], entry["submitted_by_you"]) == (
        ready.ref,
        "submitted",
        True,
    )
    assert [(s["action"], s["by_you"]) for s in entry["history"]] == [
        ("create", True),
        ("submit", True),
    ]
    (photo,) = entry["photos"]
    assert photo["caption"] == {"en": "Children at the new school"}
    assert photo["people_shown_consented"] is True
    assert photo["link"].startswith("http://testserver/en/")
    served = downloaded(client.get(photo["link"].removeprefix("http://testserver")))
    assert (served.status, served.body[:2]) == (200, b"\xff\xd8")


def test_a_juror_gets_their_seat_scores_and_comments(client):
    work = jury_at_work(jurors=2, entries=1)
    seat = work.jurors[1]
    assignment = seat.assignments.get()
    code = work.edition.criteria.first().code
    jury.scores_save(
        assignment_id=assignment.pk,
        by=seat.user,
        values={code: "4"},
        comments={code: "Strong on dialogue."},
        overall="A model project.",
    )
    data = download(client, seat.user)
    (got,) = data["jury"]["seats"]
    assert (got["edition"], got["name"], got["email"]) == (
        work.edition.number,
        seat.name,
        seat.email,
    )
    (sheet,) = got["assignments"]
    assert sheet["comment"] == "A model project."
    assert [(s["criterion"], s["value"], s["comment"]) for s in sheet["scores"]] == [
        (code, "4.000", "Strong on dialogue.")
    ]


def test_the_download_needs_a_login_and_shows_nobody_else(client, member, other_member):
    assert client.get("/en/accounts/my-data/")["Location"].startswith("/en/accounts/login/")
    data = download(client, other_member)
    assert member.email not in json.dumps(data)


def test_the_account_page_links_to_the_download_the_erasure_and_the_notice(client, member):
    client.force_login(member)
    page = client.get("/fr/accounts/").text
    for link in ('href="/fr/accounts/my-data/"', 'href="/fr/accounts/erase/"'):
        assert link in page
    assert 'href="/fr/privacy/"' in page
    assert PASSWORD not in page
