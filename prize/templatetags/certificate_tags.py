from django import template

from prize.texts import place_label

register = template.Library()


@register.simple_tag
def place_wording(facts: dict) -> str:
    """The place a certificate states, in the page's language ('2nd place ex aequo')."""
    if not facts.get("place"):
        return ""
    return place_label(facts["place"], facts.get("ex_aequo", False))
