"""A task that fails, for tests/deploy/test_failed_task.py (a real worker imports it)."""

from django.tasks import task


@task()
def fail_on_purpose(reason: str) -> None:
    raise RuntimeError(f"failed on purpose: {reason}")
