"""A threshold table in words, for the page that shows staff the rules in force (pure Python)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from halsokurva.constants import ALERT_KEYS, ROW_KEYS, SEXES, TOBACCO_STATUSES
from halsokurva.texts import texts_for


@dataclass(frozen=True)
class Line:
    level: int | None  # a Hälsokurva level, or None for an alert line
    condition: str  # e.g. "75–149", "Män: ≥ 1,00", "Röker > 9 cig/dag"
    outcome: str  # the alert's name, or ""
    source: str  # "doc" | "default" | "mixed" | ""
    needs_review: bool


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    unit: str
    source: str
    needs_review: bool
    lines: tuple[Line, ...]


def _n(value, decimal: str, precision: int) -> str:
    return f"{value:.{precision}f}".replace(".", decimal)


def band_text(band: Mapping, decimal: str = ",", precision: int = 0, both: str = "och") -> str:
    """'≥ 300', '75–149', '< 75', '> 6,00 och < 7,00' — the band's bounds at the row's precision."""
    low = ("≥", band["gte"]) if "gte" in band else ("> ", band["gt"]) if "gt" in band else None
    high = ("≤", band["lte"]) if "lte" in band else ("<", band["lt"]) if "lt" in band else None
    if low and high:
        if low[0] == "≥" and high[0] == "≤":
            return f"{_n(low[1], decimal, precision)}–{_n(high[1], decimal, precision)}"
        return (f"{low[0].strip()} {_n(low[1], decimal, precision)} {both} "
                f"{high[0]} {_n(high[1], decimal, precision)}")
    if low:
        return f"{low[0].strip()} {_n(low[1], decimal, precision)}"
    if high:
        return f"{high[0]} {_n(high[1], decimal, precision)}"
    return "—"


def _meta(spec: Mapping, parent: Mapping | None = None) -> tuple[str, bool]:
    source = spec.get("source") or (parent or {}).get("source", "")
    review = spec.get("needs_clinical_review")
    if review is None:
        review = (parent or {}).get("needs_clinical_review", False)
    return source, bool(review)


def _band_lines(bands, parent: Mapping, t: dict, prefix: str = "", payload: str = "level") -> list[Line]:
    lines = []
    for band in bands:
        source, review = _meta(band, parent)
        alert = band.get("alert")
        outcome = t["alert_names"].get(alert, alert) if alert else ""
        level = band.get("level") if payload == "level" else None
        condition = prefix + band_text(band, t["decimal"], parent.get("precision", 0), t["and"])
        if payload == "points":
            outcome = f"{band['points']} p"
        lines.append(Line(level, condition, outcome, source, review))
    return lines


def _sexed_lines(spec: Mapping, t: dict, payload: str = "level") -> list[Line]:
    names = {"male": t["sex_names"]["male"], "female": t["sex_names"]["female"]}
    lines = []
    for sex in SEXES:
        lines += _band_lines(spec["by_sex"][sex], spec, t, f"{names[sex]}: ", payload)
    return lines


def _tobacco_lines(spec: Mapping, t: dict) -> list[Line]:
    cats = t["categories"]
    lines = []
    for product in ("smoking", "snus"):
        for status in TOBACCO_STATUSES:
            if product == "smoking" and status == "daily":
                daily = spec["smoking"]["daily"]
                for band in daily["cigarette_bands"]:
                    source, review = _meta(band, spec)
                    lines.append(Line(band["level"], cats.get(band["category"], band["category"]), "", source, review))
                entry = daily["without_count"]
            else:
                entry = spec[product][status]
            source, review = _meta(entry, spec)
            lines.append(Line(entry["level"], cats.get(entry["category"], entry["category"]), "", source, review))
    entry = spec["e_cigarette_or_water_pipe"]["yes"]
    source, review = _meta(entry, spec)
    lines.append(Line(entry["level"], cats.get(entry["category"], entry["category"]), "", source, review))
    unique: dict[tuple, Line] = {}
    for line in lines:
        unique.setdefault((line.level, line.condition), line)
    return sorted(unique.values(), key=lambda line: line.level or 0)


def table_sections(table: Mapping, lang: str = "sv") -> list[Section]:
    """Every row and alert rule of `table` as lines of level/alert, condition and basis."""
    t = {**texts_for(lang), **_EXTRA[lang]}
    sections = []
    rows = table["rows"]
    for key in ROW_KEYS:
        spec = rows[key]
        if key in ("midja_stuss", "alkohol"):
            lines = _sexed_lines(spec, t)
        elif key == "tobak":
            lines = _tobacco_lines(spec, t)
        elif key == "arftlighet":
            lines = [
                Line(rule["level"], t["categories"].get(rule["category"], rule["category"]), "", *_meta(rule, spec))
                for rule in spec["rules"]
            ]
        elif key == "blodtryck":
            lines = _band_lines(spec["systolic"], spec, t, t["systolic"] + ": ") + _band_lines(
                spec["diastolic"], spec, t, t["diastolic"] + ": "
            )
        elif key == "livssituation":
            lines = [Line(None, t["set_by_nurse"], "", *_meta(spec))]
        else:
            lines = _band_lines(spec["bands"], spec, t)
        source, review = _meta(spec)
        sections.append(Section(key, t["rows"][key], t["units"].get(key) or ("kg/m²" if key == "bmi" else ""), source, review,
                                tuple(lines)))
    for key in ALERT_KEYS:
        spec = table["alerts"][key]
        lines = _sexed_lines(spec, t, "alert") if "by_sex" in spec else _band_lines(spec["bands"], spec, t, "", "alert")
        lines = [line for line in lines if line.outcome]
        source, review = _meta(spec)
        sections.append(Section(key, t["alert_rules"][key], spec.get("unit", ""), source, review, tuple(lines)))
    return sections


_EXTRA = {
    "sv": {
        "sex_names": {"male": "Män", "female": "Kvinnor"}, "systolic": "Systoliskt", "diastolic": "Diastoliskt",
        "and": "och", "set_by_nurse": "Sätts av sjuksköterskan i samtalet (nivå 1–4)",
        "alert_rules": {
            "fasting_glucose": "Fastande plasmaglukos", "nonfasting_glucose": "Icke-fastande plasmaglukos",
            "waist": "Midjemått", "hdl": "HDL-kolesterol", "triglycerides": "Triglycerider", "ldl": "LDL-kolesterol",
        },
    },
    "en": {
        "sex_names": {"male": "Men", "female": "Women"}, "systolic": "Systolic", "diastolic": "Diastolic",
        "and": "and", "set_by_nurse": "Set by the nurse in the dialogue (level 1–4)",
        "alert_rules": {
            "fasting_glucose": "Fasting plasma glucose", "nonfasting_glucose": "Non-fasting plasma glucose",
            "waist": "Waist", "hdl": "HDL cholesterol", "triglycerides": "Triglycerides", "ldl": "LDL cholesterol",
        },
    },
}
