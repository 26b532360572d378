"""The forms of a page read as a browser reads them, and the data a browser would send
for them untouched (HTML's "constructing the entry list"): a typed input whose value
its type cannot hold is empty (a date that is not YYYY-MM-DD, a number with a decimal
comma), an unticked box sends nothing, a select with nothing selected sends its first
option, a textarea sends CRLF line ends, disabled controls and files send nothing."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser

NUMBER = re.compile(r"^-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?$")
TIME = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$")
LINE_BREAKS = re.compile(r"[\r\n]")


def _valid_date(text: str) -> bool:
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)) and bool(date.fromisoformat(text))
    except ValueError:
        return False


def _valid_datetime(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?", text):
        return False
    try:
        datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError:
        return False
    return True


def browser_value(kind: str, value: str) -> str:
    """The value a browser keeps for an input of this type (value sanitization)."""
    if kind in ("text", "search", "tel", "password"):
        return LINE_BREAKS.sub("", value)
    if kind in ("email", "url"):
        return LINE_BREAKS.sub("", value).strip(" \t\f")
    if kind == "number":
        return value if NUMBER.match(value) else ""
    if kind == "date":
        return value if _valid_date(value) else ""
    if kind == "datetime-local":
        return value.replace(" ", "T") if _valid_datetime(value) else ""
    if kind == "time":
        return value if TIME.match(value) else ""
    return value  # hidden and the others: as written


@dataclass
class Control:
    tag: str  # input, select, textarea
    kind: str  # the input's type; "select", "select-multiple", "textarea"
    name: str
    value: str = ""
    checked: bool = False
    disabled: bool = False
    options: list = field(default_factory=list)  # (value, selected) of a select
    attrs: dict = field(default_factory=dict)


@dataclass
class Form:
    action: str
    controls: list[Control] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (name, value)

    def names(self) -> set[str]:
        return {c.name for c in self.controls}

    def invalid(self) -> list[str]:
        """What HTML forbids here: maxlength on a number, a required select whose first
        option is not an empty placeholder."""
        found = [c.name for c in self.controls if c.kind == "number" and "maxlength" in c.attrs]
        found += [
            c.name
            for c in self.controls
            if c.kind == "select" and "required" in c.attrs and c.options[:1] != [("", False)]
        ]
        return found

    def entry_list(self, submitter: tuple[str, str] | None = None) -> dict[str, list[str]]:
        """What the browser posts when `submitter` (a button's name and value) is pressed."""
        data: dict[str, list[str]] = {}
        for control in self.controls:
            for value in _values(control):
                data.setdefault(control.name, []).append(value)
        if submitter and submitter[0]:
            data.setdefault(submitter[0], []).append(submitter[1])
        return data


def _values(control: Control) -> list[str]:
    if control.disabled or not control.name:
        return []
    if control.kind in ("checkbox", "radio"):
        return [control.value or "on"] if control.checked else []
    if control.kind in ("file", "submit", "image", "reset", "button"):
        return []
    if control.tag == "select":
        chosen = [value for value, selected in control.options if selected]
        if not chosen and control.kind == "select" and control.options:
            chosen = [control.options[0][0]]
        return chosen if control.kind == "select-multiple" else chosen[-1:]
    if control.tag == "textarea":
        return [control.value.replace("\r\n", "\n").replace("\n", "\r\n")]
    return [browser_value(control.kind, control.value)]


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.open: Control | None = None  # the select or textarea being read
        self.option: list | None = None  # [value or None, selected, text]

    def handle_starttag(self, tag, attrs):
        a = {k: ("" if v is None else v) for k, v in attrs}
        if tag == "form":
            self.form = Form(action=a.get("action", ""))
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input":
            self._input(a)
        elif tag == "button" and a.get("type", "submit") == "submit":
            self.form.buttons.append((a.get("name", ""), a.get("value", "")))
        elif tag in ("select", "textarea"):
            kind = "textarea" if tag == "textarea" else "select"
            if "multiple" in a:
                kind = "select-multiple"
            self.open = Control(tag, kind, a.get("name", ""), disabled="disabled" in a, attrs=a)
            self.form.controls.append(self.open)
        elif tag == "option" and self.open is not None:
            self.option = [a.get("value"), "selected" in a, ""]

    def _input(self, a: dict) -> None:
        kind = a.get("type", "text").lower()
        if kind == "submit":
            self.form.buttons.append((a.get("name", ""), a.get("value", "")))
            return
        self.form.controls.append(
            Control(
                "input",
                kind,
                a.get("name", ""),
                value=a.get("value", ""),
                checked="checked" in a,
                disabled="disabled" in a,
                attrs=a,
            )
        )

    def handle_data(self, data):
        if self.option is not None:
            self.option[2] += data
        elif self.open is not None and self.open.tag == "textarea":
            self.open.value += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None:
            value, selected, text = self.option
            text = " ".join(text.split())
            self.open.options.append((text if value is None else value, selected))
            self.option = None
        elif tag in ("select", "textarea") and self.open is not None:
            if tag == "textarea" and self.open.value.startswith("\n"):
                self.open.value = self.open.value[1:]  # the parser drops it
            self.open = None
        elif tag == "form":
            self.form = None


def forms_of(html: str) -> list[Form]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.forms
