"""`{% official_text "roma_travellers_note" %}`: the Council of Europe's own words in
the page's language (or the language given), from prize.official_texts."""

from django import template

from prize.official_texts import official_text as text_in

register = template.Library()


@register.simple_tag
def official_text(name: str, language: str = "") -> str:
    return text_in(name, language or None)
