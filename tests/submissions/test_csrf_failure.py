"""A form sent with a stale CSRF token (logged in again in another tab, cookies cleared)
loses nothing: the page says why in the person's language, gives the text back with a
fresh token, and one more Save stores it. Only forms posted from this site get their
values back, and nothing is stored for it."""

import re
from html import unescape

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from tests.factories import PASSWORD
from tests.submissions.conftest import resume_marker

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
EXPIRED = (
    "Your page had expired, for example because you logged in again in another tab. "
    "Your text is kept: press Save again."
)


def in_french(text: str) -> str:
    """The French of a new message once the catalogue has it; until then the English."""
    with translation.override("fr"):
        return gettext(text)


def entry_data(entry, **changes) -> dict:
    return {
        "version": entry.version,
        "language": "en",
        "title_en": "Schools for all",
        "summary": "A summary.",
        "results": "Typed for an hour.",
        "action": "save",
        **changes,
    }


@pytest.fixture
def strict():
    """A browser: the CSRF check is on, and each form carries the token of its page."""
    return Client(enforce_csrf_checks=True)


def token_of(response) -> str:
    return unescape(TOKEN.search(response.text).group(1))


def test_a_stale_token_gives_the_entry_form_back_in_french_and_one_save_stores_it(
    strict, draft, member
):
    strict.force_login(member)
    url = f"/fr/entries/{draft.ref}/edit/"
    response = strict.post(url, entry_data(draft), headers={"Origin": ORIGIN})
    assert response.status_code == 403
    assert '<html lang="fr">' in response.text
    assert escape(in_french(EXPIRED)) in response.text
    assert "Typed for an hour." in response.text
    assert 'name="version"' in response.text
    draft.refresh_from_db()
    assert draft.results == ""
    again = strict.post(
        url, {**entry_data(draft), "csrfmiddlewaretoken": token_of(response)}, headers={}
    )
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.results == "Typed for an hour."


def test_a_visitor_without_cookies_gets_the_text_back_and_nothing_is_stored(strict, draft, member):
    url = f"/en/entries/{draft.ref}/edit/"
    marker = resume_marker(member, url)  # the form was rendered while logged in
    data = entry_data(draft, results="<script>alert(1)</script> Mine.", resume=marker)
    sessions = Session.objects.count()  # the member's own, where the form was rendered
    response = strict.post(url, data, headers={"Origin": ORIGIN})
    assert response.status_code == 403
    assert "Your text is kept: press Save again." in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Mine." in response.text
    assert "<script>alert(1)" not in response.text
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == sessions
    assert f'<input type="hidden" name="resume" value="{marker}">' in response.text
    assert marker not in response.text.split("<details>")[1]  # not shown as typed text
    # Save again: the expired-session path keeps it until after login.
    again = strict.post(url, {**data, "csrfmiddlewaretoken": token_of(response)})
    assert again["Location"] == f"/en/accounts/login/?next={url}"
    stash = strict.session[f"entry-stash:{url}"]
    assert (stash["u"], stash["data"]["results"]) == (member.pk, [data["results"]])


def test_a_form_posted_from_another_site_does_not_come_back(strict, draft, member):
    strict.force_login(member)
    response = strict.post(
        f"/en/entries/{draft.ref}/edit/",
        entry_data(draft, results="Chosen by another site."),
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert "Chosen by another site." not in response.text
    assert "For your security, this form was not sent" in response.text


def test_a_form_without_origin_comes_back_only_with_a_referer_of_this_site(strict, draft):
    url = f"/en/entries/{draft.ref}/edit/"
    bare = strict.post(url, entry_data(draft))
    assert "Typed for an hour." not in bare.text
    referred = strict.post(url, entry_data(draft), headers={"Referer": ORIGIN + url})
    assert "Typed for an hour." in referred.text


def test_a_password_is_never_sent_back(strict, member):
    response = strict.post(
        "/en/accounts/login/",
        {"username": member.email, "password": PASSWORD, "csrfmiddlewaretoken": "x"},
        headers={"Origin": ORIGIN},
    )
    assert response.status_code == 403
    assert PASSWORD not in response.text
    assert member.email not in response.text


def test_another_form_gets_its_values_back_as_a_save_again_form(strict, secretary):
    strict.force_login(secretary)
    response = strict.post(
        "/en/accounts/invite/",
        {"email": "new@coe.example", "name": "A. Person", "language": "fr"},
        headers={"Origin": ORIGIN},
    )
    assert response.status_code == 403
    assert '<input type="hidden" name="email" value="new@coe.example">' in response.text
    assert 'action="/en/accounts/invite/"' in response.text
