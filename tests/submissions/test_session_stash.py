"""Nothing is stored for visitors who are not logged in: an anonymous POST to an entry's
edit address is sent to the login page and leaves no session row, whatever it carries.
Only the form of a logged-in person whose session expired while typing (it carries the
signed marker of the page rendered for them) is kept for after their login: one per
address, within STASH_MAX_BYTES per session, and given back to that person only."""

import pytest
from django.contrib.sessions.models import Session
from django.db.models import Sum
from django.db.models.functions import Length
from django.test import Client, RequestFactory

from submissions.views.entries import STASH_MAX_BYTES, stash_marker
from tests.factories import PASSWORD, UserFactory
from tests.submissions.conftest import resume_marker

pytestmark = pytest.mark.django_db

TYPED = "Typed for an hour, with accents: é, ç, ş, č."


def session_bytes() -> int:
    return Session.objects.aggregate(n=Sum(Length("session_data")))["n"] or 0


def entry_data(entry, **changes) -> dict:
    return {
        "version": entry.version,
        "language": "en",
        "title_en": "Schools for all",
        "results": TYPED,
        "action": "save",
        **changes,
    }


def marker(person, path: str) -> str:
    request = RequestFactory().get(path)
    request.user = person
    return stash_marker(request)


def test_many_anonymous_posts_leave_the_session_table_empty(draft, member):
    url = f"/en/entries/{draft.ref}/edit/"
    other_url = "/en/entries/no-such-entry/edit/"
    big = "ş" * 150_000
    posts = [
        entry_data(draft, results=big),  # no marker
        entry_data(draft, results=big, resume="forged:value:x"),
        entry_data(draft, results=big, resume=marker(member, other_url)),  # another form's
        entry_data(draft, results=big, resume=marker(member, url) + "x"),  # tampered
    ]
    same_browser = Client()
    for round_ in range(10):
        for data in posts:
            for client in (Client(), same_browser):
                response = client.post(url if round_ % 2 else other_url, data)
                assert response.status_code == 302
                assert response["Location"].startswith("/en/accounts/login/?next=")
                assert "sessionid" not in response.cookies
    assert (Session.objects.count(), session_bytes()) == (0, 0)


def test_the_login_page_after_an_anonymous_post_stores_nothing_either(client, draft):
    response = client.post(f"/en/entries/{draft.ref}/edit/", entry_data(draft), follow=True)
    assert response.status_code == 200
    assert "Your session had expired" not in response.text
    assert Session.objects.count() == 0


def test_an_expired_session_keeps_the_text_for_the_same_person_in_french(client, draft, member):
    url = f"/fr/entries/{draft.ref}/edit/"
    response = client.post(url, entry_data(draft, resume=resume_marker(member, url)))
    assert response["Location"] == f"/fr/accounts/login/?next={url}"
    login = client.post(response["Location"], {"username": member.email, "password": PASSWORD})
    page = client.get(login["Location"])
    assert TYPED in page.text
    draft.refresh_from_db()
    assert draft.results == ""
    assert not [key for key in client.session.keys() if key.startswith("entry-stash:")]  # noqa: SIM118


def test_a_kept_form_is_never_given_to_another_person(client, draft, member, other_member):
    draft.authority.members.add(other_member)
    url = f"/en/entries/{draft.ref}/edit/"
    client.post(url, entry_data(draft, resume=resume_marker(member, url)))
    client.post("/en/accounts/login/", {"username": other_member.email, "password": PASSWORD})
    page = client.get(url)
    assert page.status_code == 200
    assert TYPED not in page.text


def test_one_form_per_address_and_the_oldest_dropped_beyond_the_cap(client, member):
    paths = [f"/en/entries/entry-{n}/edit/" for n in range(4)]
    third = STASH_MAX_BYTES // 3
    for path in paths:
        client.post(path, {"results": "a" * (third - 200), "resume": marker(member, path)})
    client.post(paths[3], {"results": "again", "resume": marker(member, paths[3])})
    keys = sorted(k for k in client.session.keys() if k.startswith("entry-stash:"))  # noqa: SIM118
    assert keys == [f"entry-stash:{path}" for path in paths[1:]]
    assert client.session[f"entry-stash:{paths[3]}"]["data"]["results"] == ["again"]
    assert session_bytes() < 2 * STASH_MAX_BYTES  # signed and compressed, but bounded


def test_a_form_bigger_than_the_cap_is_not_kept(client, member):
    path = "/en/entries/entry-1/edit/"
    client.post(path, {"results": "a" * STASH_MAX_BYTES, "resume": marker(member, path)})
    assert Session.objects.count() == 0


def test_a_marker_of_a_person_is_checked_against_the_address(client):
    person = UserFactory()
    path = "/en/entries/entry-1/edit/"
    response = client.post(
        "/en/entries/entry-2/edit/", {"results": TYPED, "resume": marker(person, path)}
    )
    assert response.status_code == 302
    assert Session.objects.count() == 0


def test_a_form_kept_the_old_way_is_dropped_not_a_500(client, member):
    session = client.session
    session["entry-stash:/en/entries/old/edit/"] = {"results": ["Kept before the upgrade."]}
    session.save()
    path = "/en/entries/entry-1/edit/"
    response = client.post(path, {"results": TYPED, "resume": marker(member, path)})
    assert response.status_code == 302
    keys = [k for k in client.session.keys() if k.startswith("entry-stash:")]  # noqa: SIM118
    assert keys == [f"entry-stash:{path}"]
