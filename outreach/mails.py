"""The e-mails of outreach, each to one person in their own language.

The announcement and the reminders carry the person's opt-out link, which is a secret:
like the links that open an account (accounts/mails.py), they are queued with ids only
and rendered and sent by the task worker (accounts.mail.mail_send_now), so no such link
sits in the task table; the worker also checks the opt-out at that moment. Their
List-Unsubscribe headers (RFC 2369) point at the one-click address (RFC 8058).

The news of a moved deadline carries no secret and no opt-out (it changes the terms of
an entry being written): it is rendered at once and queued (accounts.mail.mail_send)."""

from django.contrib.auth import get_user_model
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from accounts.mail import mail_send, mail_send_now
from prize.models import Edition
from submissions.models import Authority
from submissions.rules import deadline_text
from submissions.services import entry_submit_missing
from web.links import absolute

from . import selectors
from .enums import REMINDERS
from .tokens import opt_out_token

User = get_user_model()

CALL_SUBJECT = gettext_noop("The call for entries is open: %(edition)s")
REMINDER_SUBJECT = gettext_noop("%(days)s days left to submit your entry: %(edition)s")
MOVED_SUBJECT = gettext_noop("The submission deadline has moved: %(edition)s")


def _reachable(user_id: int):
    """The person, unless gone, inactive, or opted out since the e-mail was queued."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or selectors.is_opted_out(user=user):
        return None
    return user


def _opt_out(user) -> tuple[str, dict]:
    """The opt-out page's address for the body and the headers of one-click opt-out."""
    token = opt_out_token(user)
    with translation.override(user.language):
        page = absolute(reverse("outreach:opt_out", kwargs={"token": token}))
        one_click = absolute(reverse("outreach:one_click", kwargs={"token": token}))
    headers = {
        "List-Unsubscribe": f"<{one_click}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return page, headers


def _subject(text: str, language: str, **values) -> str:
    with translation.override(language):
        return gettext(text) % values


def call_opened_mail(*, user_id: int, edition_id: int) -> int:
    """The announcement of an open call to one person; returns 1 if sent, else 0."""
    user = _reachable(user_id)
    edition = Edition.objects.filter(pk=edition_id).first()
    if user is None or edition is None:
        return 0
    page, headers = _opt_out(user)
    with translation.override(user.language):
        context = {
            "person": user,
            "edition": edition,
            "edition_name": edition.display_name,
            "deadline": deadline_text(edition.submission_deadline),
            "call_link": absolute(edition.get_absolute_url()),
            "take_part_link": absolute(reverse("submissions:start")),
            "opt_out_link": page,
        }
    mail_send_now(
        to=user.email,
        language=user.language,
        subject=_subject(CALL_SUBJECT, user.language, edition=context["edition_name"]),
        template="emails/call_opened.txt",
        context=context,
        headers=headers,
    )
    return 1


def reminder_mail(*, user_id: int, edition_id: int, authority_id: int, kind: str) -> int:
    """A deadline reminder to one person: each draft of their authority with what it
    still lacks (the entry page's own checklist); returns 1 if sent, else 0."""
    user = _reachable(user_id)
    authority = Authority.objects.filter(pk=authority_id).first()
    drafts = list(selectors.drafts(edition_id=edition_id, authority_id=authority_id))
    if user is None or authority is None or not drafts:
        return 0
    edition = drafts[0].edition
    page, headers = _opt_out(user)
    now = timezone.now()
    with translation.override(user.language):
        entries = [
            {
                "title": entry.title_text,
                "link": absolute(entry.get_absolute_url()),
                "missing": [message for _where, message in entry_submit_missing(entry, now=now)],
            }
            for entry in drafts
        ]
        context = {
            "person": user,
            "authority": authority,
            "edition_name": edition.display_name,
            "deadline": deadline_text(edition.submission_deadline),
            "days": dict(REMINDERS)[kind].days,
            "entries": entries,
            "opt_out_link": page,
        }
    subject = _subject(
        REMINDER_SUBJECT, user.language, days=context["days"], edition=context["edition_name"]
    )
    mail_send_now(
        to=user.email,
        language=user.language,
        subject=subject,
        template="emails/deadline_reminder.txt",
        context=context,
        headers=headers,
    )
    return 1


def deadline_moved_mail(
    *, user, authority: Authority, edition: Edition, old, new, reason: str
) -> None:
    """Queue the news of a moved deadline for one person (see the module's docstring)."""
    with translation.override(user.language):
        context = {
            "person": user,
            "authority": authority,
            "edition_name": edition.display_name,
            "old": deadline_text(old) if old else "",
            "new": deadline_text(new),
            "reason": reason,
            "link": absolute(reverse("submissions:authority", kwargs={"pk": authority.pk})),
        }
    mail_send(
        to=user.email,
        language=user.language,
        subject=_subject(MOVED_SUBJECT, user.language, edition=context["edition_name"]),
        template="emails/deadline_moved.txt",
        context=context,
    )


@task()
def call_opened_task(user_id: int, edition_id: int) -> int:
    return call_opened_mail(user_id=user_id, edition_id=edition_id)


@task()
def reminder_task(user_id: int, edition_id: int, authority_id: int, kind: str) -> int:
    return reminder_mail(
        user_id=user_id, edition_id=edition_id, authority_id=authority_id, kind=kind
    )
