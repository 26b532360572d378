"""Reads about people."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from . import rules
from .models import LoginFailure


def login_key(email: str | None) -> str:
    """Failures count per address as typed, in any case, whether or not it has an
    account: a lock says nothing about who has one."""
    return (email or "").strip().lower()[:254]


def login_locked_until(*, email: str | None, ip: str | None, now: datetime | None = None):
    """Until when password logins for this address, or from this IP address, are refused
    (None: they are allowed). Two queries, whatever the number of failures."""
    now = now or timezone.now()
    throttle = settings.LOGIN_THROTTLE
    window = timedelta(seconds=throttle["WINDOW"])
    recent = LoginFailure.objects.filter(at__gt=now - window).order_by("-at")
    checks = [(recent.filter(email=login_key(email)), throttle["ACCOUNT_LIMIT"])]
    if ip:
        checks.append((recent.filter(ip=ip), throttle["IP_LIMIT"]))
    ends = [
        rules.lock_end(
            list(rows.values_list("at", flat=True)[:limit]), limit=limit, window=window, now=now
        )
        for rows, limit in checks
    ]
    return max((end for end in ends if end), default=None)
