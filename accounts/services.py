"""Every write about people goes through here."""

import math
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_otp import device_classes
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

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
            invitation_mail.enqueue(user_id=user.pk, by_id=by.pk)
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


def user_register(*, email: str, name: str, language: str, password: str) -> "User | None":
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
        registration_mail.enqueue(user_id=existing.pk, again=True)
        return None
    user = User(email=email, name=name, language=language, is_active=False, password=hashed)
    user.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            user.save()
            registration_mail.enqueue(user_id=user.pk, again=False)
    except IntegrityError:  # the same address registered at the same moment (a double click)
        existing = User.objects.get(email=email)
        registration_mail.enqueue(user_id=existing.pk, again=True)
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


def password_reset_request(*, email: str) -> None:
    """Someone asked for a password reset link. Whether the address has an account or
    not, the request does the same: it queues one task (accounts.tasks.password_reset_mail),
    which looks for the account and e-mails it in the worker.

    Side effects: one queued task."""
    password_reset_mail.enqueue(email=normalise_email(email))


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


# Two-factor login ---------------------------------------------------------------------
# django-otp's devices: a TOTPDevice (the authenticator app) and a StaticDevice holding
# the recovery codes (StaticTokens, each deleted when used). Both throttle wrong codes
# themselves: after n wrong codes in a row a device refuses every code, even the right
# one, for 2^(n-1) seconds (settings.OTP_*_THROTTLE_FACTOR).

APP_DEVICE_NAME = "authenticator app"
RECOVERY_DEVICE_NAME = "recovery codes"


