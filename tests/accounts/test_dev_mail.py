"""While developing, the e-mails the site sends can be read on a page and on the console,
decoded: a newcomer follows the confirmation link of the account they just registered.
The mail goes the real way: registering queues the task, the task worker (the database
backend and `db_worker`, as in production) sends it through the development backend."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command

from accounts import dev_mail
from tests.factories import PASSWORD

PAGE = "/en/dev/mail/"
CONFIRM_LINK = re.compile(r'href="(http://testserver/(en|fr)/accounts/confirm/[^"]+)"')


@pytest.fixture
def kept(settings, tmp_path):
    """The development settings: the backend of settings/local.py, its URLs, DEBUG."""
    settings.MAILERS = {
        "default": {"BACKEND": dev_mail.BACKEND, "OPTIONS": {"file_path": tmp_path / "mail"}}
    }
    settings.ROOT_URLCONF = "settings.urls_dev"
    settings.DEBUG = True
    return tmp_path / "mail"


@pytest.fixture
def task_table(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def register(client, email: str, language: str) -> None:
    response = client.post(
        f"/{language}/accounts/register/",
        {"email": email, "name": "Zoë Čolić", "language": language, "password": PASSWORD},
    )
    assert response.status_code == 302


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_confirmation_sent_by_the_worker_is_on_the_page_decoded_and_its_link_works(
    client, kept, task_table, capsys
):
    register(client, "zoe@example.org", "fr")
    assert client.get(PAGE).content.count(b'class="mail"') == 0  # queued, not yet sent
    run_worker()

    page = client.get(PAGE).content.decode()
    assert "Confirm your e-mail address" not in page  # it went in French
    [(link, language)] = CONFIRM_LINK.findall(page)
    assert language == "fr"
    assert "zoe@example.org" in page and "Zoë Čolić" in page
    assert "=3D" not in page and "=\n" not in page  # no quoted-printable left
    assert '<pre class="mail-text" lang="fr">' in page
    assert ">French<" in page  # the language, named in the page's language

    followed = client.get(link.removeprefix("http://testserver"))
    assert followed.status_code == 302
    assert get_user_model().objects.get(email="zoe@example.org").is_active


@pytest.mark.django_db(transaction=True)
def test_the_console_shows_the_link_whole_on_one_line(client, kept, task_table, capsys):
    register(client, "long.address.for.a.long.link@example.org", "en")
    run_worker()

    out = capsys.readouterr().out
    page = client.get(PAGE).content.decode()
    [(link, _language)] = CONFIRM_LINK.findall(page)
    assert link in out.splitlines()
    assert "Subject: Confirm your e-mail address" in out
    assert "Language: en" in out
    assert "quoted-printable" not in out


@pytest.mark.django_db(transaction=True)
def test_mails_in_both_languages_are_listed_newest_first(client, kept, task_table):
    register(client, "first@example.org", "en")
    run_worker()
    register(client, "second@example.org", "fr")
    run_worker()

    page = client.get("/fr/dev/mail/").content.decode()
    assert page.index("second@example.org") < page.index("first@example.org")
    assert [language for _link, language in CONFIRM_LINK.findall(page)] == ["fr", "en"]
    assert "Anglais" in page and "Français" in page


@pytest.mark.django_db
def test_an_html_part_and_markup_in_the_text_are_shown_as_text_never_rendered(client, kept):
    message = EmailMultiAlternatives(
        "Subject <b>bold</b>", "Text with <script>alert(1)</script>", to=["a@example.org"]
    )
    message.attach_alternative('<p onclick="x()">Hi <script>alert(2)</script></p>', "text/html")
    message.attach("notes.txt", "notes", "text/plain")
    message.send()

    page = client.get(PAGE).content.decode()
    assert "<script>alert" not in page and 'onclick="x()"' not in page
    assert "Text with &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;p onclick=&quot;x()&quot;&gt;Hi" in page
    assert "Subject &lt;b&gt;bold&lt;/b&gt;" in page
    assert "notes.txt" in page


@pytest.mark.django_db
def test_the_page_is_not_found_without_debug(client, kept, settings):
    settings.DEBUG = False
    assert client.get(PAGE).status_code == 404


@pytest.mark.django_db
def test_the_production_urls_have_no_such_page(client, kept, settings):
    settings.ROOT_URLCONF = "settings.urls"
    assert client.get(PAGE).status_code == 404


@pytest.mark.django_db
def test_the_page_says_when_mail_is_not_kept(client, kept, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    page = client.get(PAGE).content.decode()
    assert "the development mail backend is not in use" in page


def test_the_development_settings_keep_mail_on_the_page_without_a_worker():
    """`make run` uses settings/local.py: tasks run at once, so a newcomer who registers
    sees the mail without starting a worker, and the backend keeps it for the page."""
    from settings import local

    assert local.TASKS["default"]["BACKEND"] == "django.tasks.backends.immediate.ImmediateBackend"
    assert local.MAILERS["default"]["BACKEND"] == dev_mail.BACKEND
    assert local.ROOT_URLCONF == "settings.urls_dev"
    assert local.DEBUG is True
