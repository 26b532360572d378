from django.contrib import admin, messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from . import rules, services, throttle
from .forms import EmailAuthenticationForm, InvitationForm, PasswordResetForm, RegistrationForm


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
                services.password_reset_request(
                    email=email, domain=self.request.get_host(), use_https=self.request.is_secure()
                )
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
    success_url = reverse_lazy("accounts:home")


@login_required
def home(request):
    """Where a person lands after logging in: their roles and what they can do."""
    return render(
        request, "accounts/home.html", {"is_secretariat": rules.is_secretariat(request.user)}
    )


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
                user = services.user_invite(
                    by=request.user, base_url=request.build_absolute_uri("/"), **form.cleaned_data
                )
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
                services.user_register(
                    base_url=request.build_absolute_uri("/"), **form.cleaned_data
                )
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
    return redirect("submissions:start")
