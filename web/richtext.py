"""The secretariat's texts (the call for entries, news): a small, safe subset of Markdown.

Paragraphs, bulleted and numbered lists, links and headings, nothing more. Whatever else
is typed, HTML included, is shown as the text it is. Links go only to http(s) and mailto
addresses. The one place that turns such a text into HTML (pages), plain text (meta
descriptions, feeds) and a tree of blocks (PDFs, web.pdftext): markdown-it-py parses with
HTML off and only the rules above on, and nh3 (the Ammonia sanitiser) cleans the HTML it
made against an allow-list, a second lock should a rule ever let something through.

Templates: `{% load richtext %}{{ text|richtext }}` or `{{ text|richtext:3 }}` (the level
of the text's highest heading, under the page's own headings).
"""

import html
import re

import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

SCHEMES = ("http://", "https://", "mailto:")
MAX_LENGTH = 20_000  # characters: a call with its timetable and questions fits easily
BLOCK_RULES = ["heading", "list"]  # paragraphs are always on
INLINE_RULES = ["link", "autolink", "escape", "entity", "newline"]
TAGS = {"p", "br", "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6"}
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}

register = template.Library()


def _parser() -> MarkdownIt:
    # "zero": every rule off (no HTML, images, code, tables, quotes, emphasis), then ours.
    # breaks: a line typed on its own (a timetable) stays on its own line.
    md = MarkdownIt("zero", {"html": False, "breaks": True, "linkify": False})
    md.enable(BLOCK_RULES).enable(INLINE_RULES)
    md.validateLink = is_safe_link
    return md


def is_safe_link(url: str) -> bool:
    """Only web and mail addresses: javascript:, data:, relative and other links stay text."""
    return url.strip().lower().startswith(SCHEMES)


PARSER = _parser()


def tree(text: str | None, *, top: int = 2) -> SyntaxTreeNode:
    """The blocks of text, its headings moved so that the highest one typed is h`top`
    and the others keep their distance below it: whether the secretariat starts with #
    or ##, the page's outline has no gap."""
    tokens = PARSER.parse(text or "")
    headings = [t for t in tokens if t.type in ("heading_open", "heading_close")]
    if headings:
        shift = top - min(int(t.tag[1]) for t in headings)
        for token in headings:
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
    return SyntaxTreeNode(tokens)


def to_html(text: str | None, *, top: int = 2) -> SafeString:
    """The text as safe HTML, its first heading level h`top` (h2 to h6)."""
    if not (text or "").strip():
        return SafeString("")
    top = max(2, min(6, top))  # the page keeps the one h1
    node = tree(text, top=top)
    raw = PARSER.renderer.render(node.to_tokens(), PARSER.options, {})
    clean = nh3.clean(
        raw,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={scheme.split(":")[0] for scheme in SCHEMES},
    )
    return mark_safe(clean)  # noqa: S308  # nosec B308 B703 # no HTML parsed; nh3 allow-list


def to_plain(text: str | None, *, limit: int | None = None) -> str:
    """The words of the text on one line, for a meta description or a feed summary; cut
    at a word before `limit` characters, with an ellipsis, when longer."""
    words = html.unescape(nh3.clean(to_html(text), tags=set()))
    words = re.sub(r"\s+", " ", words).strip()
    if limit and len(words) > limit:
        words = words[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return words


@register.filter(name="richtext")
def richtext_filter(text, top=2):
    return to_html(text, top=int(top))


@register.filter(name="richtext_plain")
def richtext_plain_filter(text, limit=None):
    return to_plain(text, limit=int(limit) if limit else None)
