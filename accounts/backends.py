"""Password logins, throttled: after too many failures for one address or from one IP
address within the window (settings.LOGIN_THROTTLE), every attempt is refused until the
window has passed, even with the right password. The failures are in the database, so
every server behind the proxy sees them. This backend serves every login form (the
site's and the admin's)."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import rules, selectors, services


def request_ip(request) -> str | None:
    if request is None:
        return None
    return rules.client_ip(request.META, trusted_proxies=settings.TRUSTED_PROXIES)


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        email = username if username is not None else kwargs.get("email")
        if email is None or password is None:
            return None
        ip = request_ip(request)
        until = selectors.login_locked_until(email=email, ip=ip)
        if until is not None:
            if request is not None:
                request.login_locked_until = until
            raise PermissionDenied  # authenticate() stops here: no other backend is tried
        user = super().authenticate(request, username=email, password=password, **kwargs)
        if user is None:
            services.login_failure_record(email=email, ip=ip)
        else:
            services.login_failures_clear(email=email)
        return user
