from django import template

from submissions.enums import CHECKLIST

register = template.Library()
LABELS = dict(CHECKLIST)


@register.filter
def photo_fields(form, pk) -> list:
    """The bound fields that edit one existing photo of an entry form."""
    return [form[f"photo_{pk}_{name}"] for name in ("caption", "credit", "alt", "people")]


@register.filter
def checklist_labels(checklist) -> list[tuple[str, bool]]:
    """A logged checklist in the page's language, in the checklist's order."""
    return [(str(LABELS[code]), bool(checklist.get(code))) for code, _label in CHECKLIST]


@register.filter
def entry_text(entry, field: str) -> str:
    """An entry's one-language text (summary, description) in its own language."""
    return entry.text(field)
