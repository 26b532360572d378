"""Reads about certificates: the public verification, an authority's own, an edition's."""

from prize.models import Edition
from results.enums import CertificateStatus
from results.models import Certificate, CertificateRun
from submissions.rules import member_authority_ids

from .services.certificates import number_clean


def for_verification(number: str) -> Certificate | None:
    """A certificate of an edition whose results are public, with what replaced it."""
    if "\x00" in number:  # no number has one, and PostgreSQL refuses NUL in any text
        return None
    certificate = (
        Certificate.objects.select_related("edition", "superseded_by", "entry")
        .filter(number=number_clean(number))
        .first()
    )
    if certificate is None or not certificate.edition.results_public:
        return None
    return certificate


def of_user(user) -> list[Certificate]:
    """Every certificate of the person's authorities, newest edition first."""
    return list(
        Certificate.objects.filter(entry__authority_id__in=member_authority_ids(user))
        .select_related("edition", "entry__authority", "superseded_by")
        .order_by("-edition__number", "entry__authority__name", "status", "-issued_at")
    )


def of_edition(edition: Edition) -> list[Certificate]:
    return list(
        Certificate.objects.filter(edition=edition)
        .select_related("entry__authority", "superseded_by")
        .order_by("status", "kind", "facts__place", "entry__authority__name", "-issued_at")
    )


def valid_files(edition: Edition):
    return (
        Certificate.objects.filter(edition=edition, status=CertificateStatus.VALID)
        .exclude(file="")
        .select_related("entry__authority")
        .order_by("kind", "number")
    )


def latest_run(edition: Edition) -> CertificateRun | None:
    return CertificateRun.objects.filter(edition=edition).order_by("-created_at", "-pk").first()
