"""Background work of publication, run by the task worker. Thin: load, call."""

from django.tasks import task

from . import certificate_files, mails


@task()
def certificates_task(run_id: int) -> int:
    """Render the certificates an edition still lacks; returns how many were rendered."""
    return certificate_files.certificates_generate(run_id=run_id).done


@task()
def results_mail(edition_id: int) -> int:
    """Tell every authority that took part the edition's results; returns mails sent."""
    return mails.results_mail(edition_id=edition_id)