def totp_device_start(*, user) -> TOTPDevice:
    """The authenticator app being set up: the one already pending, so that the QR code a
    person scanned stays valid if the page is reloaded, or a new one with a random key.
    Refused to anyone who has a second factor already: adding one must go through it.
    Side effects: at most one new TOTPDevice row, unconfirmed."""
    if selectors.has_second_factor(user):
        raise PermissionDenied(_("Two-factor login is already set up for your account."))
    device = selectors.totp_device_pending(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def totp_device_confirm(*, user, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app being set up with a code it shows, and give the person new
    recovery codes (returned in clear, to be shown once).

    Side effects: the device is confirmed and any other unconfirmed one removed; the
    person's recovery codes are replaced by ten new ones. A wrong code counts towards
    the device's throttling. Raises ValidationError on the field `code`."""
    device = selectors.totp_device_pending(user)
    if device is None or selectors.has_second_factor(user):
        raise ValidationError(
            {"code": _("This set-up page has expired. Please open it again from your account.")}
        )
    accepted = _verify([device], rules.totp_code_normal(code), field="code")
    with transaction.atomic():
        TOTPDevice.objects.filter(pk=accepted.pk).update(confirmed=True)
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        codes = _recovery_codes_replace(user)
    accepted.refresh_from_db()
    return accepted, codes


def second_factor_verify(*, user, code: str, kind: str) -> Device:
    """Check the code a person types after their password: `kind` "app" (the 6 digits of
    their authenticator app) or "recovery" (one of their recovery codes, which is then
    used up). Returns the device that accepted it, for django_otp.login.

    Side effects: the device's throttling counters and last use; a recovery code is
    deleted. Raises ValidationError on the field `code` (wrong, or "throttled")."""
    if kind == "recovery":
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
        code = rules.recovery_code_normal(code)
        return _verify(list(devices), code, field="code", wrong=WRONG_RECOVERY_CODE)
    devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    return _verify(list(devices), rules.totp_code_normal(code), field="code")


def recovery_codes_renew(*, user) -> list[str]:
    """Ten new recovery codes instead of the old ones (returned in clear, to be shown
    once). Side effects: the person's StaticDevice and its tokens are replaced."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise PermissionDenied(_("Set up two-factor login first."))
    with transaction.atomic():
        return _recovery_codes_replace(user)


def second_factor_remove(*, user, code: str) -> None:
    """Turn two-factor login off after checking a code of the app or a recovery code,
    so that a session left open cannot do it alone. Whoever must use it is asked to set
    it up again at once (accounts/middleware.py).

    Side effects: every device of the person is deleted. Raises ValidationError on the
    field `code`."""
    typed = rules.totp_code_normal(code)
    app = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    recovery = list(StaticDevice.objects.filter(user=user, confirmed=True))
    if typed.isdigit():
        _verify(app, typed, field="code", wrong=WRONG_ANY_CODE)
    else:
        _verify(recovery, rules.recovery_code_normal(typed), field="code", wrong=WRONG_ANY_CODE)
    second_factor_reset(user=user)


def second_factor_reset(*, user) -> int:
    """Remove every device of the person (a lost phone: `manage.py second_factor_reset`,
    or the admin). At their next login they set it up again, if they must. Returns the
    number of devices removed. Side effects: the device rows (and recovery codes)."""
    with transaction.atomic():
        removed = 0
        for model in device_classes():
            removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    return removed


def second_factor_set(*, user, key: str, recovery_codes: list[str]) -> TOTPDevice:
    """Give the person a confirmed app with this key (hex) and these recovery codes, in
    place of their devices. For the demo's published logins (seed_demo) only: a real
    key is always chosen at random by totp_device_start."""
    with transaction.atomic():
        second_factor_reset(user=user)
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, key=key, confirmed=True)
        _recovery_codes_replace(user, codes=recovery_codes)
    return device


def _recovery_codes_replace(user, codes: list[str] | None = None) -> list[str]:
    # The device stays: a session that logged in with a recovery code is verified by it.
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice(user=user, name=RECOVERY_DEVICE_NAME)
    device.confirmed = True
    device.save()
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    StaticToken.objects.filter(device=device).delete()
    codes = codes or [_recovery_code() for _n in range(rules.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=rules.recovery_code_normal(code)) for code in codes
    )
    return [rules.recovery_code_normal(code) for code in codes]


def _recovery_code() -> str:
    alphabet = rules.RECOVERY_CODE_ALPHABET
    return "".join(secrets.choice(alphabet) for _n in range(rules.RECOVERY_CODE_LENGTH))


def _verify(devices: list, code: str, *, field: str, wrong=None) -> Device:
    """The device that accepts `code`, or a ValidationError that says what to do. Each
    device checks its own throttling; a refusal because of it says so."""
    locked_until = None
    if code:
        for device in devices:
            allowed, info = device.verify_is_allowed()
            if not allowed:
                locked_until = max(filter(None, [locked_until, info.get("locked_until")]))
                continue
            with transaction.atomic():
                fresh = type(device).objects.select_for_update().get(pk=device.pk)
                if fresh.verify_token(code):
                    return fresh
    if locked_until is not None:
        seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
        message = ngettext(
            "Too many wrong codes. For your security, no code is accepted for the next "
            "%(seconds)d second, not even the right one. Please wait, then try again.",
            "Too many wrong codes. For your security, no code is accepted for the next "
            "%(seconds)d seconds, not even the right one. Please wait, then try again.",
            seconds,
        )
        raise ValidationError(
            {field: ValidationError(message, code="throttled", params={"seconds": seconds})}
        )
    raise ValidationError({field: ValidationError(wrong or WRONG_APP_CODE, code="wrong")})


WRONG_APP_CODE = gettext_lazy(
    "That code is not right. Type the 6 digits your authenticator app shows now (they "
    "change every 30 seconds). If it still fails, check that your phone sets its clock "
    "automatically."
)
WRONG_RECOVERY_CODE = gettext_lazy(
    "That recovery code is not right, or it was already used. Type one of your recovery "
    "codes that you have not used yet."
)
WRONG_ANY_CODE = gettext_lazy(
    "That code is not right. Type the 6 digits your authenticator app shows now, or a "
    "recovery code that you have not used yet."
)
