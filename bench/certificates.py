"""The certificates of a published 500-entry edition, as the secretariat waits for them:
from "Issue certificates" (certificates_request, which plans the rows and queues the run)
to the last PDF stored on S3, rendered by one task worker (`manage.py db_worker`, the
database backend), in its own process as in production."""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench import build
from results import certificates as engine
from results import services
from results.certificate_files import verify_url
from results.enums import CertificateStatus, RunState
from results.models import Certificate, CertificateRun

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 10.0


def figures(*, env: dict, entries: int) -> dict:
    edition = build.build_certificate_edition(number=903, entries=entries)
    began = time.perf_counter()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = services.certificates_request(edition_id=edition.pk)
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    waited = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    run = CertificateRun.objects.get(pk=run.pk)
    if worker.returncode or run.state != RunState.DONE:
        raise SystemExit(f"the certificate run did not finish:\n{worker.stderr[-3000:]}")
    # The run's own clock: from the worker taking it to the last PDF recorded, as the
    # edition's Certificates page shows it (the worker's start-up left out).
    rendering = (run.finished_at - run.started_at).total_seconds()
    stored = Certificate.objects.filter(edition=edition, status=CertificateStatus.VALID)
    return {
        "entries": entries,
        "certificates": run.done,
        "document": "two A4 landscape pages (English, French), Noto Sans, segno QR code",
        "worker_seconds": round(rendering, 2),
        "per_certificate_ms": round(1000 * rendering / run.done, 1),
        "request_to_last_pdf_seconds": round(waited, 2),
        "worker_cpu_seconds": round(worker_cpu, 2),
        "of_which_rendering_cpu_seconds": round(_render_cpu(stored), 2),
        "mean_pdf_kilobytes": round(_mean_size(stored) / 1024, 1),
        "target_seconds": TARGET_SECONDS,
        "target_met": rendering < TARGET_SECONDS,
    }


def _render_cpu(certificates) -> float:
    """The CPU time of rendering the same PDFs again in this process, nothing stored: the
    engine's share of the worker's time (the rest is start-up, storage and database)."""
    data = [
        engine.from_facts(c.facts, number=c.number, verify_url=verify_url(c.number))
        for c in certificates.order_by("pk")
    ]
    began = time.process_time()
    for one in data:
        engine.render(one)
    return time.process_time() - began


def _mean_size(certificates) -> float:
    """The mean size of ten of the PDFs, as the storage (S3 here) reports it."""
    sizes = [c.file.size for c in certificates.order_by("pk")[:10]]
    return sum(sizes) / len(sizes)
