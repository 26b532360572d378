"""Reading a page's error summary and marked fields the way a browser does."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class ErrorPage(HTMLParser):
    ids: set = field(default_factory=set)
    summary_links: list = field(default_factory=list)  # (href, text) inside the summary
    summary_items: list = field(default_factory=list)  # every item's text
    checklist_links: list = field(default_factory=list)  # (href, text) in #still-needed
    checklist_items: list = field(default_factory=list)
    invalid: dict = field(default_factory=dict)  # name -> aria-describedby of the control
    texts: dict = field(default_factory=dict)  # element id -> its text
    values: dict = field(default_factory=dict)  # control name -> value kept in the form
    _where: list = field(default_factory=list)  # open elements: (tag, box or None)
    _link: list | None = None
    _item: list | None = None
    _text_of: list = field(default_factory=list)
    _textarea: str | None = None

    def __post_init__(self):
        super().__init__()

    def _box(self):
        return next((box for _tag, box in reversed(self._where) if box), None)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
            self._text_of.append([a["id"], tag, []])
        classes = (a.get("class") or "").split()
        box = "summary" if "error-summary" in classes else None
        box = "checklist" if a.get("id") == "still-needed" else box
        if tag not in ("input", "br", "img", "meta", "link"):
            self._where.append((tag, box))
        if tag == "li" and self._box():
            self._item = []
        if tag == "a" and self._box():
            self._link = [a.get("href"), []]
        if tag in ("input", "select", "textarea") and a.get("aria-invalid") == "true":
            self.invalid[a.get("name")] = a.get("aria-describedby")
        if tag == "input" and a.get("type") not in ("checkbox", "radio", "file"):
            self.values[a.get("name")] = a.get("value", "")
        if tag == "textarea":
            self._textarea = a.get("name")
            self.values[self._textarea] = ""

    def handle_endtag(self, tag):
        box = self._box()
        if tag == "a" and self._link is not None:
            href, text = self._link
            getattr(self, f"{box}_links").append((href, "".join(text).strip()))
            self._link = None
        if tag == "li" and self._item is not None:
            getattr(self, f"{box}_items").append("".join(self._item).strip())
            self._item = None
        if tag == "textarea":
            self._textarea = None
        for i in range(len(self._where) - 1, -1, -1):
            if self._where[i][0] == tag:
                del self._where[i:]
                break
        for i in range(len(self._text_of) - 1, -1, -1):
            if self._text_of[i][1] == tag:
                element_id, _tag, text = self._text_of.pop(i)
                self.texts[element_id] = "".join(text).strip()
                break

    def handle_data(self, data):
        for target in (self._link and self._link[1], self._item):
            if target is not None and target is not False:
                target.append(data)
        for _id, _tag, text in self._text_of:
            text.append(data)
        if self._textarea:
            self.values[self._textarea] += data


def read(html: str) -> ErrorPage:
    page = ErrorPage()
    page.feed(html)
    return page
