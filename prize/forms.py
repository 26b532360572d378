"""Forms of the secretariat's pages. They parse input; services decide."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from web import richtext
from web.transliteration import folded

from . import formfields, selectors
from .countries import country_name, member_choices
from .enums import Aggregation, PlaceNumbering

YEARS = (2000, 2100)  # of a call, and of its deadline
CALL_HELP = _(
    "Who may enter, what to send, how the jury judges, the timetable, questions and "
    "answers. Leave a blank line between paragraphs; start a line with “- ” or “1. ” for "
    "a list and with “## ” for a heading; write a link as [words](https://…). HTML is "
    "shown as typed. Shown on the home page and the edition's page while the call is open."
)


class EditionForm(forms.Form):
    number = formfields.IntegerField(label=_("Edition number"), min_value=1)
    name_en = forms.CharField(label=_("Name in English"), max_length=300)
    name_fr = forms.CharField(label=_("Name in French"), max_length=300)
    year = formfields.IntegerField(
        label=_("Year of the call"), min_value=YEARS[0], max_value=YEARS[1]
    )
    all_countries = forms.BooleanField(
        label=_("Open to every Council of Europe member state"), required=False, initial=True
    )
    eligible_countries = forms.MultipleChoiceField(
        label=_("Eligible countries (when not open to all)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    project_start = formfields.DateField(label=_("Project period: start"), required=False)
    project_end = formfields.DateField(label=_("Project period: end"), required=False)
    submission_deadline = formfields.DateTimeField(
        label=_("Submission deadline (Strasbourg time)"), required=False
    )
    ceremony_date = formfields.DateField(label=_("Ceremony date"), required=False)
    ceremony_place = forms.CharField(label=_("Ceremony place"), required=False, max_length=200)
    occasion_en = forms.CharField(label=_("Occasion in English"), required=False, max_length=300)
    occasion_fr = forms.CharField(label=_("Occasion in French"), required=False, max_length=300)
    places = formfields.IntegerField(label=_("Prize places"), min_value=1, max_value=20, initial=3)
    place_numbering = forms.ChoiceField(
        label=_("Place numbering after a tie"), choices=PlaceNumbering
    )
    aggregation = forms.ChoiceField(label=_("Aggregation of juror totals"), choices=Aggregation)
    score_precision = formfields.IntegerField(
        label=_("Decimals of the entry score"), min_value=0, max_value=6, initial=2
    )
    score_step = formfields.DecimalField(
        label=_("Step of a juror's score"),
        min_value=Decimal("0.01"),
        max_value=10,
        decimal_places=2,
        initial=Decimal("0.5"),
        help_text=_("1 for whole numbers, 0.5 for halves."),
    )
    jurors_per_entry = formfields.IntegerField(
        label=_("Jurors per entry"),
        min_value=1,
        required=False,
        help_text=_("Leave empty so that every juror scores every entry (the default)."),
    )
    signatories = forms.CharField(
        label=_("Signatories of the certificates"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: name | role in English | role in French. "
            "For example: A. Example | President of the Congress | Président du Congrès"
        ),
    )
    participation_certificates = forms.BooleanField(
        label=_("Also issue a certificate of participation to every eligible entry"),
        required=False,
    )
    tie_break = forms.CharField(
        label=_("Tie-break criteria"),
        required=False,
        help_text=_("Criterion codes in order, separated by commas; leave empty for none."),
    )

    call_text_en = forms.CharField(
        label=_("Call for entries in English"),
        required=False,
        max_length=richtext.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=CALL_HELP,
    )
    call_text_fr = forms.CharField(
        label=_("Call for entries in French"),
        required=False,
        max_length=richtext.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=CALL_HELP,
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eligible_countries"].choices = member_choices()
        if editing:
            self.fields["number"].disabled = True

    def clean(self):
        data = super().clean()
        if not data.get("all_countries") and not data.get("eligible_countries"):
            self.add_error(
                "eligible_countries",
                _("Choose the eligible countries, or open the edition to every member state."),
            )
        if "signatories" in data:
            data["signatories"] = self._signatories(data["signatories"])
        deadline = data.get("submission_deadline")
        if deadline and not YEARS[0] <= deadline.year <= YEARS[1]:
            self.add_error(
                "submission_deadline",
                _("Give a deadline between the years %(first)d and %(last)d.")
                % {"first": YEARS[0], "last": YEARS[1]},
            )
        start, end = data.get("project_start"), data.get("project_end")
        if start and end and end < start:
            self.add_error("project_end", _("The project period must end after it starts."))
        return data

    def _signatories(self, text: str) -> list[dict]:
        found = []
        for number, line in enumerate(text.splitlines(), start=1):
            parts = [p.strip() for p in line.split("|")]
            if not parts[0]:
                if any(parts):
                    self.add_error(
                        "signatories",
                        _("Line %(line)d: start with the name.") % {"line": number},
                    )
                continue
            if len(parts) > 3:
                self.add_error(
                    "signatories",
                    _("Line %(line)d: give at most a name and two roles, separated by |.")
                    % {"line": number},
                )
                continue
            role = dict(zip(("en", "fr"), parts[1:], strict=False))
            found.append({"name": parts[0], "role": {k: v for k, v in role.items() if v}})
        return found

    def service_fields(self) -> dict:
        d = self.cleaned_data
        occasion = {k: v for k, v in (("en", d["occasion_en"]), ("fr", d["occasion_fr"])) if v}
        return {
            "name": {"en": d["name_en"], "fr": d["name_fr"]},
            "year": d["year"],
            "eligible_countries": None if d["all_countries"] else sorted(d["eligible_countries"]),
            "project_start": d["project_start"],
            "project_end": d["project_end"],
            "submission_deadline": d["submission_deadline"],
            "ceremony_date": d["ceremony_date"],
            "ceremony_place": d["ceremony_place"] or None,
            "ceremony_occasion": occasion or None,
            "places": d["places"],
            "place_numbering": d["place_numbering"],
            "aggregation": d["aggregation"],
            "score_precision": d["score_precision"],
            "score_step": d["score_step"],
            "jurors_per_entry": d["jurors_per_entry"],
            "tie_break": [c.strip() for c in d["tie_break"].split(",") if c.strip()],
            "signatories": d["signatories"],
            "participation_certificates": d["participation_certificates"],
            "call_text_en": d["call_text_en"],
            "call_text_fr": d["call_text_fr"],
        }

    @classmethod
    def initial_from(cls, edition) -> dict:
        occasion = edition.ceremony_occasion or {}
        return {
            "number": edition.number,
            "name_en": edition.name.get("en", ""),
            "name_fr": edition.name.get("fr", ""),
            "year": edition.year,
            "all_countries": edition.eligible_countries is None,
            "eligible_countries": edition.eligible_countries or [],
            "project_start": edition.project_start,
            "project_end": edition.project_end,
            "submission_deadline": edition.submission_deadline,
            "ceremony_date": edition.ceremony_date,
            "ceremony_place": edition.ceremony_place or "",
            "occasion_en": occasion.get("en", ""),
            "occasion_fr": occasion.get("fr", ""),
            "places": edition.places,
            "place_numbering": edition.place_numbering,
            "aggregation": edition.aggregation,
            "score_precision": edition.score_precision,
            "score_step": edition.score_step,
            "jurors_per_entry": edition.jurors_per_entry,
            "tie_break": ", ".join(edition.tie_break or []),
            "signatories": "\n".join(
                " | ".join(
                    [s["name"], *(s.get("role", {}).get(k, "") for k in ("en", "fr"))]
                ).rstrip(" |")
                for s in edition.signatories or []
            ),
            "participation_certificates": edition.participation_certificates,
            "call_text_en": edition.call_text_en,
            "call_text_fr": edition.call_text_fr,
        }


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
