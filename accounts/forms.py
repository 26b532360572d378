import math

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class EmailAuthenticationForm(AuthenticationForm):
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

    def clean(self):
        """Checks the password (accounts/backends.py). Refused because of too many
        failures: says so instead of “do not match”."""
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
