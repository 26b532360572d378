"""The forms of the edition's lifecycle, the certificates and the archive's search."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from prize import formfields
from prize.countries import country_name
from submissions.files import MAX_PHOTO_BYTES, PHOTO_TYPES, file_limits
from web import richtext
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


TEXT_HELP = _(
    "Leave a blank line between paragraphs; start a line with “- ” or “1. ” for a list and "
    "with “## ” for a heading; write a link as [words](https://…). HTML is shown as typed."
)


# What the news form gives the services, and reads back from an item.
NEWS_FIELDS = (
    "title_en",
    "text_en",
    "title_fr",
    "text_fr",
    "both_languages",
    "published_on",
    "photo_credit",
    "photo_alt_en",
    "photo_alt_fr",
)


class NewsForm(forms.Form):
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    text_en = forms.CharField(
        label=_("Text in English"),
        max_length=richtext.MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=TEXT_HELP,
    )
    title_fr = forms.CharField(label=_("Title in French"), max_length=200, required=False)
    text_fr = forms.CharField(
        label=_("Text in French"),
        max_length=richtext.MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=TEXT_HELP,
    )
    both_languages = forms.BooleanField(
        label=_("Written in one language only: list it in the other language too"),
        required=False,
    )
    published_on = formfields.DateField(label=_("Date"), initial=timezone.localdate)
    photo = forms.FileField(
        label=_("Photo (JPEG, PNG or WebP; at most 10 MB; optional)"),
        required=False,
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs=file_limits(PHOTO_TYPES, MAX_PHOTO_BYTES)),
    )
    photo_credit = forms.CharField(label=_("Photo credit"), max_length=300, required=False)
    photo_alt_en = forms.CharField(
        label=_("What the photo shows, in English (alternative text)"),
        max_length=500,
        required=False,
        help_text=_("Required with a photo, in each language the item is written in."),
    )
    photo_alt_fr = forms.CharField(
        label=_("What the photo shows, in French (alternative text)"),
        max_length=500,
        required=False,
        help_text=_("Required with a photo, in each language the item is written in."),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    def __init__(self, *args, has_photo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_photo:
            del self.fields["remove_photo"]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in NEWS_FIELDS}

    @staticmethod
    def initial_from(item) -> dict:
        return {name: getattr(item, name) for name in NEWS_FIELDS}
