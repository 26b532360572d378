import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from prize.countries import country_name
from prize.texts import pick
from prize.texts import place_label as place_words
from web import links
from web.textshape import Block, blocks

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
def structured(value) -> list[Block]:
    """The paragraphs and lists an author typed (web.textshape.blocks); the template
    escapes every piece of text."""
    return blocks(value)


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key, "")


@register.simple_tag
def place_label(result) -> str:
    """The prize's words for one laureate's place: '2nd place ex aequo'."""
    return place_words(result.place, result.ex_aequo)


@register.simple_tag
def localized(value):
    """The text and its language, for blocks the page marks itself:
    {% localized result.statement as statement %}."""
    return pick(value)


@register.filter
def plain(value) -> str:
    """A text in the page's language (else the other), without markup: for attributes
    such as alt= and meta descriptions."""
    text = pick(value)
    return text.text if text else ""


@register.filter
def absolute(path: str) -> str:
    """The address of a page as search engines and feed readers should keep it."""
    return links.absolute(path)


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> for each language of this page, and x-default: the
    page in the default language, as in the sitemap (the unprefixed address only redirects,
    and search engines want an x-default that answers)."""
    alternates = context.get("alternates") or []
    found = [(alt["code"], absolute(alt["url"])) for alt in alternates]
    found += [
        ("x-default", absolute(alt["url"]))
        for alt in alternates
        if alt["code"] == settings.LANGUAGE_CODE
    ]
    return format_html_join("\n", '<link rel="alternate" hreflang="{}" href="{}">', found)


OG_LOCALES = {"en": "en_GB", "fr": "fr_FR"}


@register.filter
def og_locale(code: str) -> str:
    return OG_LOCALES.get((code or "")[:2], "en_GB")


# Characters that would let data inside <script> end it or open a comment; the same
# escapes as Django's json_script, which only writes type="application/json".
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data) -> str:
    """schema.org data as <script type="application/ld+json">. Browsers do not run it,
    so the Content Security Policy (no inline script) does not apply to it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    escaped = text.translate(_JSON_SCRIPT_ESCAPES)
    safe = mark_safe(escaped)  # noqa: S308  # nosec B308 B703 # escaped just above
    return format_html('<script type="application/ld+json">{}</script>', safe)


@register.simple_tag
def error_items(form=None, problems=()) -> list[tuple[str, str]]:
    """Every error of `form`, then `problems`, as (href, message) for the error summary:
    a field's errors link to its input, a form's own errors link nowhere (href "").
    `problems` are (anchor id or "", message) pairs that belong to no field, such as
    a section of the page."""
    items = []
    if form is not None:
        items += [("", str(message)) for message in form.non_field_errors()]
        for field in form:
            href = f"#{_first_control(field)}" if not field.is_hidden else ""
            items += [(href.rstrip("#"), str(message)) for message in field.errors]
    items += [(f"#{anchor}" if anchor else "", str(message)) for anchor, message in problems or ()]
    return items


def _first_control(field) -> str:
    """The id of the field's input; for a group of boxes (no label of its own), its first."""
    if field.id_for_label:
        return field.id_for_label
    subwidgets = field.subwidgets
    return subwidgets[0].id_for_label if subwidgets else ""
