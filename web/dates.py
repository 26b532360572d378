"""Dates as each language writes them, everywhere (pages, e-mails, PDFs): Django's own
formats, except that French writes the first of a month "1er" ("1er juillet 2024"),
which no format character of Django gives."""

import re

from django import template
from django.utils import dateformat, formats, translation

register = template.Library()

_DAY = re.compile(r"(?<!\\)j")  # the day of the month, not an escaped literal "j"


def date_format(value, format=None, use_l10n=None) -> str:  # noqa: A002 # Django's name
    """django.utils.formats.date_format, with the French "1er"."""
    pattern = formats.get_format(format or "DATE_FORMAT", use_l10n=use_l10n)
    if getattr(value, "day", None) == 1 and (translation.get_language() or "").startswith("fr"):
        pattern = _DAY.sub(r"1\\e\\r", pattern)
    return dateformat.format(value, pattern)


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """The template filter `date`, in place of Django's (settings TEMPLATES builtins)."""
    if value in (None, ""):
        return ""
    try:
        return date_format(value, arg)
    except AttributeError:
        return ""
