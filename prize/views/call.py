"""The call for entries as a PDF, in the language of the address
(/en/editions/<n>/call.pdf, /fr/editions/<n>/call.pdf)."""

from django.http import Http404, HttpResponse
from django.utils.translation import get_language

from prize import selectors
from prize.call_pdf import CallFacts, call_pdf
from web.links import absolute


def call_pdf_view(request, number: int):
    """Not found for an edition that is not public or whose call has no text."""
    edition = selectors.public_edition(number)
    text = edition.call_text
    if text is None:
        raise Http404("This edition's call has no text")
    facts = CallFacts(
        edition=edition.display_name,
        text=text,
        deadline=edition.submission_deadline,
        project_start=edition.project_start,
        project_end=edition.project_end,
        criteria=[str(c) for c in edition.criteria.all()],
        address=absolute(edition.get_absolute_url()),
    )
    language = (get_language() or "en")[:2]
    response = HttpResponse(call_pdf(facts, language=language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dosta-call-{number}-{language}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
