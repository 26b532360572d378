"""Background work about people, run by the task worker. Thin: load, call."""

from django.tasks import task

from . import mails


@task()
def registration_mail(user_id: int, again: bool) -> int:
    return mails.registration_mail(user_id=user_id, again=again)


@task()
def invitation_mail(user_id: int, by_id: int | None) -> int:
    return mails.invitation_mail(user_id=user_id, by_id=by_id)


@task()
def password_reset_mail(email: str) -> None:
    mails.password_reset_mail(email=email)
