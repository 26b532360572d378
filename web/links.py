"""Absolute addresses: on the configured SITE_URL, whatever host a request came through
(e-mails sent by the task worker have no request at all). The one way the site builds
them: links in e-mails, feeds, the sitemap, canonical links, certificates, the API and
the data a person downloads."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute(path: str) -> str:
    """`path` (from reverse() or get_absolute_url()) as an absolute address."""
    if not settings.SITE_URL:
        return path
    parts = urlsplit(settings.SITE_URL)
    return f"{parts.scheme}://{parts.netloc}{path}"
