"""Background work about people, run by the task worker. Thin: load, call."""

from django.tasks import task

from . import mails


@task()
def registration_mail(user_id: int, again: bool, base_url: str) -> int:
    return mails.registration_mail(user_id=user_id, again=again, base_url=base_url)


@task()
def invitation_mail(user_id: int, by_id: int | None, base_url: str) -> int:
    return mails.invitation_mail(user_id=user_id, by_id=by_id, base_url=base_url)


@task()
def password_reset_mail(email: str, domain: str, use_https: bool) -> None:
    mails.password_reset_mail(email=email, domain=domain, use_https=use_https)
