"""Bar charts as SVG, drawn on the server: no script, readable by screen readers.

Why not a charting library: pygal (the one that renders SVG on the server) gives its SVG
no role or accessible name, tells its series apart by colour alone and loads its tooltips
from a script; undoing that costs more than these few lines. Here:

- the chart is an image with a name and a description (`role="img"`, `aria-labelledby`
  pointing at its <title> and <desc>); the description says every figure in words;
- every bar carries its label and its number as text, so nothing is told by colour;
- one dark blue on white (11:1) and a grey outline for a total (7.6:1), above the 3:1
  that WCAG 2.1 asks of graphics;
- one bar per row, the label above it, in a 400-unit wide drawing that scales down to a
  390 px phone without shrinking its text much;
- presentation attributes only, no style: the site's Content Security Policy allows no
  inline style, and a downloaded SVG looks the same.

The pages show the same figures in a table beside each chart."""

import xml.etree.ElementTree as ET  # nosec B405 # builds XML, parses nothing
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
WIDTH = 400
FONT = 16  # about 14 px on a 390 px phone, where the drawing is ~350 px wide
ROW = 48  # a label line and a bar
BAR = 16
NUMBER_ROOM = 80  # right of the longest bar, for "12 of 40"
INK = "#1b1f24"
BLUE = "#0b3d6e"
OUTLINE = "#4a5360"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    total: int | None = None  # when set, the bar is drawn inside an outline of the total

    @property
    def text(self) -> str:
        if self.total is None:
            return str(self.value)
        return _("%(value)d of %(total)d") % {"value": self.value, "total": self.total}


def worth_drawing(bars: Sequence[Bar]) -> bool:
    """A chart of nothing but zeros says less than its table: it is left out."""
    return any(bar.value or bar.total for bar in bars)


def bar_chart(*, chart_id: str, title: str, bars: Sequence[Bar], description: str = "") -> str:
    """The chart as an <svg> element (XML, fit to be written inside an HTML page)."""
    height = ROW * len(bars) + 8
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NAMESPACE,
            "viewBox": f"0 0 {WIDTH} {height}",
            "width": str(WIDTH),
            "height": str(height),
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "class": "chart",
            "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = description or describe(bars)
    scale = max((bar.total or bar.value for bar in bars), default=0) or 1
    room = WIDTH - NUMBER_ROOM
    for row, bar in enumerate(bars):
        _draw_row(svg, top=4 + row * ROW, bar=bar, unit=room / scale)
    return ET.tostring(svg, encoding="unicode")


def _draw_row(svg: ET.Element, *, top: float, bar: Bar, unit: float) -> None:
    group = ET.SubElement(svg, "g")
    label = ET.SubElement(group, "text", {"x": "0", "y": f"{top + FONT}", "font-size": f"{FONT}"})
    label.set("fill", INK)
    label.text = str(bar.label)
    y = top + FONT + 6
    if bar.total is not None:
        ET.SubElement(group, "rect", _box(0, y, bar.total * unit, fill="#ffffff", stroke=OUTLINE))
    if bar.value:
        ET.SubElement(group, "rect", _box(0, y, bar.value * unit, fill=BLUE))
    end = (bar.total if bar.total is not None else bar.value) * unit
    number = ET.SubElement(
        group, "text", {"x": f"{end + 6:.1f}", "y": f"{y + BAR - 2}", "font-size": f"{FONT}"}
    )
    number.set("fill", INK)
    number.set("font-weight", "bold")
    number.text = bar.text


def _box(x: float, y: float, width: float, **paint: str) -> dict[str, str]:
    box = {"x": f"{x}", "y": f"{y}", "width": f"{max(width, 1):.1f}", "height": f"{BAR}"}
    if "stroke" in paint:
        box["stroke-width"] = "1"
    return box | paint


def describe(bars: Sequence[Bar]) -> str:
    """Every bar in words: 'Eligible: 12; Ineligible: 3.'"""
    return "; ".join(f"{bar.label}: {bar.text}" for bar in bars) + "." if bars else ""


def html(svg: str) -> SafeString:
    """The SVG for a template: every text in it was escaped by ElementTree."""
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703 # built and escaped by ElementTree
