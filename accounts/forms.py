from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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
