"""The one gate of two-factor login. Every page, the admin and every form post pass
through here (the API has no session login: it is public and read-only), so no address
a page does not link to can skip the second factor.

A logged-in session that has not passed a second factor is sent to the code page when
the person has a device, or to the set-up page when they must have one and have none
yet (accounts.selectors.second_factor_step); until then only those pages, logging out
and choosing the language answer. After django_otp.middleware.OTPMiddleware."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import selectors

# The pages a session may open before its second factor (URL names).
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "accounts:second_factor_verify",
        "accounts:second_factor_recovery",
        "accounts:second_factor_setup",
        "accounts:logout",
        "admin:logout",
        "set_language",
    }
)
STEP_PAGES = {"verify": "accounts:second_factor_verify", "enrol": "accounts:second_factor_setup"}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        step = selectors.second_factor_step(request.user)
        if step is None:
            return None
        # Where to go afterwards: this page, unless it was a form post (sent again after
        # the code, it would act on a page the person has not seen).
        target = request.get_full_path() if request.method in ("GET", "HEAD") else None
        url = reverse(STEP_PAGES[step])
        return redirect(f"{url}?{urlencode({'next': target})}" if target else url)
