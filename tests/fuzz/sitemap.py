"""Every URL pattern of the site, with its name and its route (the language prefix left
out), read from the resolver rather than written down, so a new view is noticed."""

import re
from dataclasses import dataclass

from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver

CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str  # e.g. "jury/<int:number>/entries/<slug:ref>/"
    localized: bool  # under /en/ and /fr/

    def url(self, values: dict[str, str], language: str = "en") -> str:
        """The address with each converter replaced by the value given for its kind."""
        path = CONVERTER.sub(lambda m: values[m.group("kind") or "str"], self.route)
        return f"/{language}/{path}" if self.localized else f"/{path}"


def routes() -> list[Route]:
    found = []

    def walk(patterns, prefix: str, namespace: str, localized: bool):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue  # Django's own admin: its forms are Django's, not the site's
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                locale = isinstance(pattern.pattern, LocalePrefixPattern)
                text = "" if locale else _text(pattern)
                walk(pattern.url_patterns, prefix + text, inner, localized or locale)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append(Route(namespace + pattern.name, prefix + _text(pattern), localized))

    walk(get_resolver().url_patterns, "", "", False)
    return found


def _text(pattern) -> str:
    text = str(pattern.pattern)
    if text.startswith("^"):  # a regular expression (re_path)
        text = text.lstrip("^").rstrip("$").replace(r"(?P<path>[\s\S]*/)", "<path:path>")
    return text
