"""Certificates: which entries get one, what is printed on it, and the worker's run.

Issuing is split in two so that numbers exist the moment results are published (the
e-mails quote them) while the PDFs, which take time, are rendered by the task worker:
`certificates_plan` writes the rows (facts, number) in the publishing transaction;
the worker renders the missing PDFs one at a time (`results.certificate_files`).
"""

import hashlib
import json
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.rules import is_secretariat
from jury import selectors as jury_selectors
from prize.enums import PUBLIC_RESULT_STATES
from prize.models import Edition
from results.enums import CertificateKind, CertificateStatus, RunState
from results.models import Certificate, CertificateRun
from submissions.enums import EntryState
from submissions.models import Entry

from .. import certificates as engine
from ..public_cache import public_pages_changed
from ..tasks import certificates_task

RESULT_STATES = (EntryState.AWARDED, EntryState.NOT_AWARDED)
# Crockford's base32: no I, L, O or U, so a number read aloud or typed is unambiguous.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def number_new(edition_number: int) -> str:
    """'DC8-7K2M9Q': the edition, then six random characters (a billion per edition),
    so numbers cannot be guessed from one another."""
    tail = "".join(secrets.choice(ALPHABET) for _ in range(6))
    return f"DC{edition_number}-{tail}"


def number_clean(text: str) -> str:
    """The number as stored, from what a person typed or a scanner read."""
    return text.strip().upper().translate(LOOKALIKES)


def _signatories(edition: Edition) -> tuple:
    return tuple(
        engine.Signatory(name=s.get("name", ""), role=s.get("role") or {})
        for s in edition.signatories or []
        if s.get("name")
    )


def facts_for(*, edition: Edition, entry: Entry, result, kind: str) -> dict:
    """What a certificate says, as stored JSON (the engine's own form)."""
    data = engine.CertificateData(
        number="",
        kind=kind,
        authority=entry.authority.name,
        authority_fr=entry.authority.name_fr,
        country=entry.authority.country,
        title=entry.title or {},
        place=result.place if kind == CertificateKind.LAUREATE else None,
        ex_aequo=bool(result and result.ex_aequo) if kind == CertificateKind.LAUREATE else False,
        edition_number=edition.number,
        edition_name=edition.name or {},
        ceremony_date=edition.ceremony_date,
        ceremony_place=edition.ceremony_place,
        ceremony_occasion=edition.ceremony_occasion,
        signatories=_signatories(edition),
        verify_url="",
    )
    return engine.facts_of(data)


def digest_of(facts: dict) -> str:
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def targets(*, edition: Edition) -> list[tuple[Entry, object, str]]:
    """(entry, result, kind) for every certificate the edition should have once its
    results are published: laureates always; the other entries the jury ranked when the
    edition issues participation certificates. Two queries."""
    results = {r.entry_id: r for r in jury_selectors.results(editions=[edition])}
    entries = (
        Entry.objects.filter(edition=edition, state__in=RESULT_STATES)
        .select_related("authority")
        .order_by("ref")
    )
    found = []
    for entry in entries:
        result = results.get(entry.pk)
        if result is not None and result.place <= edition.places:
            found.append((entry, result, CertificateKind.LAUREATE))
        elif edition.participation_certificates:
            found.append((entry, result, CertificateKind.PARTICIPATION))
    return found


