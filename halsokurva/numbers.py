"""Exact decimal numbers and band matching for the Hälsokurva (pure Python).

Band semantics: a band has at most one lower bound (``gte`` or ``gt``) and at most one upper
bound (``lte`` or ``lt``). A value is first rounded half up to the precision of its row, then
matched against the bands; the bands of one list are contiguous at that precision, the first
is open below and the last open above, so every value falls in exactly one band.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from halsokurva.constants import SEXES


def is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)



def to_decimal(value: object) -> Decimal:
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def round_half_up(value: Decimal, precision: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP)


def as_output(value: Decimal, precision: int) -> int | float:
    return int(value) if precision == 0 else float(value)


def mean_of(readings: Sequence[Decimal], precision: int) -> Decimal:
    return round_half_up(sum(readings, Decimal(0)) / len(readings), precision)


def in_band(value: Decimal, band: Mapping) -> bool:
    return not (
        ("gte" in band and value < to_decimal(band["gte"]))
        or ("gt" in band and value <= to_decimal(band["gt"]))
        or ("lte" in band and value > to_decimal(band["lte"]))
        or ("lt" in band and value >= to_decimal(band["lt"]))
    )


def band_for(value: Decimal, bands: Sequence[Mapping]) -> Mapping:
    for band in bands:
        if in_band(value, band):
            return band
    raise ValueError(f"{value} falls in no band")  # validate_table makes this unreachable


def sexed_bands(spec: Mapping, sex: str | None) -> Sequence[Mapping] | None:
    chosen = sex if sex in SEXES else spec["without_sex"]
    return None if chosen == "missing" else spec["by_sex"][chosen]


