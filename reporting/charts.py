"""Server-rendered SVG charts (no JavaScript, no inline styles: presentation attributes only).

Every chart has role="img", a <title> and a <desc> listing its values, and the
page shows the table behind it one click away.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

BAR = "#1d4f91"
BAR_SECONDARY = "#6b8fc4"
HIDDEN = "#8a96a3"
TEXT = "#1b1f24"
GRID = "#c9d1db"
FONT = "DejaVu Sans, sans-serif"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None = hidden (suppressed or no data)
    shown: str  # the text shown at the end of the bar ("123", "<5", "45 %")


def _attr(value) -> str:
    return escape(str(value), {'"': "&quot;"})


def bar_chart(bars: list[Bar], *, title: str, width: int = 640, max_value: float | None = None) -> SafeString:
    """Horizontal bars, one per label, scaled to the largest value."""
    label_w, row_h, gap, right = 220, 26, 8, 70
    height = max(len(bars), 1) * (row_h + gap) + gap
    top = max([b.value for b in bars if b.value is not None] + [max_value or 0, 1])
    plot_w = width - label_w - right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" font-family="{FONT}" font-size="13" class="chart">',
        f"<title>{escape(title)}</title>",
        "<desc>" + escape("; ".join(f"{b.label}: {b.shown}" for b in bars)) + "</desc>",
    ]
    for i, bar in enumerate(bars):
        y = gap + i * (row_h + gap)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + row_h * 0.68:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{escape(_shorten(bar.label, 30))}</text>"
        )
        if bar.value is None:
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{plot_w * 0.04:.1f}" height="{row_h}" fill="none" '
                f'stroke="{HIDDEN}" stroke-dasharray="3 3"/>'
            )
            end = label_w + plot_w * 0.04
        else:
            w = max(plot_w * bar.value / top, 1 if bar.value else 0)
            parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{row_h}" fill="{BAR}" rx="2"/>')
            end = label_w + w
        parts.append(
            f'<text x="{end + 6:.1f}" y="{y + row_h * 0.68:.1f}" fill="{TEXT}">{escape(bar.shown)}</text>'
        )
    parts.append(f'<line x1="{label_w}" y1="0" x2="{label_w}" y2="{height}" stroke="{GRID}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped parts


def line_chart(points: list[tuple[str, dict[str, float | None]]], *, series: list[tuple[str, str]], title: str,
               width: int = 640, height: int = 220) -> SafeString:
    """Lines over labelled points (e.g. weeks); `series` is [(key, label)]."""
    left, bottom, top_pad, right = 40, 30, 12, 12
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    values = [p[1].get(k) for p in points for k, _l in series if p[1].get(k) is not None]
    top = max(values + [1])
    colours = [BAR, "#b35c00", "#1e6b34"]
    dashes = ["", "6 3", "2 3"]
    n = max(len(points) - 1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'font-family="{FONT}" font-size="12" class="chart">',
        f"<title>{escape(title)}</title>",
        "<desc>" + escape("; ".join(
            f"{label}: " + ", ".join(f"{p[0]} {p[1].get(key) if p[1].get(key) is not None else '<5'}" for p in points)
            for key, label in series
        )) + "</desc>",
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" stroke="{GRID}"/>',
        f'<text x="{left - 6}" y="{top_pad + 10}" text-anchor="end" fill="{TEXT}">{int(top)}</text>',
        f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end" fill="{TEXT}">0</text>',
    ]
    for s_index, (key, label) in enumerate(series):
        coords = []
        for i, (_name, data) in enumerate(points):
            value = data.get(key)
            if value is None:
                continue
            x = left + plot_w * i / n
            y = top_pad + plot_h * (1 - value / top)
            coords.append(f"{x:.1f},{y:.1f}")
        dash = f' stroke-dasharray="{dashes[s_index % 3]}"' if dashes[s_index % 3] else ""
        if coords:
            parts.append(
                f'<polyline points="{" ".join(coords)}" fill="none" stroke="{colours[s_index % 3]}" '
                f'stroke-width="2"{dash}/>'
            )
        parts.append(
            f'<text x="{left + plot_w}" y="{top_pad + 12 + 14 * s_index}" text-anchor="end" '
            f'fill="{colours[s_index % 3]}">— {escape(label)}</text>'
        )
    for i, (name, _data) in enumerate(points):
        if len(points) <= 12 or i % max(len(points) // 8, 1) == 0:
            x = left + plot_w * i / n
            parts.append(
                f'<text x="{x:.1f}" y="{top_pad + plot_h + 14}" text-anchor="middle" fill="{TEXT}" '
                f'font-size="10">{escape(name)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped parts


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
