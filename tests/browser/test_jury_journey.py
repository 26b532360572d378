"""The jury's journey, in a real browser: two jurors accept the terms and score with the
live total and the autosave, one declares a conflict; the secretariat locks the scores;
the chair records places with a tie and a reason; the secretariat approves."""

import re

import pytest
from playwright.sync_api import expect

from jury.models import Assignment, Conflict, Decision
from jury.services import assignments_create
from prize.models import Edition
from tests.browser.helpers import log_in
from tests.factories import (
    AuthorityFactory,
    EditionFactory,
    EntryFactory,
    JurorFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = 12
# Each entry's five values, the same for every juror: A's total 9, B's and C's 7 (a tie
# for the 2nd place), D's 5. Uneven values check the 0.5 step and the live mean.
VALUES = {
    "a-ghent": ["9", "9.5", "8.5", "9", "9"],
    "b-kosice": ["7"] * 5,
    "c-leeds": ["6.5", "7.5", "7", "7", "7"],
    "d-zagreb": ["5"] * 5,
}
TOTALS = {"a-ghent": "9.00", "b-kosice": "7.00", "c-leeds": "7.00", "d-zagreb": "5.00"}
AUTHORITIES = {
    "a-ghent": "City of Ghent",
    "b-kosice": "City of Košice",
    "c-leeds": "Leeds City Council",
    "d-zagreb": "City of Zagreb",
}
REASON = "The jury kept the tie after a vote."


def title(ref: str) -> str:
    return f"Project {ref}"


def place_field(page, ref: str):
    """The place field of an entry, in the group named by its title and authority."""
    group = page.get_by_role("group", name=re.compile(f"^{title(ref)} {AUTHORITIES[ref]}"))
    return group.get_by_label("Place (empty: not a laureate)")


def log_out(page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out").click()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()


def open_jury_and_accept_terms(page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Jury").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Jury of the Edition {NUMBER}")
    page.get_by_role("button", name="I accept the jury's terms").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Thank you. You can now read and score the entries."
    )


def score(page, email: str, ref: str, criteria: list[str], shot=None) -> None:
    """Open the entry, type the five values, watch the total and the autosave, submit."""
    page.get_by_role("link", name=title(ref)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title(ref))
    total = page.locator("#running-total")
    status = page.locator("#autosave-status")
    values = VALUES[ref]
    for i, (name, value) in enumerate(zip(criteria, values, strict=True)):
        page.get_by_role("group", name=name, exact=True).get_by_label("Score").fill(value)
        if i < len(criteria) - 1:
            expect(total).to_have_text("—")
    expect(total).to_have_text(TOTALS[ref])
    expect(status).to_have_text("All saved.", timeout=10_000)
    draft = Assignment.objects.get(juror__user__email=email, entry__ref=ref)
    assert draft.state == "draft"
    assert sorted(str(s.value.normalize()) for s in draft.scores.all()) == sorted(values)
    if shot:
        # The scoring column scrolls on its own: show the total and the autosave status.
        status.scroll_into_view_if_needed()
        shot(page, "jury-1-scoring-running-total")
    page.get_by_role("button", name="Submit my scores").click()
    expect(page.get_by_role("status")).to_contain_text("Your scores are submitted. Thank you.")
    row = page.locator("table.data tbody tr", has_text=title(ref))
    expect(row.locator(".state")).to_have_text("Submitted")
    expect(row).to_contain_text("5/5")


def test_jurors_score_the_chair_records_a_tie_and_the_secretariat_approves(
    live_server, page, shot, transactional_db
):
    edition = EditionFactory(state="judging", number=NUMBER, places=3)
    criteria = [c.name["en"] for c in edition.criteria.all()]
    assert len(criteria) == 5
    entries = {
        ref: EntryFactory(
            edition=edition, state="eligible", ref=ref, authority=AuthorityFactory(name=name)
        )
        for ref, name in AUTHORITIES.items()
    }
    first = JurorFactory(
        edition=edition,
        ref="j1-anna",
        name="Anna Kovács",
        role="member",
        user=UserFactory(email="anna@jury.example", name="Anna Kovács"),
    )
    second = JurorFactory(
        edition=edition,
        ref="j2-marc",
        name="Marc Dubois",
        role="member",
        user=UserFactory(email="marc@jury.example", name="Marc Dubois"),
    )
    chair = JurorFactory(
        edition=edition,
        ref="j3-chair",
        name="Elena Popescu",
        role="chair",
        user=UserFactory(email="elena@jury.example", name="Elena Popescu"),
    )
    secretariat = UserFactory(
        email="secretariat@coe.example", name="Sophie Martin", is_secretariat=True, is_staff=True
    )
    assert assignments_create(edition=edition) == 12
    url = live_server.url

    # Juror 1 accepts the terms, declares a conflict with D, scores A, B and C.
    log_in(page, url, first.user.email)
    open_jury_and_accept_terms(page)
    expect(page.locator("table.data tbody tr")).to_have_count(4)
    page.get_by_role("link", name=title("d-zagreb")).click()
    page.get_by_text("I have a conflict of interest with this entry").click()
    page.get_by_label("Why you have a conflict of interest with this entry").fill(
        "I advised the City of Zagreb on this project."
    )
    page.get_by_role("button", name="Declare the conflict").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Your conflict is recorded; the entry is no longer yours."
    )
    expect(page.locator("table.data tbody tr")).to_have_count(3)
    expect(page.get_by_role("link", name=title("d-zagreb"))).to_have_count(0)
    conflict = Conflict.objects.get(juror=first)
    assert (conflict.entry.ref, conflict.status) == ("d-zagreb", "declared")
    assert not Assignment.objects.filter(juror=first, entry__ref="d-zagreb").exists()
    for ref in ("a-ghent", "b-kosice", "c-leeds"):
        score(page, first.user.email, ref, criteria, shot=shot if ref == "c-leeds" else None)
    shot(page, "jury-2-juror-entries-submitted")
    log_out(page)

    # Juror 2 scores all four.
    log_in(page, url, second.user.email)
    open_jury_and_accept_terms(page)
    for ref in VALUES:
        score(page, second.user.email, ref, criteria)
    log_out(page)

    # The secretariat locks the scores for the deliberation.
    log_in(page, url, secretariat.email)
    # D has one sheet (Anna declared a conflict), the others two: the page names it and
    # asks for an explicit confirmation before the lock.
    page.goto(f"{url}/en/secretariat/editions/{NUMBER}/")
    expect(page.locator("#problems-start_deliberation")).to_contain_text("(d-zagreb): 1 of 2")
    page.get_by_role("link", name="Lock scores and deliberate…").click()
    expect(page.locator(".confirm-warnings")).to_contain_text("(d-zagreb) has 1 of 2 score sheets.")
    page.get_by_label("Lock the scores anyway, with these uneven score sheets").check()
    page.get_by_label("I have read what will happen and want to go ahead.").check()
    page.get_by_role("button", name="Lock scores and deliberate").click()
    expect(page.get_by_role("status")).to_contain_text("The edition is now: Deliberation.")
    assert Edition.objects.get(pk=edition.pk).state == "deliberation"
    log_out(page)

    # The chair sees the ranking proposal with B and C ex aequo and records the places.
    log_in(page, url, chair.user.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Jury").click()
    page.get_by_role("link", name="Chair: progress, conflicts and deliberation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Deliberation of the Edition {NUMBER}"
    )
    table = page.get_by_role("table", name=re.compile(r"^Computed with the edition's aggregation"))
    expect(table.locator("thead th")).to_have_text(
        [
            "Place",
            "Entry",
            "Mean",
            "Median",
            "Trimmed mean",
            "Z-score (standardised per juror)",
            "Spread of the juror totals (min – max, σ)",
        ]
    )
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(4)
    expected = [
        ("1", "a-ghent", "9.00 (1)", "2 jurors"),
        ("2 ex aequo", "b-kosice", "7.00 (2)", "2 jurors"),
        ("2 ex aequo", "c-leeds", "7.00 (2)", "2 jurors"),
        ("3", "d-zagreb", "5.00 (3)", "1 juror"),
    ]
    for i, (place, ref, mean, jurors) in enumerate(expected):
        cells = rows.nth(i).locator("td")
        expect(cells.nth(0)).to_have_text(place)
        expect(cells.nth(1)).to_contain_text(ref)
        expect(cells.nth(1)).to_contain_text(f"{AUTHORITIES[ref]} · {jurors}")
        for column in (2, 3, 4):  # mean, median and trimmed mean agree here
            expect(cells.nth(column)).to_have_text(mean)
        expect(cells.nth(5)).to_contain_text(f"({mean[-2]})")
    expect(page.get_by_role("alert")).to_have_count(0)
    shot(page, "jury-3-chair-ranking")

    page.get_by_text("Record different places (with a reason)").click()
    expect(place_field(page, "a-ghent")).to_have_value("1")
    expect(place_field(page, "b-kosice")).to_have_value("2")
    expect(place_field(page, "c-leeds")).to_have_value("2")
    place_field(page, "d-zagreb").fill("")
    page.get_by_label("Why the decision departs from the computed ranking").fill(REASON)
    page.get_by_role("button", name="Record these places").click()
    expect(page.get_by_role("status")).to_contain_text("The jury's decision is recorded.")
    recorded = page.locator("section[aria-labelledby=ranking-heading] .panel")
    expect(recorded).to_contain_text("Recorded by Elena Popescu on")
    expect(recorded).to_contain_text(REASON)
    expect(recorded.locator("li")).to_have_text(
        [
            "Project a-ghent (City of Ghent): 1 a-ghent",
            "Project b-kosice (City of Košice): 2 ex aequo b-kosice",
            "Project c-leeds (Leeds City Council): 2 ex aequo c-leeds",
        ]
    )
    expect(page.get_by_role("link", name="Approve the decision (secretariat)…")).to_have_count(0)
    log_out(page)

    # The secretariat approves.
    log_in(page, url, secretariat.email)
    page.goto(f"{url}/en/jury/{NUMBER}/deliberation/")
    page.get_by_role("link", name="Approve the decision (secretariat)…").click()
    # That link asks first: the page says what approving does, then the confirmation.
    expect(page).to_have_url(f"{url}/en/jury/{NUMBER}/deliberation/approve/")
    expect(page.locator(".confirm-consequences")).to_contain_text(
        "The scores and the jury's decision are frozen: nobody can change them any more."
    )
    page.get_by_label("I have read what will happen and want to go ahead.").check()
    page.get_by_role("button", name="Approve the decision", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        "The decision is approved: scores are frozen; results can be published."
    )
    expect(recorded).to_contain_text("Approved by Sophie Martin on")
    expect(page.get_by_role("button", name="Record these places")).to_have_count(0)
    shot(page, "jury-4-decision-approved")

    decision = Decision.objects.get(edition=edition)
    assert decision.approved_by == secretariat
    assert decision.recorded_by == chair.user
    assert decision.reason == REASON
    results = {r.entry.ref: (r.place, r.ex_aequo) for r in decision.results.select_related("entry")}
    assert results == {
        "a-ghent": (1, False),
        "b-kosice": (2, True),
        "c-leeds": (2, True),
    }
    assert entries["d-zagreb"].ref not in results
