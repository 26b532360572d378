"""Landing on one's to-do, in a real browser on a phone-sized window, in French: a juror
who is also a member of a town logs in (the password, then the code of their app) and
lands on one page that lists both to-dos, their sheets and their town's draft with what
it still needs; they go on to their entries. Then the secretariat lands on the editions
with their next steps. Each page is checked with axe and must fit 390 px.

The expected words are the catalogue's (gettext in French), as a French reader reads
them."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from jury.models import Assignment
from prize.enums import EditionState
from tests.browser.axe import AXE_JS, PHONE, axe_check, blocking, too_wide
from tests.factories import (
    PASSWORD,
    AuthorityFactory,
    EditionFactory,
    EntryFactory,
    UserFactory,
    jury_at_work,
)
from tests.otp import app_code, app_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fr(text: str) -> str:
    with translation.override("fr"):
        return _(text)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="fr-FR", bypass_csp=True)
    context.add_init_script(path=str(AXE_JS))
    yield context.new_page()
    context.close()


def log_in(page, url: str, user) -> None:
    device = app_device(user)  # the app their role asks for
    page.goto(f"{url}/fr/accounts/login/")
    page.get_by_label(fr("E-mail address")).fill(user.email)
    page.get_by_label(fr("Password")).fill(PASSWORD)
    page.get_by_role("button", name=fr("Log in")).click()
    expect(page).to_have_url(re.compile(r"/fr/accounts/two-factor/code/\?next=%2Ffr%2Fstart%2F"))
    page.get_by_label(fr("6-digit code")).fill(app_code(device))
    page.get_by_role("button", name=fr("Continue")).click()


def check(page, name: str) -> list:
    return axe_check(page, name) + too_wide(page, name)


def test_a_juror_who_is_also_a_member_lands_on_both_to_dos_in_french_on_a_phone(
    live_server, phone, shot
):
    page, url = phone, live_server.url
    work = jury_at_work(jurors=2, entries=3, number=14)
    juror = work.jurors[1]
    Assignment.objects.filter(juror=juror, entry=work.entries[0]).update(state="submitted")
    juror.user.language = "fr"
    juror.user.save()
    call = EditionFactory(number=15, state=EditionState.OPEN)
    town = AuthorityFactory(name="Ville de Kragujevac")
    town.members.add(juror.user)
    EntryFactory(edition=call, authority=town, state="draft", title={"fr": "Écoles pour tous"})
    violations = []

    log_in(page, url, juror.user)
    expect(page).to_have_url(f"{url}/fr/to-do/")
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("What you have to do"))
    jury = page.get_by_role("region", name=fr("Jury"))
    expect(jury).to_contain_text("Grilles de notation remises : 1 sur 3.")
    entries = page.get_by_role("region", name=fr("Your authorities' entries"))
    expect(entries.get_by_role("link", name="Écoles pour tous")).to_be_visible()
    expect(entries).to_contain_text(fr("Add at least one photo."))
    expect(entries.get_by_role("link", name=fr("Complete the entry"))).to_be_visible()
    violations += check(page, "to-do [fr, phone]")
    shot(page, "landing-to-do-fr-phone")

    jury.get_by_role("link", name=fr("Go to your entries")).click()
    expect(page).to_have_url(f"{url}/fr/jury/14/")
    expect(page.locator(".sheet-progress")).to_have_text("Grilles de notation remises : 1 sur 3.")
    violations += check(page, "juror's entries [fr, phone]")

    # "My account" stays one click away, and names the jury as a link to it.
    page.locator(".main-nav").get_by_role("link", name=fr("My account")).click()
    page.get_by_role("link", name=re.compile("14")).click()
    expect(page).to_have_url(f"{url}/fr/jury/14/")
    assert blocking(violations) == []


def test_the_secretariat_lands_on_the_editions_in_french_on_a_phone(live_server, phone, shot):
    page, url = phone, live_server.url
    secretary = UserFactory(language="fr", is_secretariat=True, is_staff=True)
    jury_at_work(jurors=2, entries=2, number=16)
    EditionFactory(
        number=17, state=EditionState.OPEN, submission_deadline=timezone.now() + timedelta(days=3)
    )
    violations = []

    log_in(page, url, secretary)
    expect(page).to_have_url(f"{url}/fr/secretariat/")
    overview = page.get_by_role("region", name=fr("Editions in progress"))
    expect(overview).to_contain_text("Grilles de notation remises : 0 sur 4")
    expect(overview).to_contain_text("4 grilles de notation sont encore attendues.")
    overview.get_by_role("link", name=fr("See the progress, remind jurors")).click()
    expect(page).to_have_url(f"{url}/fr/jury/16/deliberation/")
    page.go_back()
    violations += check(page, "secretariat [fr, phone]")
    shot(page, "landing-secretariat-fr-phone")
    assert blocking(violations) == []
