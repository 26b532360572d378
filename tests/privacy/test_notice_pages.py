"""The privacy notice and the contact page in both languages, the secretariat's address
on the pages of a failed request, and the common footer of every e-mail."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from web.errors import server_error

pytestmark = pytest.mark.django_db

EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_privacy_notice_names_the_controller_the_periods_and_the_rights(client, lang):
    response = client.get(f"/{lang}/privacy/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text
    with translation.override(lang):
        for heading in ("Who is responsible", "How long they are kept", "Your rights"):
            assert escape(gettext(heading)) in response.text
    assert f'href="mailto:{settings.SECRETARIAT_EMAIL}"' in response.text
    for days in settings.RETENTION_DAYS.values():
        assert f" {days} " in response.text
    assert "Convention 108+" in response.text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_contact_page_gives_the_address_and_links_the_notice(client, lang):
    response = client.get(f"/{lang}/contact/")
    assert response.status_code == 200
    assert f'href="mailto:{settings.SECRETARIAT_EMAIL}"' in response.text
    assert response.text.count(f'href="/{lang}/privacy/"') == 2  # the text and the footer


def test_the_sitemap_lists_both_pages_in_both_languages(client):
    text = client.get("/sitemap.xml").text
    for lang in ("en", "fr"):
        for page in ("privacy", "contact"):
            assert f"<loc>http://testserver/{lang}/{page}/</loc>" in text


def test_the_500_and_503_pages_give_the_address_without_a_database(settings):
    settings.SECRETARIAT_EMAIL = "help@coe.example"
    try:
        raise RuntimeError("broken")
    except RuntimeError:
        response = server_error(RequestFactory().get("/en/"))
    assert response.status_code == 500
    assert response.content.decode().count('href="mailto:help@coe.example"') == 2
    assert render_to_string("503.html").count('href="mailto:help@coe.example"') == 2


# Enough for every e-mail template to render (the values themselves do not matter here).
CONTEXT = {
    "uid": "MQ",
    "token": "set-password",
    "protocol": "https",
    "domain": "prize.example.org",
    "left": 2,
    "outcome": "deleted",
    "account_id": 7,
    "link": "https://prize.example.org/x/",
    "user": {"name": "Ana", "email": "ana@town.example"},
}


def email_templates() -> list[str]:
    names = sorted(p.name for p in EMAILS.glob("*.txt") if not p.name.endswith("_subject.txt"))
    assert len(names) >= 20
    return names


@pytest.mark.parametrize("name", email_templates())
def test_every_email_ends_with_the_contact_address_and_the_privacy_notice(name, settings):
    settings.SITE_URL = "https://prize.example.org"
    for lang in ("en", "fr"):
        with translation.override(lang):
            body = render_to_string(f"emails/{name}", CONTEXT)
            notice = gettext("How your personal data are handled:")
        footer = body[body.rindex("\n-- \n") :]
        assert settings.SECRETARIAT_EMAIL in footer
        assert f"{notice} https://prize.example.org/{lang}/privacy/" in footer


def test_the_expired_form_page_gives_the_address_and_stores_nothing(draft):
    sessions = Session.objects.count()
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(f"/fr/entries/{draft.ref}/edit/", {"results": "Mon texte."})
    assert response.status_code == 403
    assert f'href="mailto:{settings.SECRETARIAT_EMAIL}"' in response.text
    assert 'href="/fr/privacy/"' in response.text and 'href="/fr/contact/"' in response.text
    assert Session.objects.count() == sessions
