"""The certificates of a 500-entry edition, rendered by one run of the real task worker
(`manage.py db_worker`, database backend) in its own process, within a small server's
memory."""

import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from results import services
from results.enums import CertificateKind, CertificateStatus, RunState
from results.models import Certificate, CertificateRun
from tests.factories import ranked_edition
from tests.processes import app_env

ENTRIES = 500
# A small server: 1 GiB shared by the web servers, PostgreSQL and the worker; measured
# about 70 MB (SQLite, files) and 105 MB (PostgreSQL, S3) on the development machine.
WORKER_MEMORY_LIMIT_MB = 200


def big_edition():
    """A published edition: 500 ranked entries, three laureates, participation
    certificates for the others."""
    return ranked_edition(number=42, entries=ENTRIES)


def high_water_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM). Read from /proc while it
    runs: the rusage of a child spawned by a big test process also counts the parent's
    memory at the moment of exec, so it would measure pytest, not the worker."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_worker(tmp_path) -> tuple[int, str, float]:
    """Run one batch of the worker; returns its exit status, its log and its peak
    memory in MB."""
    log = tmp_path / "worker.log"
    peak = 0.0
    with log.open("w") as out:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=Path(settings.BASE_DIR),
            env=app_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        while worker.poll() is None:
            peak = max(peak, high_water_mb(worker.pid))
            time.sleep(0.05)
    return worker.returncode, log.read_text(), peak


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_one_worker_run_renders_500_certificates_in_little_memory(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    edition = big_edition()
    run = services.certificates_request(edition_id=edition.pk)
    assert run.total == ENTRIES

    status, log, peak_mb = run_worker(tmp_path)

    assert status == 0, log[-2000:]
    run = CertificateRun.objects.get(pk=run.pk)
    assert (run.state, run.done, run.total, run.error) == (RunState.DONE, ENTRIES, ENTRIES, "")
    valid = Certificate.objects.filter(edition=edition, status=CertificateStatus.VALID)
    assert valid.filter(kind=CertificateKind.LAUREATE).count() == 3
    assert valid.filter(kind=CertificateKind.PARTICIPATION).count() == ENTRIES - 3
    assert not valid.filter(file="").exists()
    sample = valid.order_by("?").first()
    with sample.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert peak_mb < WORKER_MEMORY_LIMIT_MB, f"worker peaked at {peak_mb:.0f} MB"
