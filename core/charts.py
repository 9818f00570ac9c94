"""Server-rendered SVG charts: no script, readable by screen readers through their title and the data
table the page always puts beside them. Built with ElementTree, so every label is escaped."""

import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

_ids = itertools.count(1)
ROW_HEIGHT = 34
LABEL_WIDTH = 260
BAR_WIDTH = 300
WIDTH = LABEL_WIDTH + BAR_WIDTH + 80


@dataclass(frozen=True)
class Bar:
    label: str
    fraction: float | None  # 0..1 of the longest possible bar; None draws no bar
    text: str  # the value as written at the end of the bar


def horizontal_bars(title: str, bars: list[Bar]) -> SafeString:
    title_id = f"chart-{next(_ids)}"
    height = ROW_HEIGHT * max(len(bars), 1) + 8
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "bar-chart",
            "role": "img",
            "aria-labelledby": title_id,
            "viewBox": f"0 0 {WIDTH} {height}",
            "width": "100%",  # max-width in portal.css: no style attribute under the Content-Security-Policy
        },
    )
    ET.SubElement(svg, "title", {"id": title_id}).text = title
    for index, bar in enumerate(bars):
        y = 4 + index * ROW_HEIGHT
        label = ET.SubElement(svg, "text", {"x": str(LABEL_WIDTH - 8), "y": str(y + 21), "text-anchor": "end"})
        label.text = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        ET.SubElement(
            svg,
            "rect",
            {"x": str(LABEL_WIDTH), "y": str(y + 6), "width": str(BAR_WIDTH), "height": "20", "class": "track"},
        )
        width = 0 if bar.fraction is None else round(max(0.0, min(bar.fraction, 1.0)) * BAR_WIDTH)
        if width:
            ET.SubElement(
                svg,
                "rect",
                {"x": str(LABEL_WIDTH), "y": str(y + 6), "width": str(width), "height": "20", "class": "bar"},
            )
        value = ET.SubElement(svg, "text", {"x": str(LABEL_WIDTH + BAR_WIDTH + 8), "y": str(y + 21)})
        value.text = bar.text
    return mark_safe(ET.tostring(svg, encoding="unicode"))


STACKED_WIDTH = 320  # the narrowest phone: drawn 1:1 there, scaled up to the column elsewhere
STACKED_BAR = 240
STACKED_ROW = 52


def stacked_bars(title: str, bars: list[Bar]) -> SafeString:
    """The same bars for a phone: each label on its own line above its bar, the figure after the bar
    inside the drawing, so nothing is clipped or needs a sideways scroll at 320 px."""
    title_id = f"chart-{next(_ids)}"
    height = STACKED_ROW * max(len(bars), 1) + 4
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "bar-chart stacked",
            "role": "img",
            "aria-labelledby": title_id,
            "viewBox": f"0 0 {STACKED_WIDTH} {height}",
            "width": "100%",
        },
    )
    ET.SubElement(svg, "title", {"id": title_id}).text = title
    for index, bar in enumerate(bars):
        y = index * STACKED_ROW
        label = ET.SubElement(svg, "text", {"x": "0", "y": str(y + 18), "class": "label"})
        label.text = bar.label if len(bar.label) <= 42 else bar.label[:41] + "…"
        ET.SubElement(
            svg, "rect", {"x": "0", "y": str(y + 26), "width": str(STACKED_BAR), "height": "18", "class": "track"}
        )
        width = 0 if bar.fraction is None else round(max(0.0, min(bar.fraction, 1.0)) * STACKED_BAR)
        if width:
            ET.SubElement(
                svg, "rect", {"x": "0", "y": str(y + 26), "width": str(width), "height": "18", "class": "bar"}
            )
        value = ET.SubElement(svg, "text", {"x": str(STACKED_BAR + 8), "y": str(y + 40), "class": "value"})
        value.text = bar.text
    return mark_safe(ET.tostring(svg, encoding="unicode"))
