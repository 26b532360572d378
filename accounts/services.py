"""Every write about people goes through here."""

import smtplib

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from . import rules

User = get_user_model()


def invitation_path(*, user) -> str:
    """The path of the one-time link that lets an invited person choose a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override(user.language):
        return reverse("accounts:invitation", kwargs={"uidb64": uid, "token": token})


def user_invite(
    *,
    by,
    email: str,
    name: str = "",
    language: str = "en",
    is_secretariat: bool = False,
    base_url: str,
    send: bool = True,
) -> "User":
    """Create an account without a password and e-mail its owner a link to set one.

    Side effects: one user row and one e-mail (in the invitee's language). The e-mail is
    sent inside the transaction: if the mail server refuses it, the account is not kept,
    so the secretariat can simply try again. Refuses an address that already has an
    account, so nobody is invited twice.
    """
    if not rules.can_invite(by):
        raise PermissionDenied(_("Only the secretariat can invite people."))
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("%(email)s already has an account.") % {"email": email}})
    user = User(email=email, name=name, language=language, is_secretariat=is_secretariat)
    user.set_unusable_password()
    user.full_clean()
    with transaction.atomic():
        user.save()
        if send:
            try:
                invitation_send(user=user, by=by, base_url=base_url)
            except (OSError, smtplib.SMTPException) as error:
                raise ValidationError(
                    _(
                        "The invitation e-mail could not be sent (%(error)s), so no account "
                        "was created. Check the address and try again in a moment."
                    )
                    % {"error": error}
                ) from error
    return user


def invitation_send(*, user, by, base_url: str) -> None:
    """E-mail the invitation in the invitee's language. Side effect: one e-mail."""
    with translation.override(user.language):
        context = {
            "user": user,
            "inviter": by,
            "link": base_url.rstrip("/") + invitation_path(user=user),
        }
        subject = _("Your invitation to the Dosta!-Congress Prize")
        body = render_to_string("emails/invitation.txt", context)
    send_mail(subject, body, None, [user.email])


def user_create(
    *,
    email: str,
    password: str | None,
    name: str = "",
    language: str = "en",
    is_secretariat: bool = False,
    is_staff: bool = False,
) -> "User":
    """Create an account directly (demo data, operators). Side effects: one user row."""
    user = User(
        email=User.objects.normalize_email(email).lower(),
        name=name,
        language=language,
        is_secretariat=is_secretariat,
        is_staff=is_staff,
        is_superuser=is_staff,
    )
    user.set_password(password) if password else user.set_unusable_password()
    user.full_clean()
    user.save()
    return user
