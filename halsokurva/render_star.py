"""SVG rendering of the Stjärnprofil radar chart: pure string building, no Django."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from halsokurva.results import ScoringResult
from halsokurva.svg import (
    AREA_FILL,
    GRID_COLOUR,
    MUTED_COLOUR,
    el,
    legend,
    marker,
    points_attr,
    safe_id,
    series_line,
    svg_document,
    svg_text,
)
from halsokurva.texts import texts_for


def _rays(rays: object, name: str) -> list[tuple[str, int | None]]:
    if isinstance(rays, ScoringResult):
        raise TypeError(
            f"{name}: pass the rays from scoring.stjarnprofil(result, table, ...), not the ScoringResult"
        )
    out = []
    for item in rays:
        key, score = item
        if score is not None and (isinstance(score, bool) or score not in (1, 2, 3, 4, 5)):
            raise ValueError(f"{name}: ray {key!r} has score {score!r}; expected 1-5 or None")
        out.append((str(key), score))
    return out


def render_stjarnprofil_svg(
    result: Sequence[tuple[str, int | None]],
    *,
    previous: Sequence[tuple[str, int | None]] | None = None,
    labels: Mapping[str, str] | None = None,
    lang: str = "sv",
    id_prefix: str = "stjarnprofil",
) -> str:
    """The Stjärnprofil radar chart: one ray per area, score 1-5, outer tip healthiest.

    ``result`` (and ``previous``) are the ``(ray key, score)`` lists from ``scoring.stjarnprofil``;
    a previous ray is matched to the current ray by key.
    """
    t = texts_for(lang)
    ray_labels = {**t["rays"], **(labels or {})}
    pfx = safe_id(id_prefix)
    rays = _rays(result, "result")
    before = dict(_rays(previous, "previous")) if previous is not None else None
    if len(rays) < 3:
        raise ValueError("a Stjärnprofil needs at least 3 rays")

    width, height, cx, cy, radius = 680, 640, 340.0, 310.0, 190.0
    angles = [-math.pi / 2 + 2 * math.pi * i / len(rays) for i in range(len(rays))]

    def at(i: int, score: float) -> tuple[float, float]:
        r = radius * score / 5
        return cx + r * math.cos(angles[i]), cy + r * math.sin(angles[i])

    body = [svg_text(16, 28, t["stjarnprofil"], font_size=20, font_weight="bold")]
    grid = [
        el(
            "polygon",
            {
                "points": points_attr([at(i, ring) for i in range(len(rays))]),
                "fill": "none",
                "stroke": GRID_COLOUR,
                "stroke-width": 1,
            },
        )
        for ring in (1, 2, 3, 4, 5)
    ]
    grid += [
        el(
            "line",
            {
                "x1": cx,
                "y1": cy,
                "x2": at(i, 5)[0],
                "y2": at(i, 5)[1],
                "stroke": GRID_COLOUR,
                "stroke-width": 1,
            },
        )
        for i in range(len(rays))
    ]
    grid += [
        svg_text(cx + 4, at(0, ring)[1] - 3, str(ring), font_size=10, fill=MUTED_COLOUR)
        for ring in (1, 2, 3, 4, 5)
    ]
    body.append(el("g", {"class": "grid"}, "".join(grid)))

    for i, (key, score) in enumerate(rays):
        x, y = at(i, 5.9)
        cos = math.cos(angles[i])
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        y += 4 if abs(cos) > 0.3 else (-6 if math.sin(angles[i]) < 0 else 12)
        shown = t["missing"] if score is None else t["score_of"].format(score=score)
        state = "missing" if score is None else f"score-{score}"
        body.append(
            el(
                "g",
                {"class": f"ray ray-{key} {state}"},
                svg_text(x, y, ray_labels.get(key, key), font_size=13, font_weight="bold", text_anchor=anchor)
                + svg_text(
                    x,
                    y + 16,
                    shown,
                    font_size=12,
                    text_anchor=anchor,
                    font_style="italic" if score is None else None,
                ),
            )
        )

    if before is not None:
        points = [at(i, s) if (s := before.get(key)) else None for i, (key, _) in enumerate(rays)]
        series = series_line(points, previous=True, closed=True) + [
            marker(*p, previous=True, size=8) for p in points if p
        ]
        body.append(el("g", {"class": "series series-previous"}, "".join(series)))
    points = [at(i, score) if score else None for i, (_, score) in enumerate(rays)]
    series = series_line(points, previous=False, closed=True, area_fill=AREA_FILL) + [
        marker(*p, previous=False, size=5) for p in points if p
    ]
    body.append(el("g", {"class": "series series-current"}, "".join(series)))
    body += legend(16, height - 24, t, before is not None)

    def describe(items: Sequence[tuple[str, int | None]]) -> str:
        return " ".join(
            f"{ray_labels.get(k, k)}: "
            + (t["missing_lower"] if s is None else t["score_of"].format(score=s))
            + "."
            for k, s in items
        )

    desc = f"{t['stjarnprofil_intro']} {t['current']}: {describe(rays)}"
    if before is not None:
        desc += f" {t['previous']}: {describe([(k, before.get(k)) for k, _ in rays])}"
    return svg_document(width, height, pfx, t["stjarnprofil"], desc, body)
