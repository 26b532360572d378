"""The keyboard alone, in a real browser under the site's CSP: a juror reaches the scoring
form from the skip link with Tab, types every score and comment, goes back with
Shift+Tab, and submits with Enter on the submit button. Every stop shows a focus ring
and lies on the screen, and the stops follow the form's fields in the order of the page."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jury.enums import AssignmentState
from jury.models import Assignment
from jury.services import assignments_create
from prize.enums import EditionState
from tests.browser.helpers import log_in
from tests.factories import (
    AuthorityFactory,
    EditionFactory,
    EntryFactory,
    JurorFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = 21
VALUES = ["8", "6.5", "9", "7", "7.5"]

# What the focused element is, whether a focus indicator is drawn around it, and whether
# it lies inside the window (so a sighted keyboard user sees where they are).
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    key: el.id || `${el.tagName.toLowerCase()}:${el.name || ""}:${el.value || ""}`,
    tag: el.tagName.toLowerCase(),
    type: el.type || "",
    inForm: !!el.form && el.form.hasAttribute("data-autosave"),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    onScreen: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
      && box.bottom <= window.innerHeight && box.right <= window.innerWidth,
  };
}"""
# The scoring form's controls a user can reach, in the order of the page.
CONTROLS = """form => Array.from(form.elements)
  .filter(el => el.type !== "hidden" && !el.disabled && el.tabIndex >= 0)
  .map(el => el.id || `${el.tagName.toLowerCase()}:${el.name || ""}:${el.value || ""}`)"""


def tab(page, key: str = "Tab") -> dict:
    page.keyboard.press(key)
    return page.evaluate(FOCUSED)


def test_a_juror_scores_and_submits_with_the_keyboard_alone(
    live_server, page, shot, transactional_db
):
    edition = EditionFactory(state=EditionState.JUDGING, number=NUMBER)
    criteria = list(edition.criteria.all())
    EntryFactory(
        edition=edition, state="eligible", ref="a-ghent", authority=AuthorityFactory(name="Ghent")
    )
    juror = JurorFactory(
        edition=edition,
        ref="j1",
        user=UserFactory(email="anna@jury.example"),
        terms_accepted_at=timezone.now(),
    )
    assert assignments_create(edition=edition) == 1
    log_in(page, live_server.url, juror.user.email)
    page.goto(f"{live_server.url}/en/jury/{NUMBER}/entries/a-ghent/")
    form = page.locator("form[data-autosave]")
    controls = form.evaluate(CONTROLS)
    # Five scores and five comments, the overall comment, the two buttons.
    assert len(controls) == 2 * len(criteria) + 3

    # The first stop is the skip link, shown on focus; Enter jumps to the content.
    first = tab(page)
    assert first["tag"] == "a" and first["ring"] and first["onScreen"], first
    expect(page.locator(":focus")).to_have_text("Skip to the content")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # Tab through the application (links to its files) into the form.
    stops = []
    for _ in range(100):
        stop = tab(page)
        stops.append(stop)
        if stop["inForm"]:
            break
    assert stops[-1]["inForm"], f"Tab never reached the scoring form: {stops}"

    # Through the form: a value in each score, a comment in each comment box.
    values, comments = iter(VALUES), iter(range(1, len(criteria) + 1))
    seen = [stops[-1]]
    while True:
        stop = seen[-1]
        if stop["key"].startswith("id_value_"):  # a text field: the decimal comma is welcome
            page.keyboard.type(next(values))
        elif stop["tag"] == "textarea" and stop["key"] != "id_overall":
            page.keyboard.type(f"Comment {next(comments)}, typed.")
        elif stop["key"] == "id_overall":
            page.keyboard.type("Overall, a strong entry.")
        if stop["type"] == "submit" and stop["key"].endswith(":submit"):
            break
        seen.append(tab(page))
        assert len(seen) <= len(controls), f"Tab left the form: {seen}"
    stops += seen[1:]
    assert [s["key"] for s in seen] == controls
    hidden = [s for s in stops if not (s["ring"] and s["onScreen"])]
    assert hidden == [], f"Focus not visible at: {hidden}"
    expect(page.locator("#running-total")).to_have_text("7.60")
    expect(page.locator("#autosave-status")).to_have_text("All saved.")
    shot(page, "keyboard-scoring-submit-focused")

    # Shift+Tab goes back to "Save the draft", Tab returns to "Submit my scores".
    back = tab(page, "Shift+Tab")
    assert back["key"] == "button:action:save" and back["ring"], back
    expect(page.locator(":focus")).to_have_text("Save the draft")
    forth = tab(page)
    assert forth["key"] == "button:action:submit", forth
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Your scores are submitted. Thank you.")

    assignment = Assignment.objects.get(juror=juror)
    assert assignment.state == AssignmentState.SUBMITTED
    assert assignment.comment == "Overall, a strong entry."
    saved = {s.criterion.code: (s.value, s.comment) for s in assignment.scores.all()}
    assert saved == {
        c.code: (Decimal(v), f"Comment {i}, typed.")
        for i, (c, v) in enumerate(zip(criteria, VALUES, strict=True), start=1)
    }
