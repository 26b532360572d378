"""Forms of the jury's pages; the services decide what is allowed."""

from collections import Counter

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from prize.countries import member_choices

from .enums import JurorRole
from .rules import decimal_plain


class ScoreForm(forms.Form):
    """One value and one comment per criterion, and an overall comment. Values are
    typed as text (a decimal comma is welcome: a number field turns "8,5" into "85" in
    some browsers) and checked by the service (range and step), so a draft may hold empty
    ones. A draft is saved field by field: `typed()` gives the fields that were sent and
    are valid, and the others keep their errors."""

    overall = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"value_{c.code}"] = forms.CharField(
                label=str(c),
                required=False,
                max_length=10,
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "decimal",
                        "pattern": "[0-9]+([.,][0-9]+)?",
                        "autocomplete": "off",
                        "size": 6,
                        "data-weight": decimal_plain(c.weight),
                        "data-max": c.max_score,
                    }
                ),
                help_text=_("0 to %(max)s, in steps of %(step)s")
                % {"max": c.max_score, "step": number_format(decimal_plain(step))},
            )
            self.fields[f"comment_{c.code}"] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": c},
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @classmethod
    def initial_for(cls, assignment) -> dict:
        """The saved sheet, values written as the page's language writes them (7,5)."""
        initial = {"overall": assignment.comment}
        for score in assignment.scores.all():
            if score.value is not None:
                initial[f"value_{score.criterion.code}"] = number_format(decimal_plain(score.value))
            initial[f"comment_{score.criterion.code}"] = score.comment
        return initial

    def typed(self) -> dict:
        """The keyword arguments of services.scores_save: only the fields that were sent
        and passed the form's own checks (length, null characters), so a missing field
        is left as saved and an invalid one is not written."""
        self.is_valid()
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name in self.data and name not in self.errors
        }
        return {
            "values": {
                c.code: data[f"value_{c.code}"].strip()
                for c in self.criteria
                if f"value_{c.code}" in data
            },
            "comments": {
                c.code: data[f"comment_{c.code}"]
                for c in self.criteria
                if f"comment_{c.code}" in data
            },
            "overall": data.get("overall"),
        }

    def add_refusals(self, saved) -> None:
        """Put what the service could not save beside its field."""
        for code, message in saved.refused.items():
            self.add_error(f"value_{code}", message)

    def unsaved(self) -> list[str]:
        """The labels of the fields with an error, in the form's order."""
        return [str(self[name].label) for name in self.fields if name in self.errors]

    def rows(self):
        return [(self[f"value_{c.code}"], self[f"comment_{c.code}"]) for c in self.criteria]


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you have a conflict of interest with this entry"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class JurorInviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    country = forms.ChoiceField(label=_("Country"), required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=JurorRole)
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=[("en", _("English")), ("fr", _("French"))]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *member_choices()]


class DecideConflictForm(forms.Form):
    """A missing or unknown decision is refused, never taken for a waiver."""

    decision = forms.ChoiceField(
        choices=[("confirm", _("Confirm the conflict")), ("waive", _("Waive it"))]
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Why reopen these scores"), max_length=2000)


class ReopenSheetForm(ReopenForm):
    """The chair's page names the sheet by juror and entry: one form, not one per sheet
    (30,000 forms at 2,000 entries and 15 jurors made a 20 MB page)."""

    juror = forms.SlugField(max_length=64)
    entry = forms.SlugField(max_length=80)


class DecisionForm(forms.Form):
    """The chair's decision: the computed proposal as it is, or (with the "change" button)
    the places typed in the fields place-<ref>; a reason, and the statements typed in the
    fields statement-<lang>-<ref>."""

    action = forms.CharField(required=False)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=5000)

    def clean(self):
        data = super().clean()
        data["places"] = None
        if data.get("action") == "change":
            try:
                data["places"] = places_from(self.data)
            except ValueError:
                raise forms.ValidationError(_("Places are whole numbers from 1.")) from None
        data["statements"] = statements_from(self.data)
        typed = [*(data["places"] or {}), *data["statements"]]  # the entries' refs
        typed += [text for texts in data["statements"].values() for text in texts.values()]
        for text in typed:
            ProhibitNullCharactersValidator()(text)
        return data


class ShortlistForm(forms.Form):
    """The chair's shortlist: the computed proposal as it is ("proposal"), or (with the
    "change" button) the entries ticked in the fields `entries`, with a reason. The
    service decides which entries may be shortlisted."""

    action = forms.ChoiceField(choices=[("proposal", "proposal"), ("change", "change")])
    reason = forms.CharField(label=_("Reason"), required=False, max_length=5000)

    def clean(self):
        data = super().clean()
        data["refs"] = None
        if data.get("action") == "change":
            refs = [ref.strip() for ref in self.data.getlist("entries") if ref.strip()]
            for ref in refs:
                ProhibitNullCharactersValidator()(ref)
            data["refs"] = refs
        return data


def statements_from(data) -> dict:
    """{ref: {"en": ..., "fr": ...}} from the fields statement-<lang>-<ref>."""
    statements: dict = {}
    for key, value in data.items():
        if key.startswith("statement-") and value.strip():
            _prefix, language, ref = key.split("-", 2)
            if language in ("en", "fr"):
                statements.setdefault(ref, {})[language] = value.strip()
    return statements


def places_from(data) -> dict:
    """{ref: (place, ex_aequo)} from the fields place-<ref>; a place given to several
    entries is shared (ex aequo). Raises ValueError for anything but a whole number ≥ 1."""
    typed = {}
    for key, value in data.items():
        if key.startswith("place-") and value.strip():
            place = int(value)
            if place < 1:
                raise ValueError(value)
            typed[key.removeprefix("place-")] = place
    counts = Counter(typed.values())
    return {ref: (place, counts[place] > 1) for ref, place in typed.items()}
