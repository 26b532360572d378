"""Every write about people goes through here."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules, selectors, tokens
from .addresses import normalise_email
from .models import Attempt, LoginFailure, secretariat_group
from .tasks import invitation_mail, password_reset_mail, registration_mail

User = get_user_model()


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

    Side effects: one user row and, with `send`, one queued e-mail (in the invitee's
    language, sent by the task worker: accounts.tasks.invitation_mail). Refuses an
    address that already has an account, so nobody is invited twice.
    """
    if not rules.can_invite(by):
        raise PermissionDenied(_("Only the secretariat can invite people."))
    email = normalise_email(email)
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": _("%(email)s already has an account.") % {"email": email}})
    user = User(email=email, name=name, language=language)
    user.set_unusable_password()
    user.full_clean()
    with transaction.atomic():
        user.save()
        if is_secretariat:
            user_secretariat_set(user=user, member=True)
        if send:
            invitation_mail.enqueue(user_id=user.pk, by_id=by.pk, base_url=base_url)
    return user


def user_create(
    *,
    email: str,
    password: str | None,
    name: str = "",
    language: str = "en",
    is_secretariat: bool = False,
    is_staff: bool = False,
) -> "User":
    """Create an account directly (demo data, operators). Never a superuser: only
    `createsuperuser` makes one. Side effects: one user row; with is_secretariat, its
    membership of the Secretariat group (and is_staff)."""
    user = User(
        email=normalise_email(email),
        name=name,
        language=language,
        is_staff=is_staff,
    )
    user.set_password(password) if password else user.set_unusable_password()
    user.full_clean()
    with transaction.atomic():
        user.save()
        if is_secretariat:
            user_secretariat_set(user=user, member=True)
    return user


def user_secretariat_set(*, user, member: bool) -> "User":
    """Put a person in the Secretariat group or take them out. A member is staff, so the
    admin opens for looking and for the repairs the group's permissions allow.

    Side effects: the membership; is_staff set for a member (left as it is for someone
    taken out: staff without the group's permissions see nothing in the admin)."""
    with transaction.atomic():
        if member:
            user.groups.add(secretariat_group())
            if not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
        else:
            user.groups.remove(secretariat_group())
    user.__dict__.pop("_in_secretariat", None)
    return user


def user_superuser_revoke(*, user) -> "User":
    """Take away superuser status (the demo's accounts had it once). Side effects:
    is_superuser."""
    if user.is_superuser:
        user.is_superuser = False
        user.save(update_fields=["is_superuser"])
    return user


def user_register(
    *, email: str, name: str, language: str, password: str, base_url: str
) -> "User | None":
    """Open an account that works once its owner confirms the address by a link.

    An address that already has an account, confirmed or not, keeps it exactly as it is
    (its password, name and language): its owner is told by e-mail instead, so the form
    never reveals who has an account and nobody can take over an account that waits for
    confirmation. Both ways the request does the same work (the password is hashed, one
    e-mail is queued), so its answer and its time say nothing either.

    Side effects: an inactive user (for a new address) and one queued e-mail
    (accounts.tasks.registration_mail, sent by the task worker); for an account that
    still awaits confirmation, its date_joined, from which its purge is counted. Returns
    the new user, or None for a known address.
    """
    email = normalise_email(email)
    hashed = make_password(password)
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        if rules.awaits_confirmation(existing):
            # The e-mail carries a fresh link: the purge of never-confirmed accounts
            # (privacy_purge) counts from now, so the link still opens the account.
            User.objects.filter(pk=existing.pk).update(date_joined=timezone.now())
        registration_mail.enqueue(user_id=existing.pk, again=True, base_url=base_url)
        return None
    user = User(email=email, name=name, language=language, is_active=False, password=hashed)
    user.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            user.save()
            registration_mail.enqueue(user_id=user.pk, again=False, base_url=base_url)
    except IntegrityError:  # the same address registered at the same moment (a double click)
        existing = User.objects.get(email=email)
        registration_mail.enqueue(user_id=existing.pk, again=True, base_url=base_url)
        return None
    return user


def registration_confirm(*, token: str) -> "tuple[User, bool]":
    """Activate the account a confirmation link is for. Returns (user, newly confirmed).

    The link is bound to the account's password hash, last login and address
    (accounts.tokens): one made before any of them changed no longer works.

    Side effects: is_active. Raises ValidationError for a link that is broken, older than
    three days or no longer valid."""
    try:
        data = tokens.confirmation_read(token)
    except signing.SignatureExpired:
        raise ValidationError(
            _("This link is more than three days old. Register again to get a new one.")
        ) from None
    except signing.BadSignature:
        raise ValidationError(
            _("This link is not valid. Copy the whole link from the e-mail.")
        ) from None
    user = User.objects.filter(pk=data.get("u")).first()
    if user is not None and user.is_active:
        return user, False
    if (
        user is None
        or not rules.awaits_confirmation(user)
        or not tokens.confirmation_matches(user, data)
    ):
        raise ValidationError(_("This link is not valid any more. Register again."))
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user, True


def password_reset_request(*, email: str, domain: str, use_https: bool) -> None:
    """Someone asked for a password reset link. Whether the address has an account or
    not, the request does the same: it queues one task (accounts.tasks.password_reset_mail),
    which looks for the account and e-mails it in the worker.

    Side effects: one queued task."""
    password_reset_mail.enqueue(email=normalise_email(email), domain=domain, use_https=use_https)


def attempt_record(*, action: str, email: str, ip: str | None) -> None:
    """Count one request that sends e-mail (settings.REQUEST_THROTTLE). Side effects:
    one Attempt row; this action's rows older than its window are deleted."""
    now = timezone.now()
    window = timedelta(seconds=settings.REQUEST_THROTTLE[action]["WINDOW"])
    Attempt.objects.filter(action=action, at__lte=now - window).delete()
    Attempt.objects.create(action=action, email=selectors.login_key(email), ip=ip, at=now)


def login_failure_record(*, email: str | None, ip: str | None) -> None:
    """Count a failed password login. Side effects: one LoginFailure row; rows older
    than the throttling window are deleted."""
    now = timezone.now()
    window = timedelta(seconds=settings.LOGIN_THROTTLE["WINDOW"])
    LoginFailure.objects.filter(at__lte=now - window).delete()
    LoginFailure.objects.create(email=selectors.login_key(email), ip=ip, at=now)


def login_failures_clear(*, email: str) -> None:
    """A successful login: the failures for this address no longer count. Side effects:
    its LoginFailure rows are deleted."""
    LoginFailure.objects.filter(email=selectors.login_key(email)).delete()
