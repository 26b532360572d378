"""The README's "Walk the demo", step by step, in a real browser: the real `seed_demo`
loads the test database as `make run` loads the site, then each role logs in as the
README says (the password it prints, the code `demo_totp_code` prints) and finds what
the README says is there. The screenshots of each step are the README's
(`docs/walk/<n>-<role>.png`) when DOSTA_README_SCREENSHOTS=1."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from demo.data import DEMO_PASSWORD
from tests.browser.helpers import screen_shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A desktop window of modest size: the README's pictures stay readable and small.
WINDOW = {"width": 1000, "height": 640}
CERTIFICATE = re.compile(r"A certificate to verify \(.*\): (/en/certificates/\S+/)")


def test_the_readme_s_walk_of_the_demo_one_role_after_the_other(live_server, browser, settings):
    """One demo for the five steps (seed_demo takes seconds), each step in a browser
    of its own, nobody logged in at its start."""
    from settings import local

    # As `make run` serves it: its template engines, its address on the certificate.
    settings.TEMPLATES, settings.SITE_URL = local.TEMPLATES, local.SITE_URL
    out = io.StringIO()
    call_command("seed_demo", stdout=out)  # what `make run` runs before serving
    for step in (secretariat, authority, juror, chair, visitor):
        context = browser.new_context(viewport=WINDOW, locale="en-GB")
        try:
            step(context.new_page(), live_server.url, out.getvalue())
        finally:
            context.close()


def log_in(page, url: str, email: str, *, second_factor: bool) -> None:
    """Log in from the home page's menu: the e-mail address, the demo's password, then
    (the secretariat and the jury) the 6-digit code `manage.py demo_totp_code` prints."""
    page.goto(f"{url}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if second_factor:
        expect(page).to_have_url(re.compile(r"/en/accounts/two-factor/code/"))
        code = io.StringIO()
        call_command("demo_totp_code", email, stdout=code)
        page.get_by_label("6-digit code").fill(code.getvalue().strip())
        page.get_by_role("button", name="Continue").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/(login|two-factor)/"))


def small(picture) -> None:
    """The README's pictures stay light: a window of CSS pixels, under 200 KB each."""
    assert picture.stat().st_size < 200_000, picture


def top(locator) -> None:
    """Scroll so that `locator` is at the top of the window (for the screenshot)."""
    locator.evaluate("element => element.scrollIntoView({block: 'start'})")


def secretariat(page, url: str, demo: str) -> None:
    """1. The secretariat logs in, lands on the overview, opens the screening edition."""
    log_in(page, url, "secretariat@congress.example", second_factor=True)
    expect(page).to_have_url(re.compile(r"/en/secretariat/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Secretariat")
    screening = page.locator("li.edition-overview").filter(
        has=page.get_by_role("heading", name="Demo · eligibility screening")
    )
    expect(screening).to_contain_text("4 entries await screening.")
    screening.get_by_role("link", name="Screen the entries").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Entries of the Demo · eligibility screening"
    )
    rows = page.locator("table.data tbody tr")
    expect(rows).to_have_count(5)
    for authority in ("Demoköy Belediyesi", "Esimerkkilän kunta", "Landkreis Musterstadt"):
        expect(rows.filter(has_text=authority).locator(".state")).to_have_text("Submitted")
    expect(rows.filter(has_text="Општина Демоград").locator(".state")).to_have_text(
        "Information requested"
    )
    # One authority is not verified yet: the secretariat verifies it before screening.
    expect(
        rows.filter(has_text="Esimerkkilän kunta").get_by_role("cell", name="no", exact=True)
    ).to_have_count(1)
    top(page.get_by_role("heading", level=1))
    small(screen_shot(page, "walk/1-secretariat"))


