import math

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .addresses import normalise_email
from .mail import mail_deliver


class ThrottledLoginMixin:
    """Checks the password (accounts/backends.py). Refused because of too many
    failures: says so instead of “do not match”, with the code "throttled" that the
    login views answer with 429."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            until = getattr(self.request, "login_locked_until", None)
            if until is None:
                raise
            minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
            message = ngettext(
                "Too many failed attempts to log in. For your security, logging in is paused "
                "for %(minutes)d minute, even with the right password. You can reset your "
                "password in the meantime.",
                "Too many failed attempts to log in. For your security, logging in is paused "
                "for %(minutes)d minutes, even with the right password. You can reset your "
                "password in the meantime.",
                minutes,
            )
            raise forms.ValidationError(
                message, code="throttled", params={"minutes": minutes}
            ) from None


class EmailAuthenticationForm(ThrottledLoginMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "That e-mail address and password do not match an account. "
            "Check both, or reset your password."
        ),
        "inactive": _("This account is inactive. Contact the secretariat."),
    }


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The admin's login form (admin.site.login_form): the same lock sentence."""


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form with the site's addresses. In the request the view only
    queues the work (accounts.services.password_reset_request); the task worker runs
    `save()`, which finds the account and sends the link in its owner's language."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        """The active account with exactly this address in its one form, if it can log
        in with a password (an invitee who never chose one accepts the invitation)."""
        users = get_user_model()._default_manager.filter(
            email=normalise_email(email), is_active=True
        )
        return (user for user in users if user.has_usable_password())

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """In the worker: the link is made there, so it never sits in the task table."""
        with translation.override(context["user"].language):
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
        mail_deliver(to=to_email, subject=subject, body=body, language=context["user"].language)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=[("en", _("English")), ("fr", _("French"))],
    )
    is_secretariat = forms.BooleanField(
        label=_("Member of the secretariat"),
        required=False,
        help_text=_("Secretariat members run editions. Leave unticked for other people."),
    )


class RegistrationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    language = forms.ChoiceField(
        label=_("Language for e-mails"), choices=[("en", _("English")), ("fr", _("French"))]
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class ErasureForm(forms.Form):
    """Erasing one's account: the password says it is really its owner asking."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("The password you log in with, to confirm that it is you."),
    )


# Two-factor login ---------------------------------------------------------------------


class AppCodeForm(forms.Form):
    """The 6 digits of an authenticator app (at login, and to confirm the set-up)."""

    code = forms.CharField(
        label=_("6-digit code"),
        max_length=12,
        help_text=_("The code your authenticator app shows for this site now."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "size": 8,
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(
                _("Type the 6 digits your app shows, for example 123456."), code="format"
            )
        return code


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=20,
        help_text=_("One of the ten codes you kept when you set up two-factor login."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "none",
                "autofocus": True,
                "spellcheck": "false",
                "size": 12,
            }
        ),
    )


class SecondFactorRemoveForm(forms.Form):
    code = forms.CharField(
        label=_("A code from your app, or a recovery code"),
        max_length=20,
        help_text=_("To be sure it is you: the 6 digits your app shows now, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "size": 12}
        ),
    )
