"""Documents made from an entry: the receipt of submission."""

from django.utils import translation

from prize.texts import pick

from .receipt import receipt_pdf


def receipt_for(entry, *, language: str) -> bytes:
    """The receipt PDF of a submitted entry, in `language`."""
    title = pick(entry.title, language)
    summary = pick(entry.summary, language)
    by = entry.submitted_by
    with translation.override(language):
        name = title.text if title else entry.display_title
    return receipt_pdf(
        ref=entry.ref,
        title=name,
        authority=entry.authority.name_in(language),
        country=entry.authority.country_label,
        edition=entry.edition.display_name,
        submitted_at=entry.submitted_at,
        summary=summary.text if summary else "",
        submitted_by=(by.get_full_name() if by else ""),
        language=language,
    )