def authority(page, url: str, demo: str) -> None:
    """2. The authority member's to-do: the draft entry and what it still needs."""
    log_in(page, url, "mayor@demograd.example", second_factor=False)
    expect(page).to_have_url(re.compile(r"/en/to-do/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What you have to do")
    draft = (
        page.locator("li")
        .filter(has=page.get_by_role("link", name="Job coaching for young Roma", exact=True))
        .last
    )
    expect(draft).to_contain_text("Demo · open for entries · Draft")
    expect(draft).to_contain_text("Still needed before you can submit it:")
    needed = draft.locator("ul.missing li")
    expect(needed.first).to_have_text("Write a description.")
    expect(needed.last).to_have_text("Give your consent to publication.")
    expect(needed.filter(has_text="Add at least one photo.")).to_have_count(1)
    # The entry asked for more information, in the screening edition, says so too.
    expect(page.locator("main")).to_contain_text(
        "Demo request: please add the number of Roma families who took part in 2025."
    )
    top(page.get_by_role("heading", name="Your authorities' entries"))
    small(screen_shot(page, "walk/2-authority"))

    draft.get_by_role("link", name="Complete the entry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Job coaching for young Roma")
    expect(page.get_by_label("Title in English", exact=True)).to_have_value(
        "Job coaching for young Roma"
    )
    expect(page.get_by_role("button", name="Save the draft").first).to_be_visible()


def juror(page, url: str, demo: str) -> None:
    """3. The juror's sheets, and one entry opened to score (a draft started)."""
    log_in(page, url, "juror@institute.example", second_factor=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("What you have to do")
    seat = page.locator("li.todo-item").filter(
        has=page.get_by_role("heading", name="Juror of the Demo · jury scoring")
    )
    expect(seat).to_contain_text("You submitted 0 of your 4 score sheets.")
    seat.get_by_role("link", name="Go to your entries").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Jury of the Demo · jury scoring")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(4)
    started = rows.filter(has_text="Општина Демоград")
    expect(started).to_contain_text("2/5")
    started.get_by_role("link", name="A renewed site with the Travellers").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "A renewed site with the Travellers"
    )
    scores = page.get_by_label("Score", exact=True)
    expect(scores).to_have_count(5)
    expect(scores.nth(0)).to_have_value("8")
    expect(scores.nth(1)).to_have_value("7.5")
    expect(scores.nth(2)).to_have_value("")
    small(screen_shot(page, "walk/3-juror"))


def chair(page, url: str, demo: str) -> None:
    """4. The chair's deliberation: the ranking proposal with its tie for the 2nd place."""
    log_in(page, url, "chair@university.example", second_factor=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("What you have to do")
    page.get_by_role("link", name="Go to the deliberation").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Deliberation of the Demo · jury deliberation"
    )
    ranking = page.get_by_role("heading", name="Ranking proposal")
    table = page.locator("table").filter(has_text="2 ex aequo")
    tied = table.locator("tbody tr").filter(has_text="2 ex aequo")
    expect(tied).to_have_count(2)
    expect(tied.nth(0)).to_contain_text("Commune d’Exempleville")
    expect(tied.nth(1)).to_contain_text("Δήμος Δειγματούπολης")
    expect(page.get_by_role("button", name="Confirm the computed ranking")).to_be_visible()
    top(ranking)
    small(screen_shot(page, "walk/4-chair"))


def visitor(page, url: str, demo: str) -> None:
    """5. A visitor: the published demo edition's laureate, and its certificate verified."""
    page.goto(f"{url}/en/")
    expect(page.locator("main")).to_contain_text("This is a demonstration call for entries")
    latest = page.locator("section").filter(
        has=page.get_by_role("heading", name="Latest laureates: Demo · results published")
    )
    latest.get_by_role("link", name="All results of this edition").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Demo · results published")
    first = page.locator("section").filter(has=page.get_by_role("heading", name="1st place"))
    first.get_by_role("link", name=re.compile("Општина Демоград")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("1st place")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Општина Демоград (Serbia)")
    main = page.locator("main")
    expect(main).to_contain_text("Homework club in the Romani neighbourhood")
    expect(main).to_contain_text("Demonstration statement: the jury praised")
    expect(main.locator("figure img")).to_have_count(2)
    expect(main.locator("figure img").first).to_have_attribute("alt", re.compile("marked DEMO"))

    # The address seed_demo prints with the logins (`make run`), opened as typed.
    address = CERTIFICATE.search(demo).group(1)
    page.goto(url + address)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Certificate {address.split('/')[-2]}"
    )
    expect(page.get_by_role("status")).to_contain_text("Valid.")
    expect(main.locator("dl.facts")).to_contain_text("Општина Демоград (Serbia)")
    expect(main.locator("dl.facts")).to_contain_text("1st place")
    small(screen_shot(page, "walk/5-visitor"))
