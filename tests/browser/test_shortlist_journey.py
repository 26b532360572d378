"""The shortlist in a real browser: after the first round, the chair sees the proposal
(a tie makes it longer), records other entries with a reason; the secretariat reads what
starting the final round does and confirms; a juror then has only the shortlisted
entries. Each page passes axe in English and French and fits a 390 px phone."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jury import selectors, services
from jury.models import Shortlist
from prize.enums import EditionState, JuryRound
from prize.models import Edition
from results import services as results_services
from tests.browser.axe import axe_context, axe_visit, blocking
from tests.browser.helpers import log_in
from tests.factories import (
    AuthorityFactory,
    EditionFactory,
    EntryFactory,
    JurorFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

N = 64
FIRST = {"a": 9, "b": 8, "c": 8, "d": 3}


def first_round(secretariat):
    edition = EditionFactory(number=N, state=EditionState.JUDGING, places=1, shortlist_size=2)
    now = timezone.now()
    chair = JurorFactory(
        edition=edition, ref="chair", role="chair", user=UserFactory(), terms_accepted_at=now
    )
    member = JurorFactory(edition=edition, ref="m1", user=UserFactory(), terms_accepted_at=now)
    for ref in FIRST:
        EntryFactory(
            edition=edition,
            ref=ref,
            state="eligible",
            title={"en": f"Project {ref}", "fr": f"Projet {ref}"},
            authority=AuthorityFactory(name=f"Town {ref.upper()}"),
        )
    services.assignments_create(edition=edition)
    codes = list(edition.criteria.values_list("code", flat=True))
    for juror in (chair, member):
        for row in selectors.juror_progress(juror=juror):
            pk = row["assignment"].pk
            value = str(FIRST[row["entry"].ref])
            services.scores_save(
                assignment_id=pk, by=juror.user, values=dict.fromkeys(codes, value)
            )
            services.assignment_transition(assignment_id=pk, action="submit", by=juror.user)
    results_services.edition_transition(
        edition_id=edition.pk, action="start_deliberation", by=secretariat, confirmed=True
    )
    return edition, chair, member


def test_the_chair_records_a_shortlist_and_the_secretariat_starts_the_final_round(
    live_server, browser, shot
):
    secretariat = UserFactory(is_secretariat=True, is_staff=True)
    edition, chair, member = first_round(secretariat)
    url = live_server.url
    context = axe_context(browser)
    page = context.new_page()

    log_in(page, url, chair.user.email)
    page.goto(f"{url}/en/jury/{N}/deliberation/")
    expect(page.get_by_role("heading", name="The first round's ranking")).to_be_visible()
    expect(page.get_by_text("A tie makes it 3 entries.")).to_be_visible()
    violations = axe_visit(
        page, url, [("chair's first round", "/{lang}/jury/{n}/deliberation/")], n=N
    )
    page.goto(f"{url}/en/jury/{N}/deliberation/")
    page.get_by_text("Choose other entries (with a reason)").click()
    page.get_by_label("2. Project c (Town C)").uncheck()
    page.get_by_role("button", name="Record these entries").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Say why the shortlist departs from the computed proposal."
    )
    expect(page.get_by_label("2. Project c (Town C)")).not_to_be_checked()  # kept as typed
    page.get_by_label("Why the shortlist departs from the computed proposal").fill(
        "Project c ended in 2024."
    )
    page.get_by_role("button", name="Record these entries").click()
    expect(page.get_by_role("status")).to_contain_text("The shortlist is recorded.")
    shot(page, "shortlist-chair")
    assert {e.ref for e in Shortlist.objects.get().entries.all()} == {"a", "b"}
    context.clear_cookies()

    log_in(page, url, secretariat.email)
    page.goto(f"{url}/en/secretariat/editions/{N}/")
    page.get_by_role("link", name="Start the final round (shortlisted entries only)…").click()
    expect(page.get_by_text("These 2 entries go to the final round")).to_be_visible()
    expect(page.get_by_text("Project c ended in 2024.")).to_be_visible()
    violations += axe_visit(
        page,
        url,
        [
            (
                "final round's confirmation",
                "/{lang}/secretariat/editions/{n}/confirm/start_final_round/",
            )
        ],
        n=N,
    )
    page.goto(f"{url}/en/secretariat/editions/{N}/confirm/start_final_round/")
    shot(page, "shortlist-confirm")
    page.get_by_label("I have read what will happen and want to go ahead.").check()
    page.get_by_role("button", name="Start the final round (shortlisted entries only)").click()
    expect(page.get_by_role("status")).to_contain_text("The edition is now: Jury scoring.")
    assert Edition.objects.get(pk=edition.pk).jury_round == JuryRound.FINAL
    context.clear_cookies()

    log_in(page, url, member.user.email)
    page.goto(f"{url}/en/jury/{N}/")
    expect(page.get_by_text("Final round: score the shortlisted entries again")).to_be_visible()
    expect(page.get_by_role("link", name="Project a")).to_be_visible()
    expect(page.get_by_role("link", name="Project d")).to_have_count(0)
    violations += axe_visit(page, url, [("juror's final round", "/{lang}/jury/{n}/")], n=N)
    context.close()
    assert blocking(violations) == []
