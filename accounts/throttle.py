"""The rate limits of the requests that make the site send an e-mail (registering, asking
for a password reset, inviting), for the views, which have the client's IP address:
settings.REQUEST_THROTTLE. A refused request is answered 429 with a sentence that says
when to try again, whether or not the address has an account."""

import math

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import ngettext

from . import selectors, services
from .backends import request_ip


def minutes_left(until) -> int:
    return max(1, math.ceil((until - timezone.now()).total_seconds() / 60))


def count(request, *, action: str, email: str) -> None:
    """Count this request against the limits of `action`, or refuse it. Call it inside
    the transaction of the work it limits: a request that the service then refuses sent
    nothing, and is not counted either.

    Side effects: one Attempt row. Raises ValidationError (code "throttled") when a limit
    is reached."""
    ip = request_ip(request)
    until = selectors.attempts_locked_until(action=action, email=email, ip=ip)
    if until is None:
        services.attempt_record(action=action, email=email, ip=ip)
        return
    minutes = minutes_left(until)
    message = ngettext(
        "Too many requests for this address, or from your connection. For your security, "
        "try again in %(minutes)d minute.",
        "Too many requests for this address, or from your connection. For your security, "
        "try again in %(minutes)d minutes.",
        minutes,
    )
    raise ValidationError(message, code="throttled", params={"minutes": minutes})


def status(form) -> int:
    """The status of a form page: 429 when refused by a limit, 400 with other errors."""
    if form.has_error(NON_FIELD_ERRORS, "throttled"):
        return 429
    return 400 if form.errors else 200
