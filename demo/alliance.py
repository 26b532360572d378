"""Demo Alliance participants for `manage.py seed_demo`, through the services, so that
`make run` shows a counter, profiles with (demo) results and a request to review. The
participants are the demo's invented authorities: nothing is said about a real city.
Idempotent."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen.canvas import Canvas

from alliance import services
from alliance.models import Participation

# Accepted participants, by their keys in demo.data, and how many days ago they joined.
PARTICIPANTS = (("demokoy", 900), ("deigma", 700), ("muster", 400), ("przyklad", 120))
PROFILE = {
    "language": "en",
    "geographic": "Demo text. An invented town by an invented river, for the demonstration.",
    "projects": (
        "Demo text. The municipality works with Roma health mediators at its clinics.\n\n"
        "- Health mediators\n- Housing support for newly arrived families"
    ),
}
REQUEST = {
    "commitment": "Demo text. The council adopted a Roma inclusion strategy (invented).",
    "activities": "Demo text. A homework club run with Roma mentors (invented).",
    "dialogue": "Demo text. A consultative council with Roma organisations (invented).",
    "languages": "Serbian, Romani",
}


def demo_letter() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 750, "To the President of the Congress of Local and Regional Authorities")
    canvas.drawString(72, 720, "Demo commitment letter of an invented municipality")
    canvas.save()
    return SimpleUploadedFile("commitment-letter.pdf", buffer.getvalue(), "application/pdf")


def alliance_demo(*, users: dict, authorities: dict) -> None:
    secretary = users["secretariat"]
    today = timezone.localdate()
    for key, days in PARTICIPANTS:
        authority = authorities[key]
        if Participation.objects.filter(authority=authority).exists():
            continue
        services.participation_register(
            authority_id=authority.pk, by=secretary, accepted_on=today - timedelta(days=days)
        )
        if key == "demokoy":
            services.profile_update(authority_id=authority.pk, by=users[key], **PROFILE)
    # One request waiting for the secretariat: the demo authority member's.
    authority = authorities["authority"]
    if not Participation.objects.filter(authority=authority).exists():
        services.participation_request(
            authority_id=authority.pk, by=users["authority"], letter=demo_letter(), **REQUEST
        )
