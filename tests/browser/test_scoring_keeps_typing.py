"""Nothing a juror types is lost, in a real browser and in French: "8,5" is saved as
8.5, a value out of range is marked beside its field and named in the status line while
the comment typed after it is saved, a reload asks first and brings back both (the
refused value from this tab), and once it is corrected the sheet says "All saved"."""

from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from jury.models import Assignment
from jury.services import assignments_create, score_rule
from prize.enums import EditionState
from tests.browser.helpers import log_in
from tests.factories import EditionFactory, EntryFactory, JurorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = 22
COMMENT = "Un projet mené avec les familles, du début à la fin."


def french(function, *args):
    """A text of the page as the French page says it (translated or not yet)."""
    with translation.override("fr"):
        return function(*args)


def scoring_in_french(page, url: str, number: int, ref: str, email: str):
    """A French juror who accepted the terms, on the scoring page of their one entry:
    the edition and the juror."""
    edition = EditionFactory(state=EditionState.JUDGING, number=number)
    EntryFactory(edition=edition, state="eligible", ref=ref)
    juror = JurorFactory(
        edition=edition,
        user=UserFactory(email=email, language="fr"),
        terms_accepted_at=timezone.now(),
    )
    assert assignments_create(edition=edition) == 1
    log_in(page, url, juror.user.email)
    page.goto(f"{url}/fr/jury/{number}/entries/{ref}/")
    return edition, juror


def test_a_juror_in_french_loses_nothing_they_type(live_server, page, transactional_db):
    edition, juror = scoring_in_french(
        page, live_server.url, NUMBER, "metz", "camille@jury.example"
    )
    first, second, *_ = edition.criteria.all()
    status = page.locator("#autosave-status")
    good = page.locator(f"[name=value_{first.code}]")
    bad = page.locator(f"[name=value_{second.code}]")

    good.press_sequentially("8,5")
    bad.press_sequentially("60")
    page.locator("[name=overall]").press_sequentially(COMMENT)

    second_name = french(str, second)
    expect(status).to_have_text(
        french(
            ngettext,
            "%(count)d value not saved: %(names)s.",
            "%(count)d values not saved: %(names)s.",
            1,
        )
        % {"count": 1, "names": second_name},
        timeout=10_000,
    )
    rule = french(score_rule, second, edition.score_step)
    assert "7,5" in rule  # the example as French writes it
    expect(bad).to_have_attribute("aria-invalid", "true")
    error = page.locator(f"#id_value_{second.code}_error")
    expect(error).to_have_text(rule)
    expect(bad).to_have_attribute(
        "aria-describedby", f"id_value_{second.code}_helptext id_value_{second.code}_error"
    )
    expect(good).not_to_have_attribute("aria-invalid", "true")
    assignment = Assignment.objects.get(juror=juror)
    assert {s.criterion.code: s.value for s in assignment.scores.all()} == {
        first.code: Decimal("8.5")
    }
    assert assignment.comment == COMMENT

    # Leaving with a value not saved asks first; the reload brings back what was saved,
    # and the refused value kept in this tab, marked again.
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    page.reload()
    assert dialogs == ["beforeunload"]
    expect(good).to_have_value("8,5")
    expect(page.locator("[name=overall]")).to_have_value(COMMENT)
    expect(bad).to_have_value("60")
    expect(bad).to_have_attribute("aria-invalid", "true", timeout=10_000)

    # Corrected, everything is saved and leaving asks nothing.
    bad.fill("")
    bad.press_sequentially("6,5")
    expect(status).to_have_text(french(gettext, "All saved."), timeout=10_000)
    expect(bad).not_to_have_attribute("aria-invalid", "true")
    expect(error).to_be_hidden()
    assert {s.criterion.code: s.value for s in assignment.scores.all()} == {
        first.code: Decimal("8.5"),
        second.code: Decimal("6.5"),
    }
    page.goto(f"{live_server.url}/fr/jury/{NUMBER}/")
    assert dialogs == ["beforeunload"]


EXPIRED = (
    "Not saved: this page has expired, for example because you logged in again in another "
    "tab. What you typed is kept in this tab: reload the page and it is saved."
)


def test_a_login_in_another_tab_stops_the_autosave_with_a_sentence_and_a_reload_saves(
    live_server, page, transactional_db
):
    edition, juror = scoring_in_french(
        page, live_server.url, NUMBER + 1, "nancy", "leo@jury.example"
    )
    first, *_ = edition.criteria.all()

    other = page.context.new_page()  # logs out and in again: a new CSRF token
    other.goto(f"{live_server.url}/en/accounts/")
    other.locator("form[action$='/logout/'] button").click()
    log_in(other, live_server.url, juror.user.email)
    other.close()

    page.locator(f"[name=value_{first.code}]").press_sequentially("7,5")
    page.locator("[name=overall]").press_sequentially(COMMENT)
    expect(page.locator("#autosave-status")).to_have_text(french(gettext, EXPIRED), timeout=10_000)
    assignment = Assignment.objects.get(juror=juror)
    assert (list(assignment.scores.all()), assignment.comment) == ([], "")

    # The reload asks first, brings the typing back from this tab, and saves it.
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()
    expect(page.locator("[name=overall]")).to_have_value(COMMENT)
    expect(page.locator("#autosave-status")).to_have_text(
        french(gettext, "All saved."), timeout=10_000
    )
    assignment.refresh_from_db()
    assert assignment.comment == COMMENT
    assert [(s.criterion.code, s.value) for s in assignment.scores.all()] == [
        (first.code, Decimal("7.5"))
    ]
