"""Forms parse and check the shape of input; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prize import formfields
from prize.countries import member_choices
from prize.texts import pick

from .enums import CHECKLIST, EntryLanguage, PhotoPeople
from .files import MAX_PDF_BYTES, MAX_PHOTO_BYTES, PDF_TYPES, PHOTO_TYPES, file_limits
from .models import Authority
from .rules import SUMMARY_MAX
from .services.authorities import AUTHORITY_FIELDS

TEXTAREA = {"rows": 6}
PARTNER_ROWS_MIN = 3
PARTNER_ROWS_MAX = 30
# The two answers about the people in a photo; the service refuses a photo with neither.
PEOPLE = [
    (PhotoPeople.NONE, PhotoPeople.NONE.label),
    (PhotoPeople.CONSENTED, PhotoPeople.CONSENTED.label),
]


class AuthorityForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"))

    class Meta:
        model = Authority
        fields = list(AUTHORITY_FIELDS)
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *member_choices()]
        self.fields["contact_name"].required = True
        self.fields["contact_email"].required = True
        if locked:  # verified by the secretariat: shown, not changed
            for name in ("name", "name_fr", "kind", "country"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Verified by the secretariat.")


class InviteColleagueForm(forms.Form):
    email = forms.EmailField(label=_("Your colleague's e-mail address"))


class EntryStartForm(forms.Form):
    """The edition an authority starts an entry for (a button on the authority's page)."""

    edition = formfields.IntegerField(min_value=1)


class EntryForm(forms.Form):
    """Everything an authority writes about its project. Nothing is required for a
    draft; the submit rules say what must be there before it goes to the secretariat."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language of the application"), choices=EntryLanguage)
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    title_fr = forms.CharField(label=_("Title in French"), max_length=300, required=False)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("At most 1,000 characters."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Plain text. Leave an empty line between paragraphs; start a line with “- ” "
            "for a list item."
        ),
    )
    project_start = formfields.DateField(label=_("Project start"), required=False)
    project_end = formfields.DateField(label=_("Project end"), required=False)
    budget = formfields.DecimalField(
        label=_("Total budget (euros)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    funding = forms.CharField(
        label=_("Funding sources"), required=False, max_length=5000, widget=forms.Textarea(TEXTAREA)
    )
    participation = forms.CharField(
        label=_("How Roma and Travellers took part in designing and running the project"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(TEXTAREA),
    )
    results = forms.CharField(
        label=_("Results so far"), required=False, max_length=10000, widget=forms.Textarea(TEXTAREA)
    )
    consent_publication = forms.BooleanField(
        label=_(
            "We agree that, if the entry wins a prize, the Council of Europe may publish its "
            "title, summary, description and the photos whose subjects consented."
        ),
        required=False,
    )
    # One photo and one attachment can be added with each save.
    photo = forms.FileField(
        label=_("Photo (JPEG, PNG or WebP; at most 10 MB)"),
        required=False,
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs=file_limits(PHOTO_TYPES, MAX_PHOTO_BYTES)),
    )
    photo_caption = forms.CharField(label=_("Caption"), max_length=500, required=False)
    photo_credit = forms.CharField(label=_("Credit (who took it)"), max_length=300, required=False)
    photo_alt = forms.CharField(
        label=_("Alternative text (what the photo shows, for people who cannot see it)"),
        max_length=500,
        required=False,
    )
    photo_people = forms.CharField(
        label=_("People in the photo"), required=False, widget=forms.RadioSelect(choices=PEOPLE)
    )
    attachment = forms.FileField(
        label=_("Attachment (PDF; at most 20 MB)"),
        required=False,
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs=file_limits(PDF_TYPES, MAX_PDF_BYTES)),
    )

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        self.criteria = list(entry.edition.criteria.all())
        for criterion in self.criteria:
            self.fields[f"statement_{criterion.code}"] = forms.CharField(
                label=str(criterion),
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.partner_rows = self._partner_row_count()
        for i in range(self.partner_rows):
            self.fields[f"partner_{i}_name"] = forms.CharField(
                label=_("Partner %(n)d") % {"n": i + 1}, max_length=300, required=False
            )
            self.fields[f"partner_{i}_roma"] = forms.BooleanField(
                label=_("A Roma or Traveller organisation"), required=False
            )
        self.photo_pks = [p.pk for p in entry.photos.all()]
        for n, pk in enumerate(self.photo_pks, start=1):
            self._photo_fields(pk, n)
        self.order_fields(self._page_order())

    def _page_order(self) -> list[str]:
        """The fields in the order the page shows them, so the error summary reads from
        the top of the page down."""
        names = list(self.fields)
        first = names[: names.index("funding") + 1]
        partners = [n for n in names if n.startswith("partner_")]
        statements = [n for n in names if n.startswith("statement_")]
        middle = ["participation", "results", *statements]
        photos = [n for n in names if n.startswith("photo_") and n.split("_")[1].isdigit()]
        new = ["photo", "photo_caption", "photo_credit", "photo_alt", "photo_people"]
        return [*first, *partners, *middle, *photos, *new, "attachment"]  # then the rest

    def _photo_fields(self, pk: int, n: int) -> None:
        number = {"n": n}
        self.fields[f"photo_{pk}_caption"] = forms.CharField(
            label=_("Caption of photo %(n)d") % number, max_length=500, required=False
        )
        self.fields[f"photo_{pk}_credit"] = forms.CharField(
            label=_("Credit of photo %(n)d") % number, max_length=300, required=False
        )
        self.fields[f"photo_{pk}_alt"] = forms.CharField(
            label=_("Alternative text of photo %(n)d") % number, max_length=500, required=False
        )
        self.fields[f"photo_{pk}_people"] = forms.CharField(
            label=_("People in photo %(n)d") % number,
            required=False,
            widget=forms.RadioSelect(choices=PEOPLE),
        )

    def _partner_row_count(self) -> int:
        posted = 0
        if self.data:
            posted = sum(
                1 for key in self.data if key.startswith("partner_") and key.endswith("_name")
            )
        existing = len(self.entry.partners or [])
        return min(PARTNER_ROWS_MAX, max(PARTNER_ROWS_MIN, existing + 2, posted))

    @classmethod
    def initial_for(cls, entry) -> dict:
        language = entry.language
        initial = {
            "version": entry.version,
            "language": language,
            "title_en": (entry.title or {}).get("en", ""),
            "title_fr": (entry.title or {}).get("fr", ""),
            "summary": entry.text("summary"),
            "description": entry.text("description"),
            **{f: getattr(entry, f) for f in ("project_start", "project_end", "budget")},
            **{f: getattr(entry, f) for f in ("funding", "participation", "results")},
            "consent_publication": entry.consent_publication,
        }
        for code, text in (entry.statements or {}).items():
            initial[f"statement_{code}"] = text
        for i, partner in enumerate(entry.partners or []):
            initial[f"partner_{i}_name"] = partner.get("name", "")
            initial[f"partner_{i}_roma"] = bool(partner.get("roma"))
        for photo in entry.photos.all():
            caption, alt = pick(photo.caption, language), pick(photo.alt, language)
            initial[f"photo_{photo.pk}_caption"] = caption.text if caption else ""
            initial[f"photo_{photo.pk}_alt"] = alt.text if alt else ""
            initial[f"photo_{photo.pk}_credit"] = photo.credit
            initial[f"photo_{photo.pk}_people"] = photo.people
        return initial

    def entry_fields(self) -> dict:
        """The cleaned data in the shape `entry_update` takes."""
        data = self.cleaned_data
        language = data["language"]
        titles = {k: data[f"title_{k}"].strip() for k in ("en", "fr") if data[f"title_{k}"].strip()}
        return {
            "language": language,
            "title": titles or None,
            "summary": {language: data["summary"]} if data["summary"].strip() else None,
            "description": {language: data["description"]} if data["description"].strip() else None,
            **{f: data[f] for f in ("project_start", "project_end", "budget")},
            **{f: data[f] for f in ("funding", "participation", "results")},
            "consent_publication": data["consent_publication"],
            "statements": {
                c.code: data[f"statement_{c.code}"]
                for c in self.criteria
                if data[f"statement_{c.code}"].strip()
            },
            "partners": [
                {"name": data[f"partner_{i}_name"].strip(), "roma": data[f"partner_{i}_roma"]}
                for i in range(self.partner_rows)
                if data[f"partner_{i}_name"].strip()
            ],
        }

    def photo_edits(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            pk: {
                "caption": data[f"photo_{pk}_caption"],
                "credit": data[f"photo_{pk}_credit"],
                "alt": data[f"photo_{pk}_alt"],
                "people": data[f"photo_{pk}_people"],
            }
            for pk in self.photo_pks
        }

    def new_photo(self) -> dict:
        data = self.cleaned_data
        return {
            "caption": data["photo_caption"],
            "credit": data["photo_credit"],
            "alt": data["photo_alt"],
            "people": data["photo_people"],
        }

    def statement_fields(self):
        return [self[f"statement_{c.code}"] for c in self.criteria]

    def partner_fields(self):
        return [
            (self[f"partner_{i}_name"], self[f"partner_{i}_roma"]) for i in range(self.partner_rows)
        ]


class EntryActionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ScreeningForm(forms.Form):
    """The secretariat's eligibility check of one entry."""

    note = forms.CharField(
        label=_("Message to the authority (the reason, or the information needed)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    internal_note = forms.CharField(
        label=_("Internal note (the secretariat only)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reply_by = formfields.DateField(
        label=_("Reply by (for a request for information)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in CHECKLIST:
            self.fields[f"check_{code}"] = forms.BooleanField(label=label, required=False)

    def checklist(self) -> dict:
        return {code: self.cleaned_data[f"check_{code}"] for code, _label in CHECKLIST}

    def checklist_fields(self):
        return [self[f"check_{code}"] for code, _label in CHECKLIST]


class BulkScreeningForm(forms.Form):
    ACTIONS = [
        ("mark_eligible", _("Mark eligible (every checklist item confirmed for each)")),
        ("mark_ineligible", _("Mark ineligible (with the reason below)")),
        ("request_info", _("Request more information (with the message and date below)")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    note = forms.CharField(
        label=_("Message to the authorities"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reply_by = formfields.DateField(label=_("Reply by"), required=False)
    confirm_checklist = forms.BooleanField(
        label=_("I checked every item of the eligibility checklist for each selected entry."),
        required=False,
    )
    entries = forms.MultipleChoiceField(label=_("Entries"), choices=[])

    def __init__(self, *args, refs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = [(ref, ref) for ref in refs]
