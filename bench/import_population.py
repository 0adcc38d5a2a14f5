"""Benchmark: the population import through its real path vs. a raw PostgreSQL COPY of the same rows.

    python bench/import_population.py [--scale 100000]

Generates a list of N synthetic people (the same CSV format units upload),
then in the same run:
- baseline: `COPY` of the same rows, already converted to the person table's
  format, into a table `LIKE population_person INCLUDING ALL` (same columns,
  constraints and indexes); also reported, a `COPY` of the file as it is into
  a table of text columns without indexes (the floor of any load);
- ours: `population_import_run(commit=True)` into an empty unit (validation,
  normalisation, staging, diff, insert, access-log rows), in its own process
  so its peak memory is its own;
- also reported: a re-import of the same file (everything unchanged) and a
  preview at a fifth of the size, to show memory does not grow with the file.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, in_child, report, setup_django, timed  # noqa: E402


def write_file(path: Path, count: int) -> None:
    from population.demo import CSV_HEADER, demo_csv_row, demo_people

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(CSV_HEADER)
        for person in demo_people(count=count, year=2026, ages=[40, 50, 60], seed=count):
            writer.writerow(demo_csv_row(person))


def plain_copy(path: Path) -> float:
    """COPY of the file as it is into a table of text columns: no types, no indexes."""
    from django.db import connection

    from population.demo import CSV_HEADER

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_text")
        cursor.execute("CREATE TABLE bench_raw_text (" + ", ".join(f"{c} text" for c in CSV_HEADER) + ")")

    def load():
        sql = "COPY bench_raw_text FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)"
        with connection.cursor() as cursor, path.open("rb") as handle, cursor.cursor.copy(sql) as copy:
            while chunk := handle.read(1 << 20):
                copy.write(chunk)

    seconds, _ = timed(load)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_raw_text")
    return seconds


def baseline_copy(normalised: Path) -> float:
    """The baseline: the same rows, already in the table's format, COPYed into a table like the person table.

    The table has the person table's columns, types, defaults, constraints and
    indexes (LIKE … INCLUDING ALL), so the baseline pays for the same index
    maintenance as the import; the conversion of the file to that format is
    done beforehand and not timed.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_person")
        cursor.execute("CREATE TABLE bench_raw_person (LIKE population_person INCLUDING ALL)")

    def load():
        sql = f"COPY bench_raw_person ({', '.join(PERSON_COLUMNS)}) FROM STDIN"
        with connection.cursor() as cursor, normalised.open("rb") as handle, cursor.cursor.copy(sql) as copy:
            while chunk := handle.read(1 << 20):
                copy.write(chunk)

    seconds, _ = timed(load)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_raw_person")
    return seconds


PERSON_COLUMNS = [
    "personnummer", "is_coordination_number", "birth_date", "sex", "first_name", "last_name", "street_address",
    "postal_code", "postal_town", "phone", "email", "eservice_status", "notification", "protected_identity",
    "deceased", "preferred_language", "area_code", "listed_unit_id", "is_listed", "is_synthetic", "created_at",
    "updated_at",
]


def write_normalised(path: Path, target: Path, unit_id: int) -> None:
    """The file's rows converted to the person table's column format (for the baseline)."""
    import datetime as dt

    from population.services.population_import import (
        HEADER_ALIASES,
        KNOWN_COLUMNS,
        REQUIRED_COLUMNS,
        RowConverter,
    )
    from rhs_portal.csvfile import open_csv

    now = "2026-11-22 12:00:00+00"
    with path.open("rb") as source, target.open("w", encoding="utf-8") as out:
        table = open_csv(source, required=REQUIRED_COLUMNS, known=KNOWN_COLUMNS, aliases=HEADER_ALIASES)
        converter = RowConverter(today=dt.date(2026, 11, 22), columns=table.columns, index=table.index)
        for line, record, _problem in table.records():
            row = converter.convert(record, line, [])
            values = [*row[2:], unit_id, True, False, now, now]
            out.write("\t".join("t" if v is True else "f" if v is False else str(v) for v in values) + "\n")


def reset_population(unit) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE population_accesslogentry, invitations_participationevent, invitations_participation, "
            "population_person CASCADE"
        )


def import_file(unit, path: Path, *, commit: bool):
    from population.services.audit import Actor
    from population.services.population_import import population_import_run

    with path.open("rb") as source:
        result = population_import_run(unit=unit, source=source, commit=commit, actor=Actor.system("bench"))
    return {"new": result.new, "unchanged": result.unchanged, "errors": len(result.errors)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100_000, help="people in the file (default 100,000)")
    args = parser.parse_args()
    setup_django()
    from population.models import CareUnit, Region

    region, _ = Region.objects.get_or_create(code="bench", defaults={"name": "Benchmark region"})
    unit, _ = CareUnit.objects.get_or_create(
        hsa_id="SE2321000000-BENCH", defaults={"region": region, "name": "Benchmark unit"}
    )
    path = OUT / f"population-{args.scale}.csv"
    small = OUT / f"population-{args.scale // 5}.csv"
    if not path.exists():
        write_file(path, args.scale)
    if not small.exists():
        write_file(small, args.scale // 5)

    normalised = OUT / f"population-{args.scale}.copy"
    if not normalised.exists():
        write_normalised(path, normalised, unit.pk)
    reset_population(unit)
    text_copy_s = min(plain_copy(path) for _ in range(3))
    baseline_s = min(baseline_copy(normalised) for _ in range(3))
    ours_s, peak_mb, counts = in_child(lambda: import_file(unit, path, commit=True))
    assert counts["new"] == args.scale and counts["errors"] == 0, counts
    again_s, _peak, again = in_child(lambda: import_file(unit, path, commit=True))
    assert again["unchanged"] == args.scale, again
    reset_population(unit)
    _s, small_peak_mb, _counts = in_child(lambda: import_file(unit, small, commit=False))
    _s, full_peak_mb, _counts = in_child(lambda: import_file(unit, path, commit=False))
    reset_population(unit)

    report(
        "import_population",
        ours_s,
        baseline_s,
        peak_mb,
        rows=args.scale,
        copy_into_person_like_table_s=round(baseline_s, 3),
        copy_into_text_table_s=round(text_copy_s, 3),
        ratio_to_text_table_copy=round(ours_s / text_copy_s, 1),
        import_s=round(ours_s, 3),
        reimport_unchanged_s=round(again_s, 3),
        rows_per_s=round(args.scale / ours_s),
        preview_peak_mb=f"{small_peak_mb:.1f} at {args.scale // 5} rows, {full_peak_mb:.1f} at {args.scale} rows",
    )


if __name__ == "__main__":
    main()
