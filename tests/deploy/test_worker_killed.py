"""The task worker killed (SIGKILL: the OOM killer, a host going down) in the middle of
a run of a few hundred certificates. The run does not stay "running" for ever: with no
progress for CERTIFICATE_RUN_STALL_SECONDS the secretariat's progress says it failed,
"Generate" starts a run for the rest, and every stored PDF is whole."""

import time

import pytest
from django.core.files.storage import default_storage

from results.enums import CertificateStatus, RunState
from results.models import Certificate, CertificateRun
from tests import processes
from tests.factories import ranked_edition

ENTRIES = 150


def wait_until(check, timeout: float = 60, what: str = ""):
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
    return result


def stored_pdfs() -> dict[str, bytes]:
    """Every file in the certificates' folder of the storage, referenced or not."""
    try:
        names = default_storage.listdir("private/certificates")[1]
    except FileNotFoundError:
        return {}
    contents = {}
    for name in names:
        with default_storage.open(f"private/certificates/{name}", "rb") as handle:
            contents[name] = handle.read()
    return contents


def is_whole_pdf(content: bytes) -> bool:
    return content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_s_run_is_marked_failed_and_generate_finishes_the_rest(
    client, settings, secretary, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CERTIFICATE_RUN_STALL_SECONDS = 1
    edition = ranked_edition(number=43, entries=ENTRIES)
    client.force_login(secretary)
    base = f"/en/secretariat/editions/{edition.number}/certificates/"
    assert client.post(base + "generate/").status_code == 302
    first = CertificateRun.objects.get(edition=edition)
    env = processes.app_env()

    worker = processes.worker(env=env, log=tmp_path / "worker-1.log")
    try:
        wait_until(
            lambda: CertificateRun.objects.get(pk=first.pk).done >= 20, what="20 certificates"
        )
    finally:
        worker.kill()
    killed_at = CertificateRun.objects.get(pk=first.pk)
    assert killed_at.state == RunState.RUNNING
    assert 20 <= killed_at.done < ENTRIES

    # No progress any more: the progress the Certificates page polls says so.
    progress = wait_until(
        lambda: (p := client.get(base + "progress/").json())["state"] == RunState.FAILED and p,
        timeout=10,
        what="the run to be marked failed",
    )
    assert progress["done"] == killed_at.done
    assert progress["error"].startswith("The worker stopped without finishing")
    assert "Press “Generate”" in client.get(base).text
    whole = [n for n, content in stored_pdfs().items() if is_whole_pdf(content)]
    assert len(whole) == len(stored_pdfs()) >= killed_at.done

    # "Generate" again: a new run for what is missing, which a new worker finishes.
    assert client.post(base + "generate/").status_code == 302
    second = CertificateRun.objects.filter(edition=edition).exclude(pk=first.pk).get()
    missing = Certificate.objects.filter(edition=edition, file="").count()
    assert second.total == missing == ENTRIES - killed_at.done
    worker = processes.worker(env=env, log=tmp_path / "worker-2.log")
    try:
        wait_until(
            lambda: CertificateRun.objects.get(pk=second.pk).state == RunState.DONE,
            what="the second run",
        )
    finally:
        worker.stop()
    assert client.get(base + "progress/").json()["state"] == RunState.DONE

    certificates = Certificate.objects.filter(edition=edition, status=CertificateStatus.VALID)
    assert certificates.count() == ENTRIES
    assert not certificates.filter(file="").exists()
    files = stored_pdfs()
    assert all(is_whole_pdf(content) for content in files.values())
    referenced = {c.file.name.rsplit("/", 1)[1] for c in certificates}
    assert referenced <= set(files)
    assert len(files) - len(referenced) <= 1  # at most the one caught between store and record
