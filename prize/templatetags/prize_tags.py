from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from prize.countries import country_name
from prize.texts import pick

register = template.Library()


@register.simple_tag
def tr(value, element="span"):
    """A text in the page's language if there is one; else the other language, marked
    with its lang attribute so screen readers pronounce it right."""
    text = pick(value)
    if text is None:
        return ""
    if text.lang == (get_language() or "en")[:2]:
        return text.text
    return format_html('<{} lang="{}">{}</{}>', element, text.lang, text.text, element)


@register.filter
def has_text(value) -> bool:
    return pick(value) is not None


@register.filter
def country(code: str) -> str:
    return country_name(code)


@register.filter
def paragraphs(value) -> list[str]:
    """Split plain text on blank lines; the template escapes each paragraph."""
    return [p.strip() for p in str(value).split("\n\n") if p.strip()]


@register.filter
def structured(value) -> list[dict]:
    """Structured plain text: blank lines separate paragraphs, lines starting with “- ”
    or “* ” make a list. Returns blocks; the template escapes every piece of text."""
    blocks = []
    for chunk in str(value or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line[:2] in ("- ", "* ") for line in lines):
            blocks.append({"list": True, "items": [line[2:].strip() for line in lines]})
        else:
            blocks.append({"list": False, "items": [" ".join(lines)]})
    return blocks


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key, "")
