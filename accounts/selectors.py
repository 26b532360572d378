"""Reads about people."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from . import rules
from .addresses import normalise_email
from .models import Attempt, LoginFailure


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
