"""Steps the browser journeys share."""

from playwright.sync_api import expect

from tests.factories import PASSWORD


def log_in(page, url: str, email: str) -> None:
    """Log in through the login page and wait for the account page."""
    page.goto(f"{url}/en/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
