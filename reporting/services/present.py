"""Turning counts into what a role may see: small cells suppressed, rates only from visible cells."""

from __future__ import annotations

from reporting.access import SMALL_CELL

SUPPRESSED = "<5"


def cell(value: int | None, *, suppress: bool):
    """A count as shown: None → "–" (no data yet), under 5 → "<5" when suppressing."""
    if value is None:
        return "–"
    if suppress and value < SMALL_CELL:
        return SUPPRESSED
    return value


def percent(numerator: int | None, denominator: int | None, *, suppress: bool) -> str:
    """A share, hidden when either count is hidden (it would reveal the small cell)."""
    if numerator is None or not denominator:
        return "–"
    if suppress and (numerator < SMALL_CELL or denominator < SMALL_CELL):
        return SUPPRESSED
    return f"{100 * numerator / denominator:.0f} %"


def is_hidden(value) -> bool:
    return value == SUPPRESSED or value == "–"
