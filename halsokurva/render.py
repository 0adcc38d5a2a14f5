"""SVG rendering of the Hälsokurva and the Stjärnprofil: pure string building, no Django.

The SVGs use presentation attributes only (no ``style`` attribute, no ``<style>`` element)
because the site's Content-Security-Policy forbids inline styles; WeasyPrint renders the same
markup into PDFs. Colour is never the only cue: level columns carry a text header and a fill
pattern, points carry their level number, and the previous visit has its own line dash and
marker shape.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from halsokurva.scoring import ROW_KEYS, ScoringResult

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

TEXTS = {
    "sv": {
        "rows": {
            "fysisk_aktivitet": "Fysisk aktivitet",
            "matvanor": "Matvanor",
            "alkohol": "Alkohol",
            "tobak": "Tobak",
            "livssituation": "Livssituation",
            "psykisk_halsa": "Psykisk hälsa",
            "arftlighet": "Ärftlighet",
            "bmi": "BMI",
            "midja_stuss": "Midja-stusskvot",
            "blodtryck": "Blodtryck",
            "kolesterol": "Kolesterol",
        },
        "rays": {
            "diet": "Matvanor",
            "physical_activity": "Fysisk aktivitet",
            "tobacco": "Tobak",
            "alcohol": "Alkohol",
            "bmi": "BMI",
            "blood_pressure": "Blodtryck",
            "lipids": "Kolesterol",
            "glucose": "Blodsocker",
            "stress": "Stress",
        },
        "risk": {1: "låg risk", 2: "något förhöjd risk", 3: "förhöjd risk", 4: "hög risk"},
        "header": {1: "Låg risk", 2: "Något förhöjd", 3: "Förhöjd", 4: "Hög risk"},
        "level": "Nivå",
        "level_of": "nivå {level} av 4, {risk}",
        "score_of": "{score} av 5",
        "missing": "Saknas",
        "missing_lower": "saknas",
        "value": "värde",
        "current": "Detta besök",
        "previous": "Föregående besök",
        "ruleset": "Regelverk",
        "alerts": "Varningar",
        "halsokurva": "Hälsokurva",
        "halsokurva_intro": "Elva områden i fyra nivåer, från nivå 1 (låg risk, grön) till nivå 4 (hög risk, röd).",
        "stjarnprofil": "Stjärnprofil",
        "stjarnprofil_intro": "Poäng 1–5 per område; 5, ytterst i stjärnan, är hälsosammast.",
        "units": {
            "fysisk_aktivitet": "min/vecka",
            "matvanor": "poäng",
            "alkohol": "poäng",
            "psykisk_halsa": "poäng",
            "blodtryck": "mmHg",
            "kolesterol": "mmol/l",
        },
        "categories": {
            "never_smoked": "Aldrig rökt",
            "ex_smoker": "Slutat röka > 6 mån",
            "smoking_quit_under_6m": "Slutat röka < 6 mån",
            "smoking_not_daily": "Röker ej dagligen",
            "daily_smoking_1_9": "Röker 1–9 cig/dag",
            "daily_smoking_over_9": "Röker > 9 cig/dag",
            "daily_smoking_unknown_count": "Röker dagligen",
            "never_snus": "Aldrig snusat",
            "snus_quit": "Slutat snusa",
            "snus_not_daily": "Snusar ej dagligen",
            "daily_snus": "Snusar dagligen",
            "e_cigarette_or_water_pipe": "E-cigarett/vattenpipa",
            "no_e_cigarette_or_water_pipe": "Ingen e-cigarett",
            "none": "Ingen känd ärftlighet",
            "diabetes": "Diabetes i familjen",
            "cvd": "Hjärt-kärl i familjen",
            "early_cvd": "Tidig hjärt-kärlsjukdom",
            "diabetes_and_cvd": "Diabetes och hjärt-kärl",
        },
        "alert_names": {
            "glucose_raised": "förhöjt fastande glukos",
            "glucose_diabetes": "misstänkt diabetes (fastande glukos)",
            "nonfasting_glucose_high": "högt icke-fastande glukos",
            "underweight": "undervikt",
            "waist_increased": "ökat midjemått",
            "waist_high": "högt midjemått",
            "hdl_low": "lågt HDL",
            "triglycerides_high": "höga triglycerider",
            "ldl_high": "högt LDL",
            "bp_high_normal": "högt normalt blodtryck (årlig kontroll)",
        },
        "decimal": ",",
    },
    "en": {
        "rows": {
            "fysisk_aktivitet": "Physical activity",
            "matvanor": "Diet",
            "alkohol": "Alcohol",
            "tobak": "Tobacco",
            "livssituation": "Life situation",
            "psykisk_halsa": "Mental health",
            "arftlighet": "Heredity",
            "bmi": "BMI",
            "midja_stuss": "Waist-hip ratio",
            "blodtryck": "Blood pressure",
            "kolesterol": "Cholesterol",
        },
        "rays": {
            "diet": "Diet",
            "physical_activity": "Physical activity",
            "tobacco": "Tobacco",
            "alcohol": "Alcohol",
            "bmi": "BMI",
            "blood_pressure": "Blood pressure",
            "lipids": "Lipids",
            "glucose": "Glucose",
            "stress": "Stress",
        },
        "risk": {1: "low risk", 2: "slightly raised risk", 3: "raised risk", 4: "high risk"},
        "header": {1: "Low risk", 2: "Slightly raised", 3: "Raised", 4: "High risk"},
        "level": "Level",
        "level_of": "level {level} of 4, {risk}",
        "score_of": "{score} of 5",
        "missing": "Missing",
        "missing_lower": "missing",
        "value": "value",
        "current": "This visit",
        "previous": "Previous visit",
        "ruleset": "Rule set",
        "alerts": "Alerts",
        "halsokurva": "Health curve (Hälsokurva)",
        "halsokurva_intro": "Eleven areas in four levels, from level 1 (low risk, green) to level 4 (high risk, red).",
        "stjarnprofil": "Star profile (Stjärnprofil)",
        "stjarnprofil_intro": "Scores 1–5 per area; 5, at the outer tip, is the healthiest.",
        "units": {
            "fysisk_aktivitet": "min/week",
            "matvanor": "points",
            "alkohol": "points",
            "psykisk_halsa": "points",
            "blodtryck": "mmHg",
            "kolesterol": "mmol/l",
        },
        "categories": {
            "never_smoked": "Never smoked",
            "ex_smoker": "Quit smoking > 6 months",
            "smoking_quit_under_6m": "Quit smoking < 6 months",
            "smoking_not_daily": "Smokes, not daily",
            "daily_smoking_1_9": "Smokes 1–9 a day",
            "daily_smoking_over_9": "Smokes > 9 a day",
            "daily_smoking_unknown_count": "Smokes daily",
            "never_snus": "Never used snus",
            "snus_quit": "Quit snus",
            "snus_not_daily": "Snus, not daily",
            "daily_snus": "Daily snus",
            "e_cigarette_or_water_pipe": "E-cigarette/water pipe",
            "no_e_cigarette_or_water_pipe": "No e-cigarette",
            "none": "No known heredity",
            "diabetes": "Diabetes in family",
            "cvd": "Heart disease in family",
            "early_cvd": "Early heart disease",
            "diabetes_and_cvd": "Diabetes and heart disease",
        },
        "alert_names": {
            "glucose_raised": "raised fasting glucose",
            "glucose_diabetes": "suspected diabetes (fasting glucose)",
            "nonfasting_glucose_high": "high non-fasting glucose",
            "underweight": "underweight",
            "waist_increased": "increased waist",
            "waist_high": "high waist",
            "hdl_low": "low HDL",
            "triglycerides_high": "high triglycerides",
            "ldl_high": "high LDL",
            "bp_high_normal": "high-normal blood pressure (yearly check)",
        },
        "decimal": ".",
    },
}
_DECIMALS = {"bmi": 1, "midja_stuss": 2, "kolesterol": 2}


# --------------------------------------------------------------------------- helpers


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _el(tag: str, attrs: Mapping[str, object], content: str | None = None) -> str:
    """One element; attribute values are quoted and escaped, ``content`` must already be markup."""
    parts = [tag] + [
        f"{name}={quoteattr(_num(v) if isinstance(v, float) else str(v))}"
        for name, v in attrs.items()
        if v is not None
    ]
    opening = " ".join(parts)
    return f"<{opening}/>" if content is None else f"<{opening}>{content}</{tag}>"


def _text(x: float, y: float, text: str, **attrs: object) -> str:
    return _el("text", {"x": x, "y": y, **{k.replace("_", "-"): v for k, v in attrs.items()}}, escape(text))


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in points)


def _texts(lang: str) -> dict:
    if lang not in TEXTS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(TEXTS)}")
    return TEXTS[lang]


def _safe_id(id_prefix: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix)
    return cleaned if cleaned[:1].isalpha() else f"svg-{cleaned}"


def _svg(width: int, height: int, pfx: str, title: str, desc: str, body: Sequence[str]) -> str:
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
    head = _el("title", {"id": f"{pfx}-title"}, escape(title)) + _el(
        "desc", {"id": f"{pfx}-desc"}, escape(desc)
    )
    return _el("svg", attrs, head + "".join(body))


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


def _line(
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
        return [_el("polygon", {"points": _points(points), **stroke, **fill})]
    return [_el("polyline", {"points": _points(run), **stroke}) for run in _segments(points, closed)]


def _marker(x: float, y: float, *, previous: bool, size: float, label: str | None = None) -> str:
    if previous:  # hollow diamond
        d = (
            f"M{_num(x)},{_num(y - size)} L{_num(x + size)},{_num(y)} L{_num(x)},{_num(y + size)} "
            f"L{_num(x - size)},{_num(y)} Z"
        )
        return _el("path", {"d": d, "fill": "none", "stroke": PREVIOUS_STROKE, "stroke-width": 2.5})
    circle = _el("circle", {"cx": x, "cy": y, "r": size, "fill": CURRENT_STROKE})
    if label is None:
        return circle
    return circle + _text(
        x, y + 4, label, fill="#ffffff", font_size=12, font_weight="bold", text_anchor="middle"
    )


def _legend(x: float, y: float, t: dict, with_previous: bool) -> list[str]:
    out = [
        _el("line", {"x1": x, "y1": y, "x2": x + 40, "y2": y, "stroke": CURRENT_STROKE, "stroke-width": 3}),
        _marker(x + 20, y, previous=False, size=6),
        _text(x + 50, y + 5, t["current"], font_size=13),
    ]
    if with_previous:
        x2 = x + 200
        out += [
            _el(
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
            _marker(x2 + 20, y, previous=True, size=8),
            _text(x2 + 50, y + 5, t["previous"], font_size=13),
        ]
    return out


# --------------------------------------------------------------------------- Hälsokurva


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
    t = _texts(lang)
    row_labels = {**t["rows"], **(labels or {})}
    pfx = _safe_id(id_prefix)
    rows, alerts, ruleset = _result_rows(result)
    previous_rows = _result_rows(previous)[0] if previous is not None else None

    width, label_x, col_x0, col_w, value_x = 800, 16, 192, 104, 616
    header_y, row_y0, row_h = 46, 92, 34
    legend_y = row_y0 + row_h * len(ROW_KEYS) + 30
    height = legend_y + 40

    def centre(level: int, index: int) -> tuple[float, float]:
        return col_x0 + col_w * (level - 0.5), row_y0 + row_h * (index + 0.5)

    body = [_patterns(pfx), _text(label_x, 28, t["halsokurva"], font_size=20, font_weight="bold")]
    for level in (1, 2, 3, 4):
        x = col_x0 + col_w * (level - 0.5)
        body.append(
            _text(
                x,
                header_y + 14,
                f"{t['level']} {level}",
                font_size=13,
                font_weight="bold",
                text_anchor="middle",
            )
        )
        body.append(_text(x, header_y + 32, t["header"][level], font_size=11, text_anchor="middle"))

    for index, key in enumerate(ROW_KEYS):
        level, value = rows.get(key, (None, None))
        y = row_y0 + row_h * index
        group = [_text(label_x, y + row_h / 2 + 5, row_labels[key], font_size=14)]
        if level is None:
            group.append(
                _el(
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
                _text(
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
                    _el("rect", {**cell, "fill": LEVEL_FILLS[column], "stroke": "#ffffff", "stroke-width": 2})
                )
                if column > 1:
                    group.append(_el("rect", {**cell, "fill": f"url(#{pfx}-pattern-{column})"}))
        group.append(_text(value_x, y + row_h / 2 + 5, _format_value(key, value, t), font_size=12))
        state = "missing" if level is None else f"level-{level}"
        body.append(_el("g", {"class": f"row row-{key} {state}"}, "".join(group)))

    if previous_rows is not None:
        points = [
            centre(lvl, i) if (lvl := previous_rows.get(key, (None, None))[0]) else None
            for i, key in enumerate(ROW_KEYS)
        ]
        series = _line(points, previous=True) + [_marker(*p, previous=True, size=14) for p in points if p]
        body.append(_el("g", {"class": "series series-previous"}, "".join(series)))
    levels = [rows.get(key, (None, None))[0] for key in ROW_KEYS]
    points = [centre(lvl, i) if lvl else None for i, lvl in enumerate(levels)]
    series = _line(points, previous=False) + [
        _marker(*p, previous=False, size=10, label=str(lvl))
        for p, lvl in zip(points, levels, strict=True)
        if p
    ]
    body.append(_el("g", {"class": "series series-current"}, "".join(series)))
    body += _legend(label_x, legend_y, t, previous_rows is not None)
    body.append(
        _text(
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
    return _svg(width, height, pfx, t["halsokurva"], desc, body)


def _patterns(pfx: str) -> str:
    """Fill patterns for levels 2-4 (diagonal lines, dots, cross-hatch) so colour is not the only cue."""
    ink = {"stroke": TEXT_COLOUR, "stroke-width": 1, "stroke-opacity": 0.22}
    shapes = {
        2: _el("path", {"d": "M-2,2 L2,-2 M0,10 L10,0 M8,12 L12,8", **ink}),
        3: _el("circle", {"cx": 5, "cy": 5, "r": 1.4, "fill": TEXT_COLOUR, "fill-opacity": 0.28}),
        4: _el(
            "path", {"d": "M-2,2 L2,-2 M0,10 L10,0 M8,12 L12,8 M-2,8 L2,12 M0,0 L10,10 M8,-2 L12,2", **ink}
        ),
    }
    patterns = "".join(
        _el(
            "pattern",
            {"id": f"{pfx}-pattern-{level}", "width": 10, "height": 10, "patternUnits": "userSpaceOnUse"},
            shape,
        )
        for level, shape in shapes.items()
    )
    return _el("defs", {}, patterns)


# --------------------------------------------------------------------------- Stjärnprofil


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
    t = _texts(lang)
    ray_labels = {**t["rays"], **(labels or {})}
    pfx = _safe_id(id_prefix)
    rays = _rays(result, "result")
    before = dict(_rays(previous, "previous")) if previous is not None else None
    if len(rays) < 3:
        raise ValueError("a Stjärnprofil needs at least 3 rays")

    width, height, cx, cy, radius = 680, 640, 340.0, 310.0, 190.0
    angles = [-math.pi / 2 + 2 * math.pi * i / len(rays) for i in range(len(rays))]

    def at(i: int, score: float) -> tuple[float, float]:
        r = radius * score / 5
        return cx + r * math.cos(angles[i]), cy + r * math.sin(angles[i])

    body = [_text(16, 28, t["stjarnprofil"], font_size=20, font_weight="bold")]
    grid = [
        _el(
            "polygon",
            {
                "points": _points([at(i, ring) for i in range(len(rays))]),
                "fill": "none",
                "stroke": GRID_COLOUR,
                "stroke-width": 1,
            },
        )
        for ring in (1, 2, 3, 4, 5)
    ]
    grid += [
        _el(
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
        _text(cx + 4, at(0, ring)[1] - 3, str(ring), font_size=10, fill=MUTED_COLOUR)
        for ring in (1, 2, 3, 4, 5)
    ]
    body.append(_el("g", {"class": "grid"}, "".join(grid)))

    for i, (key, score) in enumerate(rays):
        x, y = at(i, 5.9)
        cos = math.cos(angles[i])
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        y += 4 if abs(cos) > 0.3 else (-6 if math.sin(angles[i]) < 0 else 12)
        shown = t["missing"] if score is None else t["score_of"].format(score=score)
        state = "missing" if score is None else f"score-{score}"
        body.append(
            _el(
                "g",
                {"class": f"ray ray-{key} {state}"},
                _text(x, y, ray_labels.get(key, key), font_size=13, font_weight="bold", text_anchor=anchor)
                + _text(
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
        series = _line(points, previous=True, closed=True) + [
            _marker(*p, previous=True, size=8) for p in points if p
        ]
        body.append(_el("g", {"class": "series series-previous"}, "".join(series)))
    points = [at(i, score) if score else None for i, (_, score) in enumerate(rays)]
    series = _line(points, previous=False, closed=True, area_fill=AREA_FILL) + [
        _marker(*p, previous=False, size=5) for p in points if p
    ]
    body.append(_el("g", {"class": "series series-current"}, "".join(series)))
    body += _legend(16, height - 24, t, before is not None)

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
    return _svg(width, height, pfx, t["stjarnprofil"], desc, body)
