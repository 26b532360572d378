import json
from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login

from . import personal_data, rules, selectors, services, throttle
from .forms import (
    AppCodeForm,
    EmailAuthenticationForm,
    ErasureForm,
    InvitationForm,
    PasswordResetForm,
    RecoveryCodeForm,
    RegistrationForm,
    SecondFactorRemoveForm,
)


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        """A refusal because of too many failures says so, with 429 Too Many Requests."""
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "throttled"):
            response.status_code = 429
        return response


def admin_login(request, extra_context=None):
    """The admin's login (admin.site.login, with accounts.forms.AdminLoginForm): while
    logging in is paused, it answers 429 with the same sentence as the site's."""
    response = admin.site.login(request, extra_context)
    form = (getattr(response, "context_data", None) or {}).get("form")
    if form is not None and form.has_error(NON_FIELD_ERRORS, "throttled"):
        response.status_code = 429
    return response


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for the link. The request only queues the work (the same for any address:
    accounts.services.password_reset_request); the task worker finds the account and
    sends the e-mail (accounts.forms.PasswordResetForm). Rate-limited per address and
    per IP address (settings.REQUEST_THROTTLE["password_reset"])."""

    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        try:
            with transaction.atomic():
                throttle.count(self.request, action="password_reset", email=email)
                services.password_reset_request(email=email)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return redirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {"purpose": "reset"}


class InvitationAcceptView(PasswordResetConfirmView):
    """An invitation is a first password reset: same signed, single-use token."""

    extra_context = {"purpose": "invitation"}
    post_reset_login = True

    def get_success_url(self):
        """Logged in with the new password: on to the person's landing page, as any
        login (settings.LOGIN_REDIRECT_URL)."""
        return _next(self.request)


@login_required
def home(request):
    """The person's account: their roles, with links to what they can do, and their data.
    (After logging in, people land on settings.LOGIN_REDIRECT_URL, their to-dos.)"""
    context = {
        "is_secretariat": rules.is_secretariat(request.user),
        "privacy_url": reverse("prize:privacy"),
        "start_url": resolve_url(settings.LOGIN_REDIRECT_URL),
    }
    return render(request, "accounts/home.html", context)


@login_required
def invite(request):
    if not rules.can_invite(request.user):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            with transaction.atomic():
                throttle.count(request, action="invite", email=email)
                user = services.user_invite(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
            return redirect("accounts:invite")
    return render(request, "accounts/invite.html", {"form": form}, status=throttle.status(form))


def register(request):
    """Anyone can open an account; it works once the address is confirmed. The answer is
    the same whether or not the address has an account (accounts.services.user_register).
    Rate-limited per address and per IP address (settings.REQUEST_THROTTLE["register"])."""
    if request.user.is_authenticated:
        return redirect("submissions:start")
    form = RegistrationForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            with transaction.atomic():
                throttle.count(request, action="register", email=email)
                services.user_register(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session["registered_email"] = email
            return redirect("accounts:register_sent")
    return render(request, "accounts/register.html", {"form": form}, status=throttle.status(form))


def register_sent(request):
    return render(
        request, "accounts/register_sent.html", {"email": request.session.get("registered_email")}
    )


def confirm(request, token: str):
    """The link in the confirmation e-mail: activates the account and logs its owner in
    (only the first time; a used link just leads to the login page)."""
    try:
        user, fresh = services.registration_confirm(token=token)
    except ValidationError as error:
        return render(request, "accounts/confirm_failed.html", {"error": error}, status=400)
    if not fresh:
        messages.info(request, _("Your address is already confirmed. Please log in."))
        return redirect("accounts:login")
    login(request, user, backend="accounts.backends.ThrottledModelBackend")
    messages.success(request, _("Thank you: your e-mail address is confirmed."))
    return redirect(_next(request))


@login_required
@require_GET
@never_cache
def my_data(request):
    """Everything the site holds about the person, as a JSON file to keep."""
    data = personal_data.personal_data(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"dosta-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@never_cache
def erase(request):
    """Erase one's own account (accounts.personal_data.account_erase): the page says
    first whether it will be deleted or anonymised, and why."""
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome = _erase(request, form)
        if outcome:
            logout(request)
            return render(request, "accounts/erased.html", {"outcome": outcome})
    context = {
        "form": form,
        "reasons": personal_data.erasure_reasons(user=request.user),
        "data_url": reverse("accounts:my_data"),
    }
    return render(request, "accounts/erase.html", context, status=400 if form.errors else 200)


def _erase(request, form) -> str | None:
    """The erasure, or None with the refusal on the form. A wrong password counts as a
    failed login, so the form cannot be used to guess it."""
    email = request.user.email
    if selectors.login_locked_until(email=email, ip=None):
        form.add_error(
            "password", _("Too many wrong passwords. Wait a few minutes, then try again.")
        )
        return None
    try:
        return personal_data.account_erase(
            user=request.user, password=form.cleaned_data["password"]
        )
    except ValidationError as error:
        services.login_failure_record(email=email, ip=None)
        form.add_error(None, error)
        return None


# Two-factor login (accounts/middleware.py sends people here) ---------------------------

# The recovery codes just made, kept in the session only until the person says they
# have kept them: they are shown once.
SESSION_CODES = "second_factor_codes"


def _next(request) -> str:
    """Where to go after logging in (the second factor, an invitation accepted, an address
    confirmed): the page asked for, if it is ours, else the landing page."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next")
    return reverse(name) + (f"?{urlencode({'next': wanted})}" if wanted else "")


