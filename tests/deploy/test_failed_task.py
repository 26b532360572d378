"""A task that fails in a real worker is logged as an error, with the task's path and
id and its traceback, on the logger that production mails to ADMINS and that Sentry
reports (django.tasks; settings/observability.py)."""

import json
import time

import pytest
from django_tasks_db.models import DBTaskResult

from tests import processes
from tests.deploy.failing_tasks import fail_on_purpose


@pytest.mark.django_db(transaction=True)
def test_a_failed_task_is_logged_as_an_error_with_its_path_and_id(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = fail_on_purpose.enqueue(reason="the test")
    env = {**processes.app_env(), "DOSTA_WORKER_LOG_FORMAT": "json"}
    worker = processes.worker(env=env, log=tmp_path / "worker.log")
    try:
        deadline = time.monotonic() + 60
        while DBTaskResult.objects.get(pk=result.id).status != "FAILED":
            assert time.monotonic() < deadline, worker.log_tail()
            time.sleep(0.1)
        time.sleep(0.5)  # the log line is written just after the row
    finally:
        worker.stop()
    lines = [json.loads(line) for line in worker.log_tail(100_000).splitlines() if line[:1] == "{"]
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert [(e["logger"], e["message"]) for e in errors] == [
        (
            "django.tasks",
            f"Task id={result.id} path=tests.deploy.failing_tasks.fail_on_purpose state=FAILED",
        )
    ]
    assert "RuntimeError: failed on purpose: the test" in errors[0]["exc_info"]
