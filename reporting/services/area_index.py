"""Area deprivation index as reference data: a CSV of area code → index, reviewed then committed.

The file replaces the region's whole table (it is the region's current
reference data). Quintiles are computed over the file's areas: 1 = the fifth
with the lowest index (least need), 5 = the highest (greatest need).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from population.models import Region
from reporting.models import AreaIndex
from rhs_portal.csvfile import CsvFileError, open_csv


@dataclass
class AreaIndexResult:
    areas: int = 0
    replaced: int = 0
    errors: list[dict] = field(default_factory=list)
    refused: str = ""
    committed: bool = False

    def as_json(self) -> dict:
        return {"areas": self.areas, "replaced": self.replaced, "errors": self.errors, "committed": self.committed}


def quintiles(values: list[Decimal]) -> list[int]:
    """Quintile (1–5) of each value by rank; equal values share the lower quintile."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0] * len(values)
    n = len(values)
    rank_of_value: dict[Decimal, int] = {}
    for rank, index in enumerate(order):
        rank_of_value.setdefault(values[index], rank)
    for index, value in enumerate(values):
        result[index] = min(5, 1 + (5 * rank_of_value[value]) // n)
    return result


def area_index_import(*, region: Region, content: bytes, commit: bool, now: dt.datetime | None = None
                      ) -> AreaIndexResult:
    now = now or timezone.now()
    result = AreaIndexResult()
    try:
        table = open_csv(
            io.BytesIO(content), required=["omrade", "index"], known=["omrade", "index"],
            aliases={"deso": "omrade", "area": "omrade", "area_code": "omrade", "omradeskod": "omrade",
                     "varde": "index", "cni": "index"},
        )
    except CsvFileError as exc:
        result.refused = str(exc)
        return result
    codes: list[str] = []
    values: list[Decimal] = []
    seen: dict[str, int] = {}
    try:
        for line, row, problem in table.rows():
            if row is None:
                result.errors.append({"row": line, "column": "", "reason": problem})
                continue
            code = row["omrade"].upper()
            if not code or len(code) > 20 or not code.replace("-", "").isalnum():
                result.errors.append({"row": line, "column": "omrade", "reason": _("Not an area code.")})
                continue
            try:
                value = Decimal(row["index"].replace(",", ".").replace(" ", ""))
                if not value.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                result.errors.append({"row": line, "column": "index", "reason": _("Not a number: %(v)s") %
                                      {"v": row["index"]}})
                continue
            if code in seen:
                result.errors.append({"row": line, "column": "omrade", "reason": _(
                    "The area %(code)s is also on line %(line)s.") % {"code": code, "line": seen[code]}})
                continue
            seen[code] = line
            codes.append(code)
            values.append(value)
    except CsvFileError as exc:
        result.refused = str(exc)
        return result
    result.areas = len(codes)
    result.replaced = AreaIndex.objects.filter(region=region).count()
    if not codes:
        result.refused = _("The file has no areas.")
        return result
    if commit:
        if result.errors:
            result.refused = _("The file has rows with errors; nothing was imported.")
            return result
        with transaction.atomic():
            AreaIndex.objects.filter(region=region).delete()
            AreaIndex.objects.bulk_create(
                [
                    AreaIndex(region=region, area_code=code, index=value, quintile=q, imported_at=now)
                    for code, value, q in zip(codes, values, quintiles(values), strict=True)
                ],
                batch_size=2000,
            )
        result.committed = True
    return result
