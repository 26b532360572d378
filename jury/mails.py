"""The juror's invitation, rendered and sent by the task worker: for a new person it
carries the link that lets them choose a password, which is made here so that it never
sits in the task table (accounts/mail.py)."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from accounts.mail import mail_send_now
from accounts.tokens import invitation_path
from web.links import absolute

from .models import Juror

SUBJECT = gettext_noop("You are invited to the jury of the Dosta!-Congress Prize")


def juror_invitation_mail(*, juror_id: int, new: bool) -> int:
    """E-mail the juror, in their language, the link to their jury page (and, `new` to
    the site, the link to choose a password). Returns how many e-mails were sent."""
    juror = Juror.objects.select_related("user", "edition").filter(pk=juror_id).first()
    if juror is None or juror.user is None:
        return 0
    user = juror.user
    with translation.override(user.language):
        page = reverse("jury:home", kwargs={"number": juror.edition.number})
        password = absolute(invitation_path(user=user)) if new else ""
    mail_send_now(
        to=user.email,
        language=user.language,
        subject=SUBJECT,
        template="emails/juror_invitation.txt",
        context={"juror": juror, "page": absolute(page), "password": password},
    )
    return 1