def _status(form) -> int:
    """429 when the device refuses codes for a while, 400 for another refusal."""
    if not form.errors:
        return 200
    return 429 if form.has_error("code", "throttled") else 400


def _passed(request, device) -> None:
    """The session has passed the second factor: a new session key, as at any login."""
    request.session.cycle_key()
    otp_login(request, device)


@login_required
def second_factor(request):
    """The account's two-factor page: whether it is on, whether the person's role requires
    it, and what they can do."""
    user = request.user
    context = {
        "enabled": selectors.has_second_factor(user),
        "required": selectors.second_factor_required(user),
        "codes_left": selectors.recovery_codes_left(user),
    }
    return render(request, "accounts/second_factor.html", context)


@login_required
def second_factor_verify(request, kind: str = "app"):
    """The step after the password: the app's 6 digits (or, kind "recovery", one of the
    recovery codes)."""
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not selectors.has_second_factor(user):
        if selectors.second_factor_required(user):
            return redirect(_with_next("accounts:second_factor_setup", request))
        return redirect(_next(request))
    form = (AppCodeForm if kind == "app" else RecoveryCodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_factor_verify(
                user=user, code=form.cleaned_data["code"], kind=kind
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _passed(request, device)
            if kind == "recovery":
                _recovery_code_used(request, user)
            return redirect(_next(request))
    context = {"form": form, "kind": kind, "next": _next(request)}
    return render(request, "accounts/second_factor_verify.html", context, status=_status(form))


def _recovery_code_used(request, user) -> None:
    left = selectors.recovery_codes_left(user)
    messages.warning(
        request,
        ngettext(
            "You used a recovery code: %(left)d is left. Make new ones from your account's "
            "two-factor page, and check your authenticator app.",
            "You used a recovery code: %(left)d are left. Make new ones from your account's "
            "two-factor page, and check your authenticator app.",
            left,
        )
        % {"left": left},
    )


@login_required
def second_factor_setup(request):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a
    code; then the recovery codes, once."""
    user = request.user
    if selectors.has_second_factor(user):
        if user.is_verified():
            return redirect("accounts:second_factor")
        return redirect(_with_next("accounts:second_factor_verify", request))
    device = services.totp_device_start(user=user)
    form = AppCodeForm(request.POST or None)
    # The steps come first on this page: the code field does not take the focus past them.
    form.fields["code"].widget.attrs.pop("autofocus", None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.totp_device_confirm(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _passed(request, device)
            request.session[SESSION_CODES] = codes
            messages.success(request, _("Two-factor login is on for your account."))
            return redirect(_with_next("accounts:second_factor_codes", request))
    uri = device.config_url
    context = {
        "form": form,
        "next": _next(request),
        "required": selectors.second_factor_required(user),
        "qr": segno.make(uri, error="m").svg_data_uri(scale=5, border=4),
        "key": rules.key_shown(b32encode(device.bin_key).decode()),
        "issuer": settings.OTP_TOTP_ISSUER,
    }
    return render(request, "accounts/second_factor_setup.html", context, status=_status(form))


@login_required
def second_factor_codes(request):
    """The recovery codes just made, shown once; sending the form forgets them."""
    if request.method == "POST":
        request.session.pop(SESSION_CODES, None)
        return redirect(_next(request))
    codes = request.session.get(SESSION_CODES) or []
    context = {
        "codes": [rules.recovery_code_shown(code) for code in codes],
        "codes_left": selectors.recovery_codes_left(request.user),
        "next": _next(request),
    }
    return render(request, "accounts/second_factor_codes.html", context)


@login_required
def second_factor_codes_download(request):
    """The codes being shown, as a text file to keep."""
    codes = request.session.get(SESSION_CODES)
    if not codes:
        return redirect("accounts:second_factor_codes")
    lines = [
        _("Recovery codes for the Dosta!-Congress Prize site"),
        request.user.email,
        _("Each code works once, in place of the code of your authenticator app."),
        "",
        *(rules.recovery_code_shown(code) for code in codes),
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dosta-recovery-codes.txt"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def second_factor_codes_new(request):
    """New recovery codes in place of the old ones."""
    try:
        codes = services.recovery_codes_renew(user=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("accounts:second_factor")
    request.session[SESSION_CODES] = codes
    messages.success(request, _("You have new recovery codes: the old ones no longer work."))
    return redirect("accounts:second_factor_codes")


@login_required
def second_factor_remove(request):
    """Turn two-factor login off, after a code."""
    form = SecondFactorRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.second_factor_remove(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session.pop(SESSION_CODES, None)
            if selectors.second_factor_required(request.user):
                messages.info(
                    request,
                    _(
                        "Your old device is removed. Your role requires two-factor login: "
                        "set up your new one now."
                    ),
                )
                return redirect("accounts:second_factor_setup")
            messages.success(request, _("Two-factor login is off for your account."))
            return redirect("accounts:second_factor")
    return render(
        request, "accounts/second_factor_remove.html", {"form": form}, status=_status(form)
    )
