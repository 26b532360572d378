from decimal import Decimal

from django import template
from django.utils.html import format_html

from prize.enums import Aggregation

register = template.Library()


@register.filter
def aggregation_label(name: str) -> str:
    return Aggregation(name).label


@register.simple_tag
def spread(low, high, scale) -> str:
    """The range of an entry's juror totals on the criteria's scale, as a small SVG bar
    (attributes, not inline styles, so the Content Security Policy stays strict)."""
    start = Decimal(low) * 100 / scale
    width = max(Decimal(high) * 100 / scale - start, Decimal(1))
    return format_html(
        '<svg class="spread" viewBox="0 0 100 10" preserveAspectRatio="none" width="120" '
        'height="12" aria-hidden="true" focusable="false">'
        '<rect x="0" y="4" width="100" height="2" class="spread-scale"></rect>'
        '<rect x="{}" y="1" width="{}" height="8" class="spread-range"></rect></svg>',
        f"{start:.1f}",
        f"{width:.1f}",
    )
