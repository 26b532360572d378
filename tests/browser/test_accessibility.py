"""Accessibility, in a real browser: axe-core (WCAG 2.0/2.1 A and AA, and best practices)
on every public page and on the pages of the authorities, the jurors, the chair and the
secretariat, in English and in French. A serious or critical violation fails the test;
every violation, whatever its impact, is written to test-artifacts/<leg>/axe-*.json.

The page lists are plain (name, path) pairs: add a page by adding a line. `{lang}` and
the names in braces are filled from the data the `site` fixture builds."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jury.services import assignments_create
from outreach.tokens import opt_out_token
from prize import services as prize_services
from prize.enums import EditionState
from results import services as results_services
from results.enums import CertificateStatus
from results.models import Certificate
from submissions.services import entry_create, photo_add
from tests.browser.axe import LANGUAGES, axe_check, axe_context, axe_visit, blocking, report
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import give_photo, log_in
from tests.factories import (
    AuthorityFactory,
    EditionFactory,
    EntryFactory,
    JurorFactory,
    ParticipationFactory,
    UserFactory,
    published_edition,
)
from tests.jury.conftest import board
from tests.results.conftest import decided
from tests.submissions.conftest import PHOTO_TEXT, jpeg_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
board, decided = board, decided  # fixtures: edition 77 in deliberation, edition 9 decided

PUBLIC_PAGES = [
    ("home", "/{lang}/"),
    ("past editions", "/{lang}/editions/"),
    ("past editions, laureates found", "/{lang}/editions/?q=Municipality"),
    ("past editions, nothing found", "/{lang}/editions/?q=zzzzqqq"),
    ("edition", "/{lang}/editions/9/"),
    ("past edition", "/{lang}/editions/7/"),
    ("past laureate", "/{lang}/editions/7/{past_laureate}/"),
    ("laureate with a photo", "/{lang}/editions/9/sisli/"),
    ("laureate sharing a place", "/{lang}/editions/9/kragujevac/"),
    ("certificate, valid", "/{lang}/certificates/{valid}/"),
    ("certificate, superseded", "/{lang}/certificates/{superseded}/"),
    ("certificate, unknown (404)", "/{lang}/certificates/DC9-ZZZZZZ/"),
    ("page not found (404)", "/{lang}/no-such-page/"),
    ("Alliance participants", "/{lang}/alliance/"),
    ("Alliance participants, filtered", "/{lang}/alliance/?country=RS"),
    ("Alliance profile", "/{lang}/alliance/{participant}/"),
    ("log in", "/{lang}/accounts/login/"),
    ("register", "/{lang}/accounts/register/"),
    ("password reset", "/{lang}/accounts/password-reset/"),
    ("privacy notice", "/{lang}/privacy/"),
    ("contact", "/{lang}/contact/"),
    ("announcements opt-out", "/{lang}/announcements/opt-out/{opt_out}/"),
]
AUTHORITY_PAGES = [
    ("my account", "/{lang}/accounts/"),
    ("my to-dos", "/{lang}/to-do/"),
    ("erase my account", "/{lang}/accounts/erase/"),
    ("take part", "/{lang}/take-part/"),
    ("authority", "/{lang}/authorities/{authority}/"),
    ("entry", "/{lang}/entries/{draft}/"),
    ("entry form", "/{lang}/entries/{draft}/edit/"),
    ("my certificates", "/{lang}/certificates/"),
    ("joining the Alliance", "/{lang}/authorities/{authority}/alliance/"),
    ("Alliance profile form", "/{lang}/authorities/{authority}/alliance/profile/"),
    ("two-factor login, off", "/{lang}/accounts/two-factor/"),
    ("setting up two-factor login", "/{lang}/accounts/two-factor/setup/"),
]
JUROR_PAGES = [
    ("jury seats", "/{lang}/jury/"),
    ("my to-dos, as a juror", "/{lang}/to-do/"),
    ("juror's entries", "/{lang}/jury/21/"),
    ("scoring form", "/{lang}/jury/21/entries/{scored}/"),
]
CHAIR_PAGES = [
    ("chair's ranking and deliberation", "/{lang}/jury/77/deliberation/"),
]
SECRETARIAT_PAGES = [
    ("two-factor login, on", "/{lang}/accounts/two-factor/"),
    ("recovery codes, none to show", "/{lang}/accounts/two-factor/recovery-codes/"),
    ("removing the two-factor device", "/{lang}/accounts/two-factor/remove/"),
    ("secretariat", "/{lang}/secretariat/"),
    ("secretariat: edition", "/{lang}/secretariat/editions/9/"),
    ("secretariat: certificates", "/{lang}/secretariat/editions/9/certificates/"),
    ("secretariat: publishing, asked first", "/{lang}/secretariat/editions/77/confirm/publish/"),
    ("secretariat: preview of the results", "/{lang}/secretariat/editions/77/preview/"),
    ("secretariat: approving, asked first", "/{lang}/jury/77/deliberation/approve/"),
    ("secretariat: revoking, asked first", "/{lang}/certificates/{valid}/revoke/"),
    ("secretariat: entries", "/{lang}/secretariat/editions/20/entries/"),
    ("secretariat: screening an entry", "/{lang}/secretariat/entries/{draft}/"),
    ("secretariat: authorities", "/{lang}/secretariat/authorities/"),
    ("secretariat: jury", "/{lang}/jury/77/secretariat/"),
    ("secretariat: new edition", "/{lang}/secretariat/editions/new/"),
    ("secretariat: Alliance requests", "/{lang}/secretariat/alliance/"),
    ("secretariat: Alliance request", "/{lang}/secretariat/alliance/{request}/"),
    ("secretariat: statistics", "/{lang}/secretariat/statistics/"),
    ("secretariat: statistics of an edition", "/{lang}/secretariat/editions/77/statistics/"),
    ("secretariat: statistics, results out", "/{lang}/secretariat/editions/9/statistics/"),
]


@pytest.fixture
def site(transactional_db, decided, board, secretary):
    """Editions 6 and 7 archived; edition 9 published (a photo, a superseded
    certificate); edition 20 open with a draft that has a photo; edition 21 being judged;
    edition 77 in deliberation."""
    past = [published_edition(number) for number in (6, 7)]
    edition, entries = decided
    give_photo(entries["sisli"], "Press office of Şişli Municipality")
    results_services.edition_transition(
        edition_id=edition.pk, action="publish", by=secretary, confirmed=True
    )
    kragujevac = entries["kragujevac"]
    superseded = Certificate.objects.get(entry=kragujevac, status=CertificateStatus.VALID).number
    prize_services.edition_update(edition_id=edition.pk, by=secretary, ceremony_place="Paris")
    valid = Certificate.objects.get(entry=kragujevac, status=CertificateStatus.VALID).number

    open_edition = EditionFactory(state=EditionState.OPEN, number=20)
    member = entries["sisli"].authority.members.get()
    draft = entry_create(
        by=member, authority_id=entries["sisli"].authority_id, edition_id=open_edition.pk
    )
    photo_add(entry_id=draft.pk, by=member, upload=jpeg_upload(size=(800, 600)), **PHOTO_TEXT)

    judged = EditionFactory(state=EditionState.JUDGING, number=21)
    for ref, name in (("a-ghent", "City of Ghent"), ("b-kosice", "City of Košice")):
        EntryFactory(
            edition=judged, state="eligible", ref=ref, authority=AuthorityFactory(name=name)
        )
    juror = JurorFactory(
        edition=judged,
        ref="j1-anna",
        name="Anna Kovács",
        user=UserFactory(email="anna@jury.example", name="Anna Kovács"),
        terms_accepted_at=timezone.now(),
    )
    assert assignments_create(edition=judged) == 2
    _, chair, _, _ = board
    participant = ParticipationFactory(authority=kragujevac.authority, slug="kragujevac")
    request = ParticipationFactory(
        authority=entries["surcin"].authority, slug="surcin", state="requested", accepted_on=None
    )
    return {
        "values": {
            "valid": valid,
            "superseded": superseded,
            "authority": entries["sisli"].authority_id,
            "draft": draft.ref,
            "scored": "a-ghent",
            "past_laureate": past[1].entries.order_by("ref").first().ref,
            "participant": participant.slug,
            "request": request.pk,
            "opt_out": opt_out_token(member),
        },
        "member": member,
        "juror": juror.user,
        "chair": chair.user,
        "secretary": secretary,
    }


def test_every_page_in_both_languages_has_no_serious_accessibility_violation(
    live_server, browser, shot, site
):
    url, values = live_server.url, site["values"]
    context = axe_context(browser)
    page = context.new_page()
    violations = axe_visit(page, url, PUBLIC_PAGES, **values)

    # The login form with its error shown.
    page.goto(f"{url}/en/accounts/login/")
    page.get_by_label("E-mail address").fill("nobody@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".error-summary")).to_be_focused()  # announced by the focus
    violations += axe_check(page, "log in, refused [en]")
    page.goto(f"{url}/fr/editions/9/sisli/")
    shot(page, "a11y-laureate-photo-fr")
    page.goto(f"{url}/en/certificates/{values['superseded']}/")
    shot(page, "a11y-certificate-superseded-en")
    context.close()

    for role, pages in (
        ("member", AUTHORITY_PAGES),
        ("juror", JUROR_PAGES),
        ("chair", CHAIR_PAGES),
        ("secretary", SECRETARIAT_PAGES),
    ):
        context = axe_context(browser)
        page = context.new_page()
        log_in(page, url, site[role].email)
        violations += axe_visit(page, url, pages, **values)
        if role == "member":
            # The entry form with errors shown: a "photo" that is not an image.
            for lang in LANGUAGES:
                page.goto(f"{url}/{lang}/entries/{values['draft']}/edit/")
                page.locator("#id_photo").set_input_files(
                    {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": b"not a photo"}
                )
                page.locator("button[value=save]").click()
                expect(page.locator(".field-error").first).to_be_visible()
                violations += axe_check(page, f"entry form, with an error [{lang}]")
                page.locator("button[value=submit]").click()
                expect(page.locator(".error-summary")).to_be_focused()
                violations += axe_check(page, f"entry form, submit refused [{lang}]")
            shot(page, "a11y-entry-form-error-fr")
        if role == "juror":
            # The scoring form saved without JavaScript's help, a refused value marked.
            for lang in LANGUAGES:
                page.goto(f"{url}/{lang}/jury/21/entries/{values['scored']}/")
                page.locator("input[name^=value_]").first.fill("60")
                page.locator("button[value=save]").click()
                expect(page.locator(".field-error").first).to_be_visible()
                violations += axe_check(page, f"scoring form, a value refused [{lang}]")
            shot(page, "a11y-scoring-refused-fr")
        if role == "chair":
            page.goto(f"{url}/fr/jury/77/deliberation/")
            shot(page, "a11y-chair-deliberation-fr")
            # The decision form back with the places typed and the refusal (no reason).
            for lang in LANGUAGES:
                page.goto(f"{url}/{lang}/jury/77/deliberation/")
                page.locator("details:has(button[value=change]) > summary").click()
                page.locator("input[name^=place-]").first.fill("")
                page.locator("button[value=change]").click()
                expect(page.locator(".form-errors")).to_be_visible()
                violations += axe_check(page, f"decision form, refused [{lang}]")
        context.close()

    report(violations, ARTIFACTS / "axe-violations.json")
    assert blocking(violations) == [], "\n" + "\n".join(blocking(violations))
