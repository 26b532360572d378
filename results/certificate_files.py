"""Rendering and storing certificate PDFs: what the task worker runs.

Apart from the services (which plan certificates and queue this work) so that the thin
tasks can call it without the services importing the tasks that import them.
"""

import tempfile
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from results.enums import CertificateStatus, RunState
from results.models import Certificate, CertificateRun

from . import certificates as engine


def verify_url(number: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("certificate_short", args=[number])


def certificate_render(*, certificate_id: int, run_id: int | None = None) -> Certificate:
    """Render a certificate's PDF and store it (S3 in production), unless already done.

    Side effects: one file in storage; the row's file and rendered_at, and with `run_id`
    that run's progress, in the same transaction, so a worker killed in between never
    leaves a recorded file uncounted. When another worker got there first, the extra
    file is deleted again.
    """
    certificate = Certificate.objects.get(pk=certificate_id)
    if certificate.file:  # rendered meanwhile (another worker): counted all the same
        if run_id is not None:
            _count(run_id)
        return certificate
    data = engine.from_facts(
        certificate.facts, number=certificate.number, verify_url=verify_url(certificate.number)
    )
    field = certificate.file
    pdf = ContentFile(engine.render(data))
    name = field.storage.save(field.field.generate_filename(certificate, ""), pdf)
    with transaction.atomic():
        claimed = Certificate.objects.filter(pk=certificate.pk, file="").update(
            file=name, rendered_at=timezone.now()
        )
        if run_id is not None:
            _count(run_id)
    if not claimed:
        field.storage.delete(name)
    certificate.refresh_from_db()
    return certificate


def _count(run_id: int) -> None:
    """One more certificate of the run is stored, and the worker is alive."""
    CertificateRun.objects.filter(pk=run_id).update(done=F("done") + 1, heartbeat_at=timezone.now())


def certificates_generate(*, run_id: int) -> CertificateRun:
    """The worker's job: render every certificate of the edition still without a PDF,
    one at a time (memory stays flat whatever the number), counting progress and
    beating a heartbeat after each (see certificate_runs_fail_stalled).

    Side effects: files in storage; the run's counters and state. A failure stops the
    run with the error recorded; running it again picks up where it stopped.
    """
    run = CertificateRun.objects.select_related("edition").get(pk=run_id)
    if run.state == RunState.DONE:  # its task delivered again, or rendered without the worker
        return run
    pending = list(
        Certificate.objects.filter(
            edition=run.edition, status=CertificateStatus.VALID, file=""
        ).values_list("pk", flat=True)
    )
    now = timezone.now()
    _run_update(
        run, state=RunState.RUNNING, started_at=now, heartbeat_at=now, total=len(pending), done=0
    )
    try:
        for pk in pending:
            certificate_render(certificate_id=pk, run_id=run.pk)
    except Exception as error:
        _run_update(run, state=RunState.FAILED, finished_at=timezone.now(), error=str(error))
        raise
    _run_update(run, state=RunState.DONE, finished_at=timezone.now())
    run.refresh_from_db()
    return run


def _run_update(run: CertificateRun, **fields) -> None:
    CertificateRun.objects.filter(pk=run.pk).update(**fields)


def certificates_zip(certificates):
    """Every given certificate's PDF in one ZIP, as an open file at its start: spooled to
    disk past 8 MB, so memory stays small whatever the number of PDFs."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (returned open)
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED) as archive:  # PDFs are compressed
        for certificate in certificates:
            with certificate.file.open("rb") as handle:
                archive.writestr(
                    f"{certificate.kind}/{certificate.number}-{certificate.entry.ref}.pdf",
                    handle.read(),
                )
    spool.seek(0)
    return spool
