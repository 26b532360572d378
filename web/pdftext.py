"""Authors' and jurors' text in reportlab PDFs, in the shape they typed it: the blocks
of web.textshape as Paragraphs and bulleted ListFlowables."""

from xml.sax.saxutils import escape  # nosec B406 # writes reportlab markup, parses nothing

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph

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
