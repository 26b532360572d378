"""Forms of the secretariat's pages. They parse input; services decide."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from web import richtext

from . import formfields
from .countries import member_choices
from .defaults import default_criterion_names
from .enums import Aggregation, PlaceNumbering

YEARS = (2000, 2100)  # of a call, and of its deadline
TIE_BREAK_HELP = _(
    "Entries with the same score are split by their mean on the first criterion chosen, "
    "then, if still equal, on the next; entries equal on all of them share the place "
    "(ex aequo). Leave empty for no tie-break."
)


def tie_break_label(n: int) -> str:
    if n == 1:
        return gettext("Tie-break: first criterion")
    return gettext("Tie-break: criterion %(n)d, if still tied") % {"n": n}


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
    deadline_reason = forms.CharField(
        label=_("Why the deadline moves"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed only if you change the deadline while the call is open: every authority "
            "with an entry receives it by e-mail."
        ),
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
    shortlist_size = formfields.IntegerField(
        label=_("Size of the shortlist"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_(
            "Leave empty for no shortlist (the default): the jury scores every eligible entry "
            "once. With a number, the jury's first round selects about that many entries "
            "(more after a tie), and only they are scored again in the final round. Set "
            "before the jury starts scoring."
        ),
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

    def __init__(
        self,
        *args,
        editing: bool = False,
        criteria=None,
        call_open: bool = False,
        jury_scoring: bool = False,
        **kwargs,
    ):
        """`criteria`: the edition's (code, name) in order, which the tie-break offers;
        a new edition's are the published ones it will start with. `call_open`: a reason
        is asked when the deadline moves. `jury_scoring`: the jury scores or scored (not
        rules.before_judging), so the shortlist is shown but not changed here."""
        super().__init__(*args, **kwargs)
        self.fields["eligible_countries"].choices = member_choices()
        if editing:
            self.fields["number"].disabled = True
        if jury_scoring:
            self.fields["shortlist_size"].disabled = True
            self.fields["shortlist_size"].help_text = _(
                "The jury has started scoring: the shortlist is kept as it was set."
            )
        if not call_open:  # a reason is asked only when the move is announced
            del self.fields["deadline_reason"]
        self._tie_break_fields(criteria or list(default_criterion_names().items()))

    def _tie_break_fields(self, criteria) -> None:
        """One list per criterion of the edition, in order: the first splits a tie, the
        next one a tie still left, and so on. The lists offer the criteria by name; the
        service says what is wrong with a code sent that is not one of them."""
        choices = [("", gettext_lazy("(none)")), *criteria]
        self.tie_break_names = [f"tie_break_{n}" for n in range(1, len(criteria) + 1)]
        for n, name in enumerate(self.tie_break_names, start=1):
            self.fields[name] = forms.CharField(
                label=tie_break_label(n),
                required=False,
                widget=forms.Select(choices=choices),
                help_text=TIE_BREAK_HELP if n == 1 else "",
            )
        self.error_fields = {"tie_break": self.tie_break_names[0]}  # the service's refusal
        names = list(self.fields)
        at = names.index("jurors_per_entry") + 1
        new = names[-len(self.tie_break_names) :]
        self.order_fields([*names[:at], *new, *names[at : -len(new)]])

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
        before = self.initial.get("submission_deadline")
        # The page writes the deadline to the second, and a browser may send it to the
        # minute: either way a stored deadline with more precision was not moved.
        shown = (
            (before.replace(microsecond=0), before.replace(second=0, microsecond=0))
            if before
            else ()
        )
        if deadline and deadline in shown:
            data["submission_deadline"] = deadline = before
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

    def deadline_reason_given(self) -> str:
        return self.cleaned_data.get("deadline_reason", "")

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
            "shortlist_size": d["shortlist_size"],
            "tie_break": [d[name].strip() for name in self.tie_break_names if d[name].strip()],
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
            "shortlist_size": edition.shortlist_size,
            **{f"tie_break_{n}": code for n, code in enumerate(edition.tie_break or [], start=1)},
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
