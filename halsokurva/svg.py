"""SVG building blocks shared by the Hälsokurva and the Stjärnprofil: pure string building.

The SVGs use presentation attributes only (no ``style`` attribute, no ``<style>`` element)
because the site's Content-Security-Policy forbids inline styles; WeasyPrint renders the same
markup into PDFs. Colour is never the only cue: level columns carry a text header and a fill
pattern, points carry their level number, and the previous visit has its own line dash and
marker shape.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

FONT_FAMILY = "DejaVu Sans, sans-serif"
TEXT_COLOUR = "#0b0c0c"
MUTED_COLOUR = "#505a5f"
GRID_COLOUR = "#b1b4b6"
MISSING_FILL = "#f3f2f1"
LEVEL_FILLS = {1: "#a6d99b", 2: "#ffe066", 3: "#f7a35c", 4: "#f07167"}  # green, yellow, orange, red
CURRENT_STROKE = TEXT_COLOUR
PREVIOUS_STROKE = "#4c2c92"  # purple, dashed
PREVIOUS_DASH = "8 5"
AREA_FILL = "#00703c"  # Stjärnprofil area, drawn translucent


def num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def el(tag: str, attrs: Mapping[str, object], content: str | None = None) -> str:
    """One element; attribute values are quoted and escaped, ``content`` must already be markup."""
    parts = [tag] + [
        f"{name}={quoteattr(num(v) if isinstance(v, float) else str(v))}"
        for name, v in attrs.items()
        if v is not None
    ]
    opening = " ".join(parts)
    return f"<{opening}/>" if content is None else f"<{opening}>{content}</{tag}>"


def svg_text(x: float, y: float, text: str, **attrs: object) -> str:
    return el("text", {"x": x, "y": y, **{k.replace("_", "-"): v for k, v in attrs.items()}}, escape(text))


def points_attr(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)




def safe_id(id_prefix: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix)
    return cleaned if cleaned[:1].isalpha() else f"svg-{cleaned}"


def svg_document(width: int, height: int, pfx: str, title: str, desc: str, body: Sequence[str]) -> str:
    attrs = {
        "xmlns": "http://www.w3.org/2000/svg",
        "width": width,
        "height": height,
        "viewBox": f"0 0 {width} {height}",
        "role": "img",
        "aria-labelledby": f"{pfx}-title {pfx}-desc",
        "font-family": FONT_FAMILY,
        "fill": TEXT_COLOUR,
    }
    head = el("title", {"id": f"{pfx}-title"}, escape(title)) + el(
        "desc", {"id": f"{pfx}-desc"}, escape(desc)
    )
    return el("svg", attrs, head + "".join(body))


def _segments(
    points: Sequence[tuple[float, float] | None], closed: bool = False
) -> list[list[tuple[float, float]]]:
    """Runs of consecutive present points; a missing point breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    if closed and len(runs) > 1 and points and points[0] is not None and points[-1] is not None:
        runs[0] = runs.pop() + runs[0]  # wrap around: the last run joins the first
    return [run for run in runs if len(run) >= 2]


def series_line(
    points: Sequence[tuple[float, float] | None],
    *,
    previous: bool,
    closed: bool = False,
    area_fill: str | None = None,
) -> list[str]:
    """The series line; with ``closed`` and every point present, a polygon (filled with ``area_fill``)."""
    stroke = {
        "fill": "none",
        "stroke": PREVIOUS_STROKE if previous else CURRENT_STROKE,
        "stroke-width": 2.5 if previous else 3,
        "stroke-linejoin": "round",
        "stroke-dasharray": PREVIOUS_DASH if previous else None,
    }
    if closed and points and all(p is not None for p in points):
        fill = {"fill": area_fill, "fill-opacity": 0.18} if area_fill else {}
        return [el("polygon", {"points": points_attr(points), **stroke, **fill})]
    return [el("polyline", {"points": points_attr(run), **stroke}) for run in _segments(points, closed)]


def marker(x: float, y: float, *, previous: bool, size: float, label: str | None = None) -> str:
    if previous:  # hollow diamond
        d = (
            f"M{num(x)},{num(y - size)} L{num(x + size)},{num(y)} L{num(x)},{num(y + size)} "
            f"L{num(x - size)},{num(y)} Z"
        )
        return el("path", {"d": d, "fill": "none", "stroke": PREVIOUS_STROKE, "stroke-width": 2.5})
    circle = el("circle", {"cx": x, "cy": y, "r": size, "fill": CURRENT_STROKE})
    if label is None:
        return circle
    return circle + svg_text(
        x, y + 4, label, fill="#ffffff", font_size=12, font_weight="bold", text_anchor="middle"
    )


def legend(x: float, y: float, t: dict, with_previous: bool) -> list[str]:
    out = [
        el("line", {"x1": x, "y1": y, "x2": x + 40, "y2": y, "stroke": CURRENT_STROKE, "stroke-width": 3}),
        marker(x + 20, y, previous=False, size=6),
        svg_text(x + 50, y + 5, t["current"], font_size=13),
    ]
    if with_previous:
        x2 = x + 200
        out += [
            el(
                "line",
                {
                    "x1": x2,
                    "y1": y,
                    "x2": x2 + 40,
                    "y2": y,
                    "stroke": PREVIOUS_STROKE,
                    "stroke-width": 2.5,
                    "stroke-dasharray": PREVIOUS_DASH,
                },
            ),
            marker(x2 + 20, y, previous=True, size=8),
            svg_text(x2 + 50, y + 5, t["previous"], font_size=13),
        ]
    return out
