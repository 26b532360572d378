"""Authors' and jurors' text in reportlab PDFs, in the shape they typed it: the blocks
of web.textshape as Paragraphs and bulleted ListFlowables."""

from xml.sax.saxutils import escape  # nosec B406 # writes reportlab markup, parses nothing

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, SimpleDocTemplate

from web.richtext import tree
from web.textshape import blocks

# Drawn in the text's own font: reportlab's default bullet font is an unembedded Helvetica.
BULLET = "•"


def markup(text: str) -> str:
    """Typed text as Paragraph markup: `<b>` and `&amp;` print as typed, line breaks stay."""
    return escape(text).replace("\n", "<br/>")


def text_flowables(text: str | None, style: ParagraphStyle) -> list[Flowable]:
    """One Paragraph per paragraph, one bulleted list per list; nothing for no text."""
    story: list[Flowable] = []
    for block in blocks(text):
        if block.is_list:
            story.append(_bullets(block.items, style))
        else:
            story.append(Paragraph(markup(block.text), style))
    return story


def _bullets(items: tuple[str, ...], style: ParagraphStyle) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(markup(item), style)) for item in items],
        bulletType="bullet",
        start=BULLET,
        bulletFontName=style.fontName,
        bulletFontSize=style.fontSize,
        leftIndent=style.fontSize * 1.5,
        spaceAfter=style.leading * 0.3,
    )


# --- The secretariat's texts (web.richtext) ------------------------------------------


def richtext_flowables(
    text: str | None, body: ParagraphStyle, headings: dict[int, ParagraphStyle]
) -> list[Flowable]:
    """A text in the secretariat's format (web.richtext) as Paragraphs and lists, its
    links kept clickable. headings maps a level (2, 3, ...) to its style; a deeper
    heading takes the deepest style given."""
    return _rich_blocks(tree(text, top=2).children, body, headings)


def _rich_blocks(nodes, body: ParagraphStyle, headings: dict) -> list[Flowable]:
    story: list[Flowable] = []
    for node in nodes:
        if node.type == "heading":
            level = min(int(node.tag[1]), max(headings))
            story.append(Paragraph(_inline(node.children), headings[level]))
        elif node.type == "paragraph":
            story.append(Paragraph(_inline(node.children), body))
        elif node.type in ("bullet_list", "ordered_list"):
            story.append(_rich_list(node, body, headings))
    return story


def _rich_list(node, body: ParagraphStyle, headings: dict) -> ListFlowable:
    ordered = node.type == "ordered_list"
    items = [
        ListItem(_rich_blocks(item.children, body, headings) or Paragraph("", body))
        for item in node.children
    ]
    options = (
        {"start": node.attrs.get("start", 1), "bulletFormat": "%s."}
        if ordered
        else {"start": BULLET}
    )
    return ListFlowable(
        items,
        bulletType="1" if ordered else "bullet",
        bulletFontName=body.fontName,
        bulletFontSize=body.fontSize,
        leftIndent=body.fontSize * 1.8,
        spaceAfter=body.leading * 0.3,
        **options,
    )


def _inline(nodes) -> str:
    """Paragraph markup of one block's words: text escaped, breaks kept, links live."""
    parts = []
    for inline in nodes:
        for node in inline.children:
            parts.append(_inline_node(node))
    return "".join(parts)


def _inline_node(node) -> str:
    if node.type == "text":
        return escape(node.content)
    if node.type in ("softbreak", "hardbreak"):
        return "<br/>"
    if node.type == "link":
        href = escape(str(node.attrs["href"]), {'"': "&quot;"})
        words = "".join(_inline_node(child) for child in node.children)
        return f'<a href="{href}" color="#1a4f8b"><u>{words}</u></a>'
    return escape(node.content or "")


def a4_document(
    buffer, *, font: str, title: str, subject: str = "", language: str = "", margin=20 * mm
) -> SimpleDocTemplate:
    """An A4 document of the site, for a story of flowables: its metadata, every page
    starting in our font (else reportlab puts an unembedded Helvetica in each page's
    resources even though nothing is drawn with it), and invariant=1, which drops the
    creation date and random document id, so the same content gives the same bytes."""
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        subject=subject,
        author="Council of Europe",
        initialFontName=font,
        lang=language,
        invariant=1,
    )
