"""Reads about people."""

from datetime import datetime, timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.module_loading import import_string
from django_otp import device_classes
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import rules
from .addresses import normalise_email
from .models import Attempt, LoginFailure

User = get_user_model()


def login_key(email: str | None) -> str:
    """Failures and requests count per address in its one form (the form the account
    is found by: a look-alike that reaches an account counts against its lock), whether
    or not it has an account: a lock says nothing about who has one."""
    return normalise_email(email)[:254]


def login_locked_until(*, email: str | None, ip: str | None, now: datetime | None = None):
    """Until when password logins for this address, or from this IP address, are refused
    (None: they are allowed). Two queries, whatever the number of failures."""
    now = now or timezone.now()
    throttle = settings.LOGIN_THROTTLE
    window = timedelta(seconds=throttle["WINDOW"])
    recent = LoginFailure.objects.filter(at__gt=now - window)
    limits = (throttle["ACCOUNT_LIMIT"], throttle["IP_LIMIT"])
    return _locked_until(recent, email=email, ip=ip, limits=limits, window=window, now=now)


def attempts_locked_until(
    *, action: str, email: str | None, ip: str | None, now: datetime | None = None
):
    """Until when requests of this action (settings.REQUEST_THROTTLE: "register",
    "password_reset", "invite") for this address, or from this IP address, are refused
    (None: they are allowed). Two queries, whatever the number of requests."""
    now = now or timezone.now()
    throttle = settings.REQUEST_THROTTLE[action]
    window = timedelta(seconds=throttle["WINDOW"])
    recent = Attempt.objects.filter(action=action, at__gt=now - window)
    limits = (throttle["ADDRESS_LIMIT"], throttle["IP_LIMIT"])
    return _locked_until(recent, email=email, ip=ip, limits=limits, window=window, now=now)


def _locked_until(recent, *, email, ip, limits: tuple[int, int], window, now):
    recent = recent.order_by("-at")
    checks = [(recent.filter(email=login_key(email)), limits[0])]
    if ip:
        checks.append((recent.filter(ip=ip), limits[1]))
    ends = [
        rules.lock_end(
            list(rows.values_list("at", flat=True)[:limit]), limit=limit, window=window, now=now
        )
        for rows, limit in checks
    ]
    return max((end for end in ends if end), default=None)


# Two-factor login ---------------------------------------------------------------------


def has_second_factor(user) -> bool:
    """Whether `user` has a confirmed device of any kind django-otp knows (an
    authenticator app, recovery codes). One query."""
    if not user.is_authenticated:
        return False
    found = [
        Exists(model.objects.filter(user_id=OuterRef("pk"), confirmed=True))
        for model in device_classes()
    ]
    return User.objects.filter(reduce(or_, found), pk=user.pk).exists()


def _duties():
    return (import_string(path) for path in settings.SECOND_FACTOR_REQUIRED_BY)


def second_factor_required(user) -> bool:
    """Whether `user` must log in with a second factor: their role here (accounts.rules.
    second_factor_required), or a duty one of the apps above names (settings.
    SECOND_FACTOR_REQUIRED_BY), such as a seat on a jury at work. Read on every request
    of an unverified session, so that a duty that starts (an edition enters judging)
    counts from the next page on."""
    if not (user.is_authenticated and user.is_active):
        return False
    return rules.second_factor_required(user) or any(duty(user) for duty in _duties())


def second_factor_step(user) -> str | None:
    """What this request's session must do first (accounts.rules.second_factor_step)."""
    if not user.is_authenticated or user.is_verified():
        return None
    return rules.second_factor_step(
        verified=False,
        has_device=has_second_factor(user),
        required=second_factor_required(user),
    )


def totp_device_pending(user) -> TOTPDevice | None:
    """The authenticator app being set up (not confirmed yet), if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
