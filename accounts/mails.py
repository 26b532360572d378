"""The e-mails whose link opens an account (a registration's confirmation, a password
reset, an invitation), rendered and sent by the task worker. Their tasks are queued with
ids only and the link is made here, in the worker, so no such link ever sits in the task
table, which the secretariat can read in the admin."""

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from web.links import absolute

from . import rules
from .forms import PasswordResetForm
from .mail import mail_send_now
from .tokens import confirmation_token, invitation_path

User = get_user_model()

CONFIRM_SUBJECT = gettext_noop("Confirm your e-mail address")
EXISTS_SUBJECT = gettext_noop("You already have an account")
INVITATION_SUBJECT = gettext_noop("Your invitation to the Dosta!-Congress Prize")


def registration_mail(*, user_id: int, again: bool) -> int:
    """A new account: the link that confirms it. An address that already had an account
    (`again`): a word to its owner that someone tried to register with it, which changed
    nothing, with a fresh confirmation link if it is still unconfirmed. Returns how many
    e-mails were sent (0 when the account is gone)."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return 0
    with translation.override(user.language):
        link = absolute(_confirm_path(user)) if rules.awaits_confirmation(user) else ""
        reset = absolute(reverse("accounts:password_reset"))
        login = absolute(reverse("accounts:login"))
    template = "emails/registration_exists.txt" if again else "emails/registration_confirm.txt"
    mail_send_now(
        to=user.email,
        language=user.language,
        subject=EXISTS_SUBJECT if again else CONFIRM_SUBJECT,
        template=template,
        context={"user": user, "link": link, "reset_link": reset, "login_link": login},
    )
    return 1


def _confirm_path(user) -> str:
    return reverse("accounts:confirm", kwargs={"token": confirmation_token(user)})


def invitation_mail(*, user_id: int, by_id: int | None) -> int:
    """The invitation, in the invitee's language, with the link to choose a password.
    Returns how many e-mails were sent (0 when the account is gone)."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return 0
    with translation.override(user.language):
        link = absolute(invitation_path(user=user))
    mail_send_now(
        to=user.email,
        language=user.language,
        subject=INVITATION_SUBJECT,
        template="emails/invitation.txt",
        context={"user": user, "inviter": User.objects.filter(pk=by_id).first(), "link": link},
    )
    return 1


def password_reset_mail(*, email: str) -> None:
    """Django's password reset e-mail for the active account with this address, if there
    is one (PasswordResetForm.send_mail sends it in the owner's language), its link on
    the site's address (SITE_URL)."""
    site = urlsplit(absolute("/"))
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            subject_template_name="emails/password_reset_subject.txt",
            email_template_name="emails/password_reset.txt",
        )