def certificates_plan(*, edition_id: int) -> list[int]:
    """Bring the edition's certificate rows in line with its data: a new certificate
    (new number, no PDF yet) wherever none is valid or the facts changed, the replaced
    one marked superseded. Idempotent. Returns the ids still to render.

    Side effects: Certificate rows, in one transaction.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        valid = {
            (c.entry_id, c.kind): c
            for c in Certificate.objects.filter(edition=edition, status=CertificateStatus.VALID)
        }
        for entry, result, kind in targets(edition=edition):
            facts = facts_for(edition=edition, entry=entry, result=result, kind=kind)
            _issue(edition, entry, kind, facts, valid.get((entry.pk, kind)))
        return list(
            Certificate.objects.filter(
                edition=edition, status=CertificateStatus.VALID, file=""
            ).values_list("pk", flat=True)
        )


def _issue(edition, entry, kind, facts, current) -> None:
    digest = digest_of(facts)
    if current is not None and current.digest == digest:
        return
    now = timezone.now()
    if current is not None:  # the partial unique index allows one valid per entry and kind
        Certificate.objects.filter(pk=current.pk).update(
            status=CertificateStatus.SUPERSEDED, superseded_at=now
        )
    new = _create(edition, entry, kind, facts, digest, now)
    if current is not None:
        Certificate.objects.filter(pk=current.pk).update(superseded_by=new)
        public_pages_changed()  # the updates above send no signal


def _create(edition, entry, kind, facts, digest, now) -> Certificate:
    while True:  # a clash among a billion numbers is rare; just draw again
        number = number_new(edition.number)
        if not Certificate.objects.filter(number=number).exists():
            return Certificate.objects.create(
                number=number,
                edition=edition,
                entry=entry,
                kind=kind,
                facts=facts,
                digest=digest,
                issued_at=now,
            )


def certificates_request(*, edition_id: int, by=None) -> CertificateRun:
    """Plan the edition's certificates and queue the rendering of those without a PDF.

    Side effects: Certificate rows; one CertificateRun (already done when there is
    nothing to render); after commit, one task for the worker.
    """
    if by is not None and not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat can issue certificates."))
    certificate_runs_fail_stalled(edition_id=edition_id)
    with transaction.atomic():
        edition = Edition.objects.get(pk=edition_id)
        if not edition.results_public:
            raise ValidationError(
                _("Certificates are issued once the edition's results are published.")
            )
        return run_queue(edition=edition, by=by, pending=certificates_plan(edition_id=edition_id))


def certificate_runs_fail_stalled(*, edition_id: int) -> int:
    """Mark failed the edition's runs whose worker stopped (killed, out of memory, the
    host restarted): running, with no progress for CERTIFICATE_RUN_STALL_SECONDS. Called
    when the secretariat reads the progress and before a new run, so "Generate" then
    renders what is left (finished PDFs are kept: each is stored whole, then recorded).

    Side effects: those runs' state, finished_at and error; returns how many."""
    seconds = settings.CERTIFICATE_RUN_STALL_SECONDS
    minutes = max(1, round(seconds / 60))
    return CertificateRun.objects.filter(
        edition_id=edition_id,
        state=RunState.RUNNING,
        heartbeat_at__lt=timezone.now() - timedelta(seconds=seconds),
    ).update(
        state=RunState.FAILED,
        finished_at=timezone.now(),
        error=ngettext(
            "The worker stopped without finishing: no progress for %(minutes)d minute. "
            "Press “Generate” to render the certificates still missing.",
            "The worker stopped without finishing: no progress for %(minutes)d minutes. "
            "Press “Generate” to render the certificates still missing.",
            minutes,
        )
        % {"minutes": minutes},
    )


def certificates_refresh_for_edition(*, edition: Edition, by) -> CertificateRun | None:
    """After an edition's settings changed (inside their transaction): what the
    certificates say may have changed, so reissue those whose facts did, when the results
    are public and the edition has certificates or gives participation ones.

    Side effects: as certificates_request, or none."""
    if not edition.results_public:
        return None
    if not (
        edition.participation_certificates or Certificate.objects.filter(edition=edition).exists()
    ):
        return None
    return certificates_request(edition_id=edition.pk, by=by)


def certificates_refresh_for_authority(*, authority_id: int) -> list[CertificateRun]:
    """After an authority's details changed: reissue, in every edition whose results are
    public, the certificates that print them (those whose facts changed).

    Side effects: as certificates_request, once per such edition.
    """
    editions = (
        Certificate.objects.filter(
            entry__authority_id=authority_id,
            status=CertificateStatus.VALID,
            edition__state__in=PUBLIC_RESULT_STATES,
        )
        .values_list("edition_id", flat=True)
        .distinct()
        .order_by("edition_id")
    )
    return [certificates_request(edition_id=edition_id) for edition_id in editions]


def run_queue(*, edition: Edition, by, pending: list[int]) -> CertificateRun:
    """A run for the worker, queued after commit; none needed when nothing is pending."""
    if not pending:
        now = timezone.now()
        return CertificateRun.objects.create(
            edition=edition, requested_by=by, state=RunState.DONE, started_at=now, finished_at=now
        )
    run = CertificateRun.objects.create(edition=edition, requested_by=by, total=len(pending))
    transaction.on_commit(lambda: certificates_task.enqueue(run.pk))
    return run


def certificate_revoke(*, number: str, by, reason: str) -> Certificate:
    """Revoke a certificate (issued in error, say): its page then says so.

    Side effects: the certificate's status, revoked_at/by/reason.
    """
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat can revoke a certificate."))
    if not reason.strip():
        raise ValidationError(_("Give the reason; the verification page shows it."))
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update().filter(number=number_clean(number)).first()
        )
        if certificate is None:
            raise ValidationError(_("No certificate has this number."))
        if certificate.status == CertificateStatus.REVOKED:
            raise ValidationError(_("This certificate is already revoked."))
        if certificate.status == CertificateStatus.SUPERSEDED:
            raise ValidationError(
                _("This certificate was already replaced: revoke its replacement instead.")
            )
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = by
        certificate.revoked_reason = reason.strip()
        certificate.save()
    return certificate
