"""The certificates of a 500-entry edition, rendered by one run of the real task worker
(`manage.py db_worker`, database backend) in its own process, within a small server's
memory."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from jury.enums import DecisionSource
from jury.models import Decision, Result
from prize import services
from prize.enums import CertificateKind, CertificateStatus, EditionState, RunState
from prize.models import Certificate, CertificateRun
from submissions.models import Authority, Entry
from tests.factories import EditionFactory

ENTRIES = 500
# A small server: 1 GiB shared by the web servers, PostgreSQL and the worker; measured
# about 70 MB (SQLite, files) and 105 MB (PostgreSQL, S3) on the development machine.
WORKER_MEMORY_LIMIT_MB = 200


def big_edition():
    """A published edition: 500 ranked entries, three laureates, participation
    certificates for the others."""
    edition = EditionFactory(
        number=42,
        state=EditionState.PUBLISHED,
        participation_certificates=True,
        signatories=[{"name": "A. Example", "role": {"en": "President", "fr": "Président"}}],
    )
    authorities = Authority.objects.bulk_create(
        Authority(name=f"Municipality of Şişli {i}", kind="municipality", country="TR")
        for i in range(ENTRIES)
    )
    entries = Entry.objects.bulk_create(
        Entry(
            edition=edition,
            authority=a,
            ref=f"e{i:03d}",
            state="awarded" if i < 3 else "not_awarded",
            title={"en": f"Project {i}"},
        )
        for i, a in enumerate(authorities)
    )
    decision = Decision.objects.create(edition=edition, source=DecisionSource.IMPORTED)
    Result.objects.bulk_create(
        Result(decision=decision, entry=e, place=i + 1) for i, e in enumerate(entries[:3])
    )
    return edition


def worker_env() -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="settings.test", PYTHONWARNINGS="ignore")
    env["DOSTA_WORKER_DB"] = str(connection.settings_dict["NAME"])
    env["DOSTA_WORKER_MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    env["DOSTA_WORKER_S3_LOCATION"] = (
        settings.STORAGES["default"].get("OPTIONS", {}).get("location", "")
    )
    return env


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
            env=worker_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        while worker.poll() is None:
            peak = max(peak, high_water_mb(worker.pid))
            time.sleep(0.05)
    return worker.returncode, log.read_text(), peak


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
