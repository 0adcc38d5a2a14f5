"""Hälsokurva and Stjärnprofil SVG rendering: pure unit tests, no database, no Django."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from halsokurva import render
from halsokurva.render import render_halsokurva_svg, render_stjarnprofil_svg
from halsokurva.scoring import (
    ROW_KEYS,
    RowResult,
    ScoringResult,
    load_default_table,
    parse_input,
    score,
    stjarnprofil,
)

SVG = "{http://www.w3.org/2000/svg}"
TABLE = load_default_table()
SWEDISH_LABELS = [
    "Fysisk aktivitet",
    "Matvanor",
    "Alkohol",
    "Tobak",
    "Livssituation",
    "Psykisk hälsa",
    "Ärftlighet",
    "BMI",
    "Midja-stusskvot",
    "Blodtryck",
    "Kolesterol",
]
VISIT = {
    "sex": "male",
    "height_cm": 180,
    "weight_kg": 80,
    "waist_cm": 95,
    "hip_cm": 100,
    "systolic": [141, 138],
    "diastolic": [85],
    "total_cholesterol": 7.5,
    "kostindex": [3, 2, 1, 1],
    "audit_c": [0, 4, 4],
    "smoking": "daily",
    "cigarettes_per_day": 10,
    "stress_mm": 20,
    "symptoms_yes": 1,
    "exercise_minutes": 45,
    "heredity": {"first_degree_diabetes": True, "first_degree_cvd": True, "early_cvd": False},
    "fp_glucose": 6.5,
}  # everything but livssituation
PREVIOUS_VISIT = {
    "sex": "male",
    "height_cm": 180,
    "weight_kg": 90,
    "waist_cm": 99,
    "hip_cm": 100,
    "systolic": [165],
    "kostindex": [3, 3, 3, 3],
    "audit_c": [1, 1, 1],
    "livssituation": 3,
}



def scored(data: dict) -> ScoringResult:
    return score(parse_input(data), TABLE)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on malformed XML


def group(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if css_class in g.get("class", "").split()]


def texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{SVG}text")]


def assert_accessible_without_inline_styles(root: ET.Element, title: str) -> None:
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("font-family") == "DejaVu Sans, sans-serif"
    first, second = list(root)[:2]
    assert first.tag == f"{SVG}title" and first.text == title
    assert second.tag == f"{SVG}desc" and second.text
    assert root.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}"
    assert not list(root.iter(f"{SVG}style"))
    assert all("style" not in element.attrib for element in root.iter())


# --------------------------------------------------------------------------- Hälsokurva


def test_halsokurva_is_valid_accessible_svg_without_inline_styles():
    root = parse(render_halsokurva_svg(scored(VISIT), previous=scored(PREVIOUS_VISIT)))
    assert_accessible_without_inline_styles(root, "Hälsokurva")


def test_halsokurva_draws_eleven_rows_with_swedish_labels_in_order():
    root = parse(render_halsokurva_svg(scored(VISIT)))
    rows = group(root, "row")
    assert len(rows) == 11
    assert [texts(r)[0] for r in rows] == SWEDISH_LABELS
    assert [r.get("class").split()[1] for r in rows] == [f"row-{key}" for key in ROW_KEYS]


def test_halsokurva_marks_every_chosen_level_and_shows_missing_rows_as_saknas():
    root = parse(render_halsokurva_svg(scored(VISIT)))
    rows = {r.get("class").split()[1]: r for r in group(root, "row")}
    missing = rows["row-livssituation"]
    assert "missing" in missing.get("class").split()
    assert "Saknas" in texts(missing)
    assert [key for key, r in rows.items() if "Saknas" in texts(r)] == ["row-livssituation"]
    assert "level-4" in rows["row-tobak"].get("class").split()

    (current,) = group(root, "series-current")
    markers = current.findall(f"{SVG}circle")
    assert len(markers) == 10  # one per row with data, none for the missing row
    assert texts(current) == ["3", "2", "1", "4", "2", "3", "1", "3", "2", "3"]
    lines = current.findall(f"{SVG}polyline")
    assert len(lines) == 2  # the line breaks at the missing row instead of drawing through it
    assert [len(line.get("points").split()) for line in lines] == [4, 6]


def test_halsokurva_with_every_row_missing_draws_no_line():
    root = parse(render_halsokurva_svg(scored({})))
    assert sum("Saknas" in texts(r) for r in group(root, "row")) == 11
    (current,) = group(root, "series-current")
    assert list(current) == []
    desc = root.find(f"{SVG}desc").text
    assert desc.count("saknas") == 11


def test_halsokurva_draws_the_previous_visit_dashed_with_a_legend():
    root = parse(render_halsokurva_svg(scored(VISIT), previous=scored(PREVIOUS_VISIT)))
    (previous,) = group(root, "series-previous")
    lines = previous.findall(f"{SVG}polyline")
    assert [len(line.get("points").split()) for line in lines] == [2, 3]  # diet-alcohol, BMI-ratio-pressure
    assert all(line.get("stroke-dasharray") == render.PREVIOUS_DASH for line in lines)
    assert all(line.get("stroke") == render.PREVIOUS_STROKE != render.CURRENT_STROKE for line in lines)
    assert (
        len(previous.findall(f"{SVG}path")) == 6
    )  # a diamond per row with data, life situation alone included
    assert "Föregående besök" in texts(root)
    assert "Detta besök" in texts(root)
    assert "Föregående besök: " in root.find(f"{SVG}desc").text


def test_halsokurva_without_previous_has_no_previous_line():
    root = parse(render_halsokurva_svg(scored(VISIT)))
    assert group(root, "series-previous") == []
    assert "Föregående besök" not in texts(root)
    assert not [e for e in root.iter() if e.get("stroke-dasharray")]


def test_halsokurva_desc_names_every_row_level_in_words():
    desc = parse(render_halsokurva_svg(scored(VISIT))).find(f"{SVG}desc").text
    for label in SWEDISH_LABELS:
        assert f"{label}: " in desc
    assert "Tobak: nivå 4 av 4, hög risk (värde Röker > 9 cig/dag)." in desc
    assert "Blodtryck: nivå 2 av 4, något förhöjd risk (värde 140/85 mmHg)." in desc
    assert "BMI: nivå 1 av 4, låg risk (värde 24,7)." in desc
    assert "Livssituation: saknas." in desc
    assert "Varningar: förhöjt fastande glukos, ökat midjemått." in desc


def test_halsokurva_accepts_the_stored_json_and_renders_the_same():
    res = scored(VISIT)
    assert render_halsokurva_svg(res.as_json()) == render_halsokurva_svg(res)


def test_halsokurva_shows_a_one_sided_blood_pressure():
    root = parse(render_halsokurva_svg(scored({"systolic": [150]})))
    (bp,) = [r for r in group(root, "row") if "row-blodtryck" in r.get("class")]
    assert "150/– mmHg" in texts(bp)


def test_halsokurva_escapes_text():
    svg = render_halsokurva_svg(scored(VISIT), labels={"bmi": 'BMI <kg/m²> & "mer"'})
    root = parse(svg)
    assert 'BMI <kg/m²> & "mer"' in texts(root)
    assert "<kg/m²>" not in svg


def test_halsokurva_in_english():
    root = parse(render_halsokurva_svg(scored({}), lang="en"))
    assert "Blood pressure" in texts(root)
    assert "Missing" in texts(root)
    assert root.find(f"{SVG}title").text == "Health curve (Hälsokurva)"


def test_halsokurva_refuses_an_unknown_language_and_a_bad_level():
    with pytest.raises(ValueError, match="language"):
        render_halsokurva_svg(scored({}), lang="de")
    bad = ScoringResult("x", None, None, (RowResult("bmi", 5, 40.0),), (), None)
    with pytest.raises(ValueError, match="level 5"):
        render_halsokurva_svg(bad)


def test_ids_follow_the_prefix_so_two_svgs_can_share_a_page():
    first = parse(render_halsokurva_svg(scored(VISIT), id_prefix="visit-1"))
    second = parse(render_halsokurva_svg(scored(VISIT), id_prefix="visit 2<>"))
    ids = {e.get("id") for e in first.iter() if e.get("id")}
    other = {e.get("id") for e in second.iter() if e.get("id")}
    assert ids and other and not ids & other
    assert "visit-1-title" in ids and "visit-2---title" in other


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_level_colours_keep_text_and_lines_readable(level):
    fill = render.LEVEL_FILLS[level]
    assert _contrast(render.TEXT_COLOUR, fill) >= 4.5  # WCAG AA for text
    assert _contrast(render.CURRENT_STROKE, fill) >= 3  # WCAG 1.4.11 for graphics
    assert _contrast(render.PREVIOUS_STROKE, fill) >= 3


def test_levels_have_a_pattern_as_well_as_a_colour():
    root = parse(render_halsokurva_svg(scored(VISIT)))
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert patterns == {"halsokurva-pattern-2", "halsokurva-pattern-3", "halsokurva-pattern-4"}
    fills = {r.get("fill") for r in root.iter(f"{SVG}rect")}
    assert {f"url(#{p})" for p in patterns} <= fills
    assert {"Nivå 1", "Nivå 4", "Låg risk", "Hög risk"} <= set(texts(root))


# --------------------------------------------------------------------------- Stjärnprofil


def rays_for(data: dict, **kwargs) -> list[tuple[str, int | None]]:
    return stjarnprofil(scored(data), TABLE, **kwargs)


def test_stjarnprofil_is_valid_accessible_svg_without_inline_styles():
    svg = render_stjarnprofil_svg(rays_for(VISIT, glucose_fasting=6.5), previous=rays_for(PREVIOUS_VISIT))
    assert_accessible_without_inline_styles(parse(svg), "Stjärnprofil")


def test_stjarnprofil_draws_one_ray_per_area_and_saknas_for_missing():
    root = parse(render_stjarnprofil_svg(rays_for(VISIT, glucose_fasting=6.5)))
    rays = group(root, "ray")
    assert [texts(r)[0] for r in rays] == [
        "Matvanor",
        "Fysisk aktivitet",
        "Tobak",
        "Alkohol",
        "BMI",
        "Blodtryck",
        "Kolesterol",
        "Blodsocker",
        "Stress",
    ]
    assert [texts(r)[1] for r in rays] == [
        "4 av 5",
        "2 av 5",
        "1 av 5",
        "5 av 5",
        "5 av 5",
        "4 av 5",
        "2 av 5",
        "3 av 5",
        "Saknas",
    ]
    (current,) = group(root, "series-current")
    assert len(current.findall(f"{SVG}circle")) == 8
    assert current.findall(f"{SVG}polygon") == []  # not closed through the missing stress ray
    desc = root.find(f"{SVG}desc").text
    assert "Stress: saknas." in desc and "Tobak: 1 av 5." in desc


def test_stjarnprofil_closes_the_shape_when_every_ray_has_a_score():
    rays = [("diet", 5), ("physical_activity", 4), ("tobacco", 2), ("alcohol", 1)]
    root = parse(render_stjarnprofil_svg(rays))
    (current,) = group(root, "series-current")
    (polygon,) = current.findall(f"{SVG}polygon")
    assert len(polygon.get("points").split()) == 4
    # score 5 sits on the outer ring (radius 190 from the centre 340,310), straight up for the first ray
    assert polygon.get("points").split()[0] == "340,120"


def test_stjarnprofil_draws_the_previous_visit_dashed():
    root = parse(render_stjarnprofil_svg(rays_for(VISIT), previous=rays_for(PREVIOUS_VISIT, stress_points=2)))
    (previous,) = group(root, "series-previous")
    assert all(
        line.get("stroke-dasharray") == render.PREVIOUS_DASH
        for line in previous
        if line.tag in (f"{SVG}polyline", f"{SVG}polygon")
    )
    assert previous.findall(f"{SVG}path")
    assert "Föregående besök" in texts(root)


def test_stjarnprofil_refuses_a_scoring_result_and_bad_scores():
    with pytest.raises(TypeError, match="stjarnprofil"):
        render_stjarnprofil_svg(scored(VISIT))
    with pytest.raises(ValueError, match="score 6"):
        render_stjarnprofil_svg([("diet", 6), ("bmi", 1), ("tobacco", 1)])
    with pytest.raises(ValueError, match="at least 3 rays"):
        render_stjarnprofil_svg([("diet", 5), ("bmi", 1)])
