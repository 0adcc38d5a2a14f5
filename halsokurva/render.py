"""SVG rendering of the Hälsokurva and the Stjärnprofil: pure string building, no Django.

``render_halsokurva_svg`` (this module) draws the 11 rows x 4 levels with the line through the
chosen levels; ``render_stjarnprofil_svg`` (``halsokurva.render_star``) draws the radar chart.
The building blocks and colours live in ``halsokurva.svg``, the words in ``halsokurva.texts``.
"""

from __future__ import annotations

from collections.abc import Mapping

from halsokurva.constants import ROW_KEYS
from halsokurva.render_star import render_stjarnprofil_svg
from halsokurva.results import ScoringResult
from halsokurva.svg import (
    AREA_FILL,
    CURRENT_STROKE,
    GRID_COLOUR,
    LEVEL_FILLS,
    MISSING_FILL,
    MUTED_COLOUR,
    PREVIOUS_DASH,
    PREVIOUS_STROKE,
    TEXT_COLOUR,
    el,
    legend,
    marker,
    safe_id,
    series_line,
    svg_document,
    svg_text,
)
from halsokurva.texts import TEXTS, texts_for

__all__ = [
    "AREA_FILL",
    "CURRENT_STROKE",
    "GRID_COLOUR",
    "LEVEL_FILLS",
    "MISSING_FILL",
    "MUTED_COLOUR",
    "PREVIOUS_DASH",
    "PREVIOUS_STROKE",
    "TEXTS",
    "TEXT_COLOUR",
    "render_halsokurva_svg",
    "render_stjarnprofil_svg",
]

_DECIMALS = {"bmi": 1, "midja_stuss": 2, "kolesterol": 2}


def _result_rows(
    result: ScoringResult | Mapping,
) -> tuple[dict[str, tuple[int | None, object]], list[str], str]:
    """(levels and values by row key, alert codes, rule-set version) from a result or its as_json()."""
    if isinstance(result, Mapping):
        result = ScoringResult.from_json(result)
    if not isinstance(result, ScoringResult):
        raise TypeError("expected a ScoringResult or the dict from ScoringResult.as_json()")
    rows = {}
    for row in result.rows:
        if row.level is not None and (isinstance(row.level, bool) or row.level not in (1, 2, 3, 4)):
            raise ValueError(f"row {row.key!r} has level {row.level!r}; expected 1-4 or None")
        rows[row.key] = (row.level, row.value)
    return rows, list(result.alerts), result.ruleset


def _format_value(key: str, value: object, t: dict) -> str:
    if value is None or key == "livssituation":
        return ""
    if key in ("tobak", "arftlighet"):
        return t["categories"].get(value, str(value))
    if key == "blodtryck":
        systolic, _, diastolic = str(value).partition("/")
        text = f"{systolic or '–'}/{diastolic or '–'}"
    elif isinstance(value, float | int) and not isinstance(value, bool) and key in _DECIMALS:
        text = f"{value:.{_DECIMALS[key]}f}".replace(".", t["decimal"])
    else:
        text = str(value)
    unit = t["units"].get(key)
    return f"{text} {unit}" if unit else text


def _describe_rows(rows: Mapping[str, tuple[int | None, object]], labels: Mapping[str, str], t: dict) -> str:
    parts = []
    for key in ROW_KEYS:
        level, value = rows.get(key, (None, None))
        if level is None:
            parts.append(f"{labels[key]}: {t['missing_lower']}.")
            continue
        text = t["level_of"].format(level=level, risk=t["risk"][level])
        shown = _format_value(key, value, t)
        parts.append(f"{labels[key]}: {text}" + (f" ({t['value']} {shown})." if shown else "."))
    return " ".join(parts)


