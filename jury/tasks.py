"""Background work of the jury, run by the task worker. Thin: load, call."""

from django.tasks import task

from . import mails


@task()
def juror_invitation_mail(juror_id: int, new: bool) -> int:
    return mails.juror_invitation_mail(juror_id=juror_id, new=new)
