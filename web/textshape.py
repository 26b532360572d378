"""The shape of a text a person typed: paragraphs and simple lists.

Authors write plain text in a textarea; no HTML is accepted from them. This pure
function reads the little structure they give it so that pages, PDFs and anything else
show the same paragraphs and lists. It returns plain strings: whoever renders a block
escapes it (the templates by autoescaping, the PDFs with xml.sax.saxutils.escape).

The rules, each decided with a test in tests/prize/test_textshape.py:
- Windows (CRLF) and old Mac (CR) line endings count as one line break.
- An empty line (or one of spaces only) ends a block; several in a row count as one.
- A list item is a line whose first visible characters are “-” or “*” (or the “•”
  and “–” that word processors put in their place) followed by a space or a tab, and
  then some text: “- 120 children”. Items may follow a sentence line directly,
  without an empty line (“It brought together:” then “- 120 children”): the sentence
  stays a paragraph and the items become a list.
- A line that merely starts with “-” is text, not an item: “-5 degrees”, “--”, “-”
  alone, or “- ” with nothing after it. Nothing a person typed is dropped.
- Indentation does not nest lists: an indented item is an item of the same list, as
  there is one level only. An indented line right after an item continues that item
  (on a new line); a line that is not indented starts a new paragraph.
- Inside a paragraph or an item, single line breaks are kept (“\\n” in the text), so
  addresses and short lines keep their shape; leading and trailing spaces of each line
  are dropped.
"""

import re
from dataclasses import dataclass
from typing import Literal

PARAGRAPH = "paragraph"
LIST = "list"
# “•” and “–” too: word processors turn a typed “- ” into them, and authors paste.
_ITEM = re.compile(r"[-*•–][ \t]+(?P<text>\S.*)")


@dataclass(frozen=True)
class Block:
    """A paragraph (one text in `items`) or a list (one text per item). A text may hold
    single line breaks."""

    kind: Literal["paragraph", "list"]
    items: tuple[str, ...]

    @property
    def is_list(self) -> bool:
        return self.kind == LIST

    @property
    def text(self) -> str:
        """A paragraph's text; a list's items one per line, with their “- ” marks."""
        if self.is_list:
            return "\n".join(f"- {item}" for item in self.items)
        return self.items[0]


def blocks(value: str | None) -> list[Block]:
    """The paragraphs and lists of `value`, in order, as plain (unescaped) text."""
    result: list[Block | None] = []
    for raw in _lines(value or ""):
        line = raw.strip()
        if not line:
            result.append(None)  # an empty line closes the block in progress
            continue
        item = _ITEM.fullmatch(line)
        last = result[-1] if result else None
        if item:
            text = item["text"]
            if last and last.is_list:
                result[-1] = Block(LIST, (*last.items, text))
            else:
                result.append(Block(LIST, (text,)))
        elif last and (last.kind == PARAGRAPH or raw[:1] in (" ", "\t")):
            result[-1] = Block(last.kind, (*last.items[:-1], f"{last.items[-1]}\n{line}"))
        else:
            result.append(Block(PARAGRAPH, (line,)))
    return [block for block in result if block is not None]


def _lines(value: str) -> list[str]:
    return value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