def render_halsokurva_svg(
    result: ScoringResult | Mapping,
    *,
    previous: ScoringResult | Mapping | None = None,
    labels: Mapping[str, str] | None = None,
    lang: str = "sv",
    id_prefix: str = "halsokurva",
) -> str:
    """The Hälsokurva: 11 rows x 4 level columns with a line through the chosen levels.

    ``result`` and ``previous`` may be ScoringResults or their ``as_json()`` dicts. ``labels``
    overrides row labels by row key. ``id_prefix`` keeps element ids unique when several
    SVGs share a page.
    """
    t = texts_for(lang)
    row_labels = {**t["rows"], **(labels or {})}
    pfx = safe_id(id_prefix)
    rows, alerts, ruleset = _result_rows(result)
    previous_rows = _result_rows(previous)[0] if previous is not None else None

    width, label_x, col_x0, col_w, value_x = 800, 16, 192, 104, 616
    header_y, row_y0, row_h = 46, 92, 34
    legend_y = row_y0 + row_h * len(ROW_KEYS) + 30
    height = legend_y + 40

    def centre(level: int, index: int) -> tuple[float, float]:
        return col_x0 + col_w * (level - 0.5), row_y0 + row_h * (index + 0.5)

    body = [_patterns(pfx), svg_text(label_x, 28, t["halsokurva"], font_size=20, font_weight="bold")]
    for level in (1, 2, 3, 4):
        x = col_x0 + col_w * (level - 0.5)
        body.append(
            svg_text(
                x,
                header_y + 14,
                f"{t['level']} {level}",
                font_size=13,
                font_weight="bold",
                text_anchor="middle",
            )
        )
        body.append(svg_text(x, header_y + 32, t["header"][level], font_size=11, text_anchor="middle"))

    for index, key in enumerate(ROW_KEYS):
        level, value = rows.get(key, (None, None))
        y = row_y0 + row_h * index
        group = [svg_text(label_x, y + row_h / 2 + 5, row_labels[key], font_size=14)]
        if level is None:
            group.append(
                el(
                    "rect",
                    {
                        "x": col_x0,
                        "y": y,
                        "width": col_w * 4,
                        "height": row_h,
                        "fill": MISSING_FILL,
                        "stroke": "#ffffff",
                        "stroke-width": 2,
                    },
                )
            )
            group.append(
                svg_text(
                    col_x0 + col_w * 2,
                    y + row_h / 2 + 5,
                    t["missing"],
                    font_size=13,
                    font_style="italic",
                    text_anchor="middle",
                )
            )
        else:
            for column in (1, 2, 3, 4):
                cell = {"x": col_x0 + col_w * (column - 1), "y": y, "width": col_w, "height": row_h}
                group.append(
                    el("rect", {**cell, "fill": LEVEL_FILLS[column], "stroke": "#ffffff", "stroke-width": 2})
                )
                if column > 1:
                    group.append(el("rect", {**cell, "fill": f"url(#{pfx}-pattern-{column})"}))
        group.append(svg_text(value_x, y + row_h / 2 + 5, _format_value(key, value, t), font_size=12))
        state = "missing" if level is None else f"level-{level}"
        body.append(el("g", {"class": f"row row-{key} {state}"}, "".join(group)))

    if previous_rows is not None:
        points = [
            centre(lvl, i) if (lvl := previous_rows.get(key, (None, None))[0]) else None
            for i, key in enumerate(ROW_KEYS)
        ]
        series = series_line(points, previous=True) + [marker(*p, previous=True, size=14) for p in points if p]
        body.append(el("g", {"class": "series series-previous"}, "".join(series)))
    levels = [rows.get(key, (None, None))[0] for key in ROW_KEYS]
    points = [centre(lvl, i) if lvl else None for i, lvl in enumerate(levels)]
    series = series_line(points, previous=False) + [
        marker(*p, previous=False, size=10, label=str(lvl))
        for p, lvl in zip(points, levels, strict=True)
        if p
    ]
    body.append(el("g", {"class": "series series-current"}, "".join(series)))
    body += legend(label_x, legend_y, t, previous_rows is not None)
    body.append(
        svg_text(
            width - 16,
            legend_y + 5,
            f"{t['ruleset']} {ruleset}",
            font_size=10,
            fill=MUTED_COLOUR,
            text_anchor="end",
        )
    )

    desc = f"{t['halsokurva_intro']} {t['current']}: {_describe_rows(rows, row_labels, t)}"
    if alerts:
        desc += f" {t['alerts']}: " + ", ".join(t["alert_names"].get(code, code) for code in alerts) + "."
    if previous_rows is not None:
        desc += f" {t['previous']}: {_describe_rows(previous_rows, row_labels, t)}"
    return svg_document(width, height, pfx, t["halsokurva"], desc, body)


def _patterns(pfx: str) -> str:
    """Fill patterns for levels 2-4 (diagonal lines, dots, cross-hatch) so colour is not the only cue."""
    ink = {"stroke": TEXT_COLOUR, "stroke-width": 1, "stroke-opacity": 0.22}
    shapes = {
        2: el("path", {"d": "M-2,2 L2,-2 M0,10 L10,0 M8,12 L12,8", **ink}),
        3: el("circle", {"cx": 5, "cy": 5, "r": 1.4, "fill": TEXT_COLOUR, "fill-opacity": 0.28}),
        4: el(
            "path", {"d": "M-2,2 L2,-2 M0,10 L10,0 M8,12 L12,8 M-2,8 L2,12 M0,0 L10,10 M8,-2 L12,2", **ink}
        ),
    }
    patterns = "".join(
        el(
            "pattern",
            {"id": f"{pfx}-pattern-{level}", "width": 10, "height": 10, "patternUnits": "userSpaceOnUse"},
            shape,
        )
        for level, shape in shapes.items()
    )
    return el("defs", {}, patterns)


# --------------------------------------------------------------------------- Stjärnprofil
