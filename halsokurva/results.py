"""The outcome of scoring: one level and value per row, the alerts and the rule-set version (pure Python)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class RowResult:
    key: str
    level: int | None
    value: object  # the quantity the level was read from; None when the row is missing


@dataclass(frozen=True)
class ScoringResult:
    ruleset: str
    bmi: float | None
    whr: float | None
    rows: tuple[RowResult, ...]
    alerts: tuple[str, ...]
    sex_used: str | None

    def as_json(self) -> dict:
        return {
            "ruleset": self.ruleset,
            "bmi": self.bmi,
            "whr": self.whr,
            "rows": [{"key": r.key, "level": r.level, "value": r.value} for r in self.rows],
            "alerts": [{"code": code} for code in self.alerts],
        }

    @classmethod
    def from_json(cls, data: Mapping, *, sex_used: str | None = None) -> ScoringResult:
        """Rebuild a result stored with ``as_json`` (the sex used is stored next to it)."""
        return cls(
            ruleset=data["ruleset"],
            bmi=data.get("bmi"),
            whr=data.get("whr"),
            rows=tuple(RowResult(r["key"], r.get("level"), r.get("value")) for r in data["rows"]),
            alerts=tuple(a["code"] for a in data.get("alerts", ())),
            sex_used=sex_used,
        )

    def row(self, key: str) -> RowResult:
        return next(r for r in self.rows if r.key == key)

