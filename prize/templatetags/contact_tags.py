"""The secretariat's address and the privacy notice, for the pages' footer, the error
pages (some of which are rendered with no request and no database) and the e-mails.
Read from the settings only."""

from django import template
from django.conf import settings
from django.urls import reverse

from web.links import absolute

register = template.Library()


@register.simple_tag
def secretariat_email() -> str:
    return settings.SECRETARIAT_EMAIL


@register.simple_tag
def page_address(name: str) -> str:
    """The absolute address of a named page in the active language (for e-mails)."""
    return absolute(reverse(name))
