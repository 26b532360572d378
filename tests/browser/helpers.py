"""Steps the browser journeys share."""

import os
import re
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from accounts.models import User
from accounts.selectors import has_second_factor, second_factor_required
from submissions.enums import EntryState
from submissions.models import Entry
from submissions.services import photo_add
from tests.factories import PASSWORD
from tests.otp import app_code, app_device
from tests.submissions.conftest import PHOTO_TEXT, jpeg_bytes


def log_in(page, url: str, email: str) -> None:
    """Log in through the login page, then type the code of the person's authenticator
    app if they have one or may need one (the secretariat, anyone on a jury: they get one
    first), and wait for the page they land on (their to-do: results.views.landing)."""
    user = User.objects.get(email__iexact=email)
    needs = second_factor_required(user) or user.jury_seats.exists() or has_second_factor(user)
    device = app_device(user) if needs else None
    page.goto(f"{url}/en/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if device is not None:
        type_the_code(page, device)
    expect(page).not_to_have_url(re.compile(r"/accounts/(login|two-factor)/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def type_the_code(page, device) -> None:
    """The page after the password of someone with an authenticator app: its code."""
    expect(page).to_have_url(re.compile(r"/en/accounts/two-factor/code/"))
    page.get_by_label("6-digit code").fill(app_code(device))
    page.get_by_role("button", name="Continue").click()


def give_photo(entry: Entry, credit: str) -> None:
    """The authority consents to publication and adds a photo the people shown agreed to,
    through the service the entry form uses. That service takes photos only while the
    entry can be edited, so the entry goes back to a draft for the moment of the upload."""
    Entry.objects.filter(pk=entry.pk).update(state=EntryState.DRAFT, consent_publication=True)
    photo_add(
        entry_id=entry.pk,
        by=entry.authority.members.get(),
        upload=SimpleUploadedFile(
            "children.jpg", jpeg_bytes(size=(1200, 800)), content_type="image/jpeg"
        ),
        caption=PHOTO_TEXT["caption"],
        credit=credit,
        alt=PHOTO_TEXT["alt"],
        people="consented",
    )
    Entry.objects.filter(pk=entry.pk).update(state=EntryState.ELIGIBLE)


# The README's screenshots come from the browser tests: DOSTA_README_SCREENSHOTS=1 writes
# them into docs/ (committed); otherwise the same screens go to test-artifacts/.
README_SCREENSHOTS_SWITCH = "DOSTA_README_SCREENSHOTS"
DOCS = Path(settings.BASE_DIR) / "docs"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / settings.TEST_BACKEND


def readme_screenshots() -> bool:
    """Whether this run refreshes the README's screenshots."""
    return os.environ.get(README_SCREENSHOTS_SWITCH) == "1"


def screen_shot(page, name: str) -> Path:
    """What the person sees now (the window, not the whole page), at the page's CSS
    pixels: `docs/<name>.png` for the README when the switch is on, else the same picture
    as `test-artifacts/<leg>/<name with - for />.png`."""
    if readme_screenshots():
        path = DOCS / f"{name}.png"
    else:
        path = ARTIFACTS / f"{name.replace('/', '-')}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), scale="css", animations="disabled", caret="hide")
    return path
