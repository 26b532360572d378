"""The forms of the edition's lifecycle, the certificates and the archive's search."""

from django import forms
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from prize.countries import country_name
from web.transliteration import folded

from . import selectors


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    confirm_uneven = forms.BooleanField(
        label=_("Lock the scores anyway, with these uneven score sheets"), required=False
    )
    note = forms.CharField(
        label=_("Note for the log (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RevokeForm(forms.Form):
    """The reason a certificate is revoked (the service requires it)."""

    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)


MAX_QUERY = 200  # characters: longer than any title, short enough to fold quickly


class ArchiveSearchForm(forms.Form):
    """The archive's filters. Countries and years are those that have laureates, so a
    choice never leads to an empty page."""

    q = forms.CharField(
        label=gettext_lazy("Words"),
        required=False,
        max_length=MAX_QUERY,
        help_text=gettext_lazy("In a project's title or summary, or an authority's name."),
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    year = forms.TypedChoiceField(
        label=gettext_lazy("Year of the call"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, *, laureates: selectors.Laureates):
        super().__init__(data)
        countries = sorted(
            ((code, country_name(code)) for code in laureates.countries),
            key=lambda choice: folded(choice[1]),
        )
        self.fields["country"].choices = [("", gettext("Any country")), *countries]
        years = [(str(year), str(year)) for year in laureates.years]
        self.fields["year"].choices = [("", gettext("Any year")), *years]

    @property
    def filtering(self) -> bool:
        return any(self.data.get(name, "").strip() for name in self.fields)
