"""Pure predicates about publication: no query of their own."""

from accounts.rules import is_secretariat
from submissions.rules import member_authority_ids


def can_download_certificate(certificate, user) -> bool:
    """The PDF is for the authority's members and the secretariat; its facts are public
    on the verification page."""
    return is_secretariat(user) or certificate.entry.authority_id in member_authority_ids(user)
