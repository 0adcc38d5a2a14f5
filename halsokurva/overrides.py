"""The nurse's overrides of Hälsokurva levels (pure Python).

A nurse may set a row's level by hand, with a reason (DOMAIN.md §2: Livssituation is set
in the dialogue, level 4 of Psykisk hälsa is reached only this way). The computed level is
never thrown away: ``effective_rows`` gives, per row, the computed level, the level in force
and the reason, and ``apply_overrides`` gives a result with the levels in force for drawing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from halsokurva.constants import ROW_KEYS
from halsokurva.results import RowResult, ScoringResult


class OverrideError(ValueError):
    """A bad override; ``key`` names the row (or 'reason' / 'level')."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


@dataclass(frozen=True)
class Override:
    key: str  # a Hälsokurva row key
    level: int  # 1-4
    reason: str

    def __post_init__(self) -> None:
        validate_override(self.key, self.level, self.reason)


@dataclass(frozen=True)
class EffectiveRow:
    key: str
    computed: int | None  # the level the table gives (None: the row is missing)
    level: int | None  # the level in force: the override's, else the computed one
    value: object
    reason: str = ""  # the override's reason; "" when the row is not overridden

    @property
    def overridden(self) -> bool:
        return bool(self.reason)


def validate_override(key: str, level: object, reason: str) -> None:
    if key not in ROW_KEYS:
        raise OverrideError(key, "unknown Hälsokurva row")
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 4:
        raise OverrideError("level", f"{level!r} is not a level 1-4")
    if not isinstance(reason, str) or not reason.strip():
        raise OverrideError("reason", "an override needs a reason")


def _by_key(overrides: Iterable[Override]) -> dict[str, Override]:
    found: dict[str, Override] = {}
    for override in overrides:
        if override.key in found:
            raise OverrideError(override.key, "two overrides of the same row")
        found[override.key] = override
    return found


def effective_rows(result: ScoringResult, overrides: Iterable[Override] = ()) -> tuple[EffectiveRow, ...]:
    """Per row in Hälsokurva order: computed level, level in force, value and override reason."""
    chosen = _by_key(overrides)
    rows = []
    for row in result.rows:
        override = chosen.get(row.key)
        if override is None:
            rows.append(EffectiveRow(row.key, row.level, row.level, row.value))
        else:
            rows.append(EffectiveRow(row.key, row.level, override.level, row.value, override.reason.strip()))
    return tuple(rows)


def apply_overrides(result: ScoringResult, overrides: Iterable[Override] = ()) -> ScoringResult:
    """The result with each overridden row at the nurse's level (values, alerts and rule set unchanged)."""
    rows = tuple(RowResult(r.key, r.level, r.value) for r in effective_rows(result, overrides))
    return replace(result, rows=rows)
