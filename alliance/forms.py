"""Forms parse and check the shape of input; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prize import formfields
from prize.countries import member_choices
from submissions.enums import AuthorityKind, EntryLanguage
from submissions.files import MAX_PDF_BYTES, PDF_TYPES, file_limits, pdf_check

from .enums import CONDITIONS, PROFILE_PARTS
from .rules import ANSWER_MAX, PROFILE_PART_MAX

ANSWER = {"rows": 6}


class RequestForm(forms.Form):
    """The request to join: the answers to the three conditions and the letter."""

    commitment = forms.CharField(max_length=ANSWER_MAX, widget=forms.Textarea(attrs=ANSWER))
    activities = forms.CharField(max_length=ANSWER_MAX, widget=forms.Textarea(attrs=ANSWER))
    dialogue = forms.CharField(max_length=ANSWER_MAX, widget=forms.Textarea(attrs=ANSWER))
    letter = forms.FileField(
        label=_("Commitment letter (PDF)"),
        help_text=_(
            "Signed by your authority's highest elected official (the mayor, the president "
            "of the region…) and addressed to the President of the Congress of Local and "
            "Regional Authorities. At most 20 MB."
        ),
        widget=forms.ClearableFileInput(attrs=file_limits(PDF_TYPES, MAX_PDF_BYTES)),
    )
    contact_name = forms.CharField(
        label=_("Alliance contact person"), max_length=200, required=False
    )
    contact_email = forms.EmailField(label=_("Contact person's e-mail"), required=False)
    languages = forms.CharField(
        label=_("Languages your authority works in"),
        max_length=200,
        required=False,
        help_text=_("E.g. “Romanian, Hungarian, Romani”."),
    )

    def __init__(self, *args, letter_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label, question in CONDITIONS:
            self.fields[code].label = label
            self.fields[code].help_text = question
            self.fields[code].error_messages["required"] = _("Answer this: “%(condition)s”.") % {
                "condition": label
            }
        self.fields["letter"].error_messages["required"] = _("Attach the commitment letter (PDF).")
        if not letter_required:
            self.fields["letter"].required = False
            self.fields["letter"].help_text = _(
                "Leave empty to keep the letter you sent; choose a file to replace it."
            )

    def clean_letter(self):
        """Checked by its content here, so its problem shows with the answers'; the
        service checks again."""
        letter = self.cleaned_data.get("letter")
        if letter:
            pdf_check(letter)
        return letter


class ProfileForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the profile"), choices=EntryLanguage)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in PROFILE_PARTS:
            self.fields[code] = forms.CharField(
                label=label,
                max_length=PROFILE_PART_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
        self.fields["projects"].help_text = _(
            "Plain text. Leave an empty line between paragraphs; start a line with “- ” "
            "for a list item."
        )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required to ask for more information, to decline and to end a participation; "
            "the authority's members receive it by e-mail."
        ),
    )


class CharterForm(forms.Form):
    signed_on = formfields.DateField(label=_("Date the charter was signed"))


class ParticipantFilterForm(forms.Form):
    """The public list's filters (GET). Choices come with the number of participants."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Kind of authority"), required=False)

    def __init__(self, *args, countries: dict[str, int], kinds: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, f"{name} ({countries[code]})")
            for code, name in member_choices()
            if code in countries
        ]
        self.fields["kind"].choices = [("", _("All kinds"))] + [
            (code, f"{label} ({kinds[code]})")
            for code, label in AuthorityKind.choices
            if code in kinds
        ]


class ParticipantsFileForm(forms.Form):
    """The secretariat's list of the Alliance's participants (alliance.importing)."""

    file = forms.FileField(
        label=_("CSV file of the participants"),
        help_text=_("UTF-8, commas or semicolons between the fields; at most 512 KB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ParticipantsConfirmForm(forms.Form):
    """The confirmation of a preview: the same file (base64) and what the preview showed."""

    content = forms.CharField(widget=forms.HiddenInput)
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirm = forms.BooleanField(
        label=_("I have checked the preview and want to import these participants."),
        error_messages={"required": _("Tick the box to confirm the import.")},
    )
