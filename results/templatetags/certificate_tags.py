from datetime import date

from django import template

from prize.texts import pick, place_label
from web.dates import date_format

register = template.Library()


@register.simple_tag
def place_wording(facts: dict) -> str:
    """The place a certificate states, in the page's language ('2nd place ex aequo')."""
    if not facts.get("place"):
        return ""
    return place_label(facts["place"], facts.get("ex_aequo", False))


@register.simple_tag
def ceremony_wording(facts: dict) -> str:
    """The ceremony as the certificate states it (its facts, not the edition's current
    settings, so a superseded certificate shows what it said)."""
    parts = []
    if facts.get("ceremony_date"):
        parts.append(date_format(date.fromisoformat(facts["ceremony_date"]), "DATE_FORMAT"))
    occasion = pick(facts.get("ceremony_occasion"))
    if occasion:
        parts.append(occasion.text)
    if facts.get("ceremony_place"):
        parts.append(facts["ceremony_place"])
    return ", ".join(parts)
