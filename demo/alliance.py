"""Demo Alliance participants for `manage.py seed_demo`, through the services, so that
`make run` shows a counter, profiles with past results and a request to review.
Idempotent."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.pdfgen.canvas import Canvas

from alliance import services
from alliance.models import Participation
from submissions.models import Authority

# Laureates of past editions (imported with the history): (name, country, since).
# Two Greek cities: the counter counts Greece once.
PARTICIPANTS = [
    ("City of Ghent", "BE", date(2013, 9, 1)),
    ("City of Kragujevac", "RS", date(2014, 3, 1)),
    ("Municipality of Volos", "GR", date(2015, 5, 1)),
    ("Municipality of Heraklion", "GR", date(2016, 2, 1)),
]
GHENT_PROFILE = {
    "language": "en",
    "geographic": "A port city in Flanders, where the Scheldt and the Lys meet.",
    "projects": (
        "Demo text. The city works with Roma mediators in schools and at the town hall.\n\n"
        "- Intercultural mediators\n- Housing support for newly arrived families"
    ),
}
REQUEST = {
    "commitment": "Demo text. The city council adopted a Roma inclusion strategy.",
    "activities": "Demo text. Roma health mediators in the city's districts.",
    "dialogue": "Demo text. A consultative council with Roma organisations.",
    "languages": "Romanian, Hungarian, Romani",
}


def demo_letter() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 750, "To the President of the Congress of Local and Regional Authorities")
    canvas.drawString(72, 720, "Demo commitment letter")
    canvas.save()
    return SimpleUploadedFile("commitment-letter.pdf", buffer.getvalue(), "application/pdf")


def alliance_demo(*, secretary, member) -> None:
    for name, country, since in PARTICIPANTS:
        authority = Authority.objects.filter(name=name, country=country).first()
        if authority is None or Participation.objects.filter(authority=authority).exists():
            continue
        services.participation_register(authority_id=authority.pk, by=secretary, accepted_on=since)
        if name == "City of Ghent":
            services.profile_update(authority_id=authority.pk, by=secretary, **GHENT_PROFILE)
    # One request waiting for the secretariat: the demo authority member's.
    authority = member.authorities.order_by("pk").first()
    if authority and not Participation.objects.filter(authority=authority).exists():
        services.participation_request(
            authority_id=authority.pk, by=member, letter=demo_letter(), **REQUEST
        )
