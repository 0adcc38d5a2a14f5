"""Benchmark: the statistics funnel and the equity view through their real path vs. hand-written SQL.

    python bench/statistics_funnel.py [--scale 1000000]

Builds N participations (one person each) in 20 units of one region over three
yearly rounds, with their history, send batches, invitation cases, contacts,
reminder messages, questionnaire responses, lab orders and the region's area
deprivation indexes (see bench/_funnel_data.py; INSERT … SELECT
generate_series, then VACUUM ANALYZE). Then, for the whole region (all 20
units, all three years), five tables:

- ours: `reporting.services.funnel.funnel(participations_in_scope(…))` for the
  total, and with dimension "age", "channel", "reminder" (answered before or
  after which reminder) and "quintile" (the equity view's deprivation
  quintile), in its own process (its peak memory is its own), with every
  query counted. funnel() counts every step as a condition on the
  participation's own row: the columns it keeps (`reached`, `invited_via`,
  `first_answered_at`) and the milestones stamped the first time (`read_at`,
  `questionnaire_at`, `lab_results_at`), no subquery into the cases,
  responses or lab orders; a breakdown's total is the sum of its rows (one
  statement a table); it sets `SET LOCAL jit = off` for its statements. The
  age and the area are the cohort as selected (`age`, `area_code` on the
  participation; the quintile is one CASE over the region's area codes, the
  area index read once); what is left outside the row is the reminder
  breakdown's EXISTS subqueries into the contacts and the outbox;
- baseline: the same five tables as five hand-written statements against the
  same schema, reading the same columns: the total one aggregate over the
  scope's participation rows (COUNT(*) FILTER a step); a breakdown the same
  counts grouped on its expression (a parallel plan that hashes its few
  groups), its total the sum of its rows, as ours. The quintile is a LEFT
  JOIN to the area index. For the reminder breakdown the first phone and
  letter contacts are one aggregate a participation over the contacts and the
  reminders between selection (`Participation.created_at`) and first answer are
  pre-aggregated a participation, both hash-joined to the scope once; its
  group, a CASE over them the planner cannot size, is a column of a
  row-a-participation subquery, so it is hashed, not sorted. The
  pre-aggregations read the whole tables: here the scope is the whole
  database, so that is the work the scope needs, no more. Both sides get the
  same server settings: the server's work_mem and parallel workers, and JIT
  off (ours sets it itself, the baseline's session sets it too).

The reminder breakdown is measured with nothing stamped (every answer's
timing worked out from the contacts and the outbox: the worst case, as if the
daily task had never run); then the daily task's stamping
(`reminders.answer_timing.answer_timings_stamp`) runs and the breakdown again,
which must give the same rows.

The baseline's numbers must equal ours (totals and every group's row). The
number of our queries is also measured at a hundredth of the scale: it does
not depend on the number of participations. For reference the four
breakdowns as one statement (GROUPING SETS (age, channel, reminder,
quintile), the total their rows' sum) are timed too.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import in_child, report, setup_django, timed  # noqa: E402
from _funnel_data import build  # noqa: E402

DIMENSIONS = [None, "age", "channel", "reminder", "quintile"]
BREAKDOWNS = [d for d in DIMENSIONS if d]

# The funnel's steps as counts over the per-participation rows (same keys and order as funnel_steps()).
STEP_COUNTS = [
    ("selected", "count(*)"),
    ("invited", "count(*) FILTER (WHERE reached >= 1)"),
    ("invited_digital", "count(*) FILTER (WHERE invited_via = 'digital')"),
    ("invited_phone", "count(*) FILTER (WHERE invited_via = 'phone')"),
    ("invited_letter", "count(*) FILTER (WHERE invited_via = 'letter')"),
    ("read", "count(*) FILTER (WHERE read_at IS NOT NULL)"),
    ("answered", "count(*) FILTER (WHERE reached >= 2)"),
    ("booked", "count(*) FILTER (WHERE reached >= 3)"),
    ("questionnaire", "count(*) FILTER (WHERE questionnaire_at IS NOT NULL)"),
    ("lab_done", "count(*) FILTER (WHERE lab_results_at IS NOT NULL)"),
    ("visited", "count(*) FILTER (WHERE reached >= 4)"),
    ("documented", "count(*) FILTER (WHERE reached >= 5)"),
    ("declined", "count(*) FILTER (WHERE state = 'declined')"),
    ("not_reached", "count(*) FILTER (WHERE state = 'not_reached')"),
    ("moved", "count(*) FILTER (WHERE state = 'excluded' AND exit_reason IN ('moved', 'not_listed'))"),
    ("deceased", "count(*) FILTER (WHERE state = 'excluded' AND exit_reason = 'deceased')"),
]
# The participation's own columns the steps read (every step a condition on its row).
STEP_COLUMNS = (
    "p.reached, p.invited_via, p.state, p.exit_reason, p.read_at, p.questionnaire_at, p.lab_results_at"
)

# For the reminder breakdown: the first phone and the first letter contact (invitation or no-answer follow-up) a
# participation, one aggregate over the contacts (a contact before the answer exists iff the first one is).
FIRST_CONTACTS = """(SELECT participation_id AS id, min(created_at) FILTER (WHERE kind = 'phone') AS first_phone,
    min(created_at) FILTER (WHERE kind = 'letter') AS first_letter
  FROM invitations_contact WHERE reason IN ('invitation', 'no_answer') AND kind IN ('phone', 'letter')
  GROUP BY participation_id)"""
# For the reminder breakdown: which reminders (automatic, manual) the person got between the participation's
# selection (`created_at`: earlier rounds' reminders do not count) and its first answer.
REMINDERS = """(SELECT pa.id, bool_or(v.kind = 'reminder_manual') AS manual, bool_or(v.kind = 'reminder_auto') AS auto
  FROM invitations_participation pa
  JOIN notifications_outboxmessage o ON o.person_id = pa.person_id AND o.created_at <= pa.first_answered_at
  JOIN invitations_messagetemplateversion v ON v.id = o.template_version_id
  WHERE v.kind IN ('reminder_auto', 'reminder_manual')
    AND o.created_at >= pa.created_at
  GROUP BY pa.id)"""

GROUPS = {
    "age": "p.age",
    "channel": "coalesce(nullif(p.invited_via, ''), '–')",
    "reminder": """CASE WHEN p.first_answered_at IS NULL THEN 'no_answer'
      WHEN p.answer_channel = 'phone' THEN 'by_phone' WHEN p.answer_channel = 'letter' THEN 'by_letter'
      WHEN f.first_phone <= p.first_answered_at THEN 'by_phone'
      WHEN f.first_letter <= p.first_answered_at THEN 'by_letter'
      WHEN rm.manual THEN 'after_manual_reminder' WHEN rm.auto THEN 'after_auto_reminder'
      ELSE 'before_reminder' END""",
    "quintile": "ai.quintile",
}
# What each breakdown joins to the scope's participations (p, with their round r).
JOINS = {
    "age": [],
    "channel": [],
    "reminder": [f"LEFT JOIN {FIRST_CONTACTS} f ON f.id = p.id", f"LEFT JOIN {REMINDERS} rm ON rm.id = p.id"],
    "quintile": [
        "JOIN population_careunit u ON u.id = r.unit_id",
        "LEFT JOIN reporting_areaindex ai ON ai.region_id = u.region_id AND ai.area_code = p.area_code",
    ],
}


# Breakdowns whose group the planner cannot size: a CASE over columns of several joined tables, where it expects
# about a group a row and sorts them all (to disk). These group on the column of a row-a-participation subquery
# (OFFSET 0 keeps it one), which it expects few of and hashes; the others group on the expression itself, so the
# plan stays parallel (a subquery with OFFSET is not).
UNSIZED_GROUPS = {"reminder"}


def baseline_sql(dimensions: list[str]) -> str:
    """One statement: the total (no dimension), a row per group of one dimension, or of each of several dimensions
    (GROUPING SETS over a row-a-participation subquery: one pass for all of them).

    The total counts the scope's participations straight from their rows; a breakdown groups them, on its
    expression or, where the planner cannot size that (UNSIZED_GROUPS), on a subquery's column."""
    joins = ["JOIN invitations_round r ON r.id = p.round_id"]
    for dimension in dimensions:
        joins += [join for join in JOINS[dimension] if join not in joins]
    scope = (
        "FROM invitations_participation p\n"
        + "\n".join(joins)
        + "\nWHERE r.unit_id = ANY(%(units)s) AND r.year = ANY(%(years)s)"
    )
    counts = [f"{sql} AS {key}" for key, sql in STEP_COUNTS]
    if not dimensions:
        return "SELECT " + ",\n  ".join(counts) + "\n" + scope
    if len(dimensions) == 1 and dimensions[0] not in UNSIZED_GROUPS:
        (d,) = dimensions
        return f"SELECT {GROUPS[d]} AS g_{d},\n  " + ",\n  ".join(counts) + "\n" + scope + "\nGROUP BY 1"
    columns = [STEP_COLUMNS] + [f"{GROUPS[d]} AS g_{d}" for d in dimensions]
    rows = "SELECT " + ",\n  ".join(columns) + "\n" + scope + "\nOFFSET 0"
    groups = [f"g_{d}" for d in dimensions] + [f"GROUPING(g_{d}) AS other_{d}" for d in dimensions]
    sets = ", ".join(f"(g_{d})" for d in dimensions)
    return "SELECT " + ",\n  ".join(groups + counts) + f"\nFROM ({rows}) s\nGROUP BY GROUPING SETS ({sets})"


def _rows_to_tables(cursor, dimensions: list[str]) -> dict:
    """{"total": table} for the total's statement, else {dimension: table}; a breakdown's total is the sum of its
    rows, as funnel() computes it."""
    names = [c.name for c in cursor.description]
    keys = [key for key, _sql in STEP_COUNTS]
    rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    if not dimensions:
        (row,) = rows
        return {"total": {"total": {k: row[k] for k in keys}, "rows": []}}
    tables = {}
    for d in dimensions:
        grouped = [
            {"group": row[f"g_{d}"], **{k: row[k] for k in keys}} for row in rows if not row.get(f"other_{d}")
        ]
        tables[d] = {"total": {k: sum(row[k] for row in grouped) for k in keys}, "rows": grouped}
    return tables


def _tables_of(table) -> dict:
    return {"total": dict(table.total), "rows": [dict(r) for r in table.rows]}


def ours(units: list[int], years: list[int]):
    def run():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from reporting.services.funnel import funnel, participations_in_scope

        results, seconds = {}, {}
        with CaptureQueriesContext(connection) as queries:
            for dimension in DIMENSIONS:
                key = dimension or "total"
                seconds[key], table = timed(
                    lambda d=dimension: funnel(
                        participations_in_scope(unit_ids=units, years=years), dimension=d
                    )
                )
                results[key] = _tables_of(table)
        return {"tables": results, "seconds": seconds, "queries": len(queries)}

    return run


def stamped(units: list[int], years: list[int]):
    """The daily task's stamping of the answer timings (the real path), then the reminder breakdown again."""

    def run():
        from reminders.answer_timing import answer_timings_stamp
        from reporting.services.funnel import funnel, participations_in_scope

        stamp_s, count = timed(answer_timings_stamp)
        seconds, table = timed(
            lambda: funnel(participations_in_scope(unit_ids=units, years=years), dimension="reminder")
        )
        return {"stamp_s": stamp_s, "stamped": count, "reminder_s": seconds, "table": _tables_of(table)}

    return run


def baseline(units: list[int], years: list[int], *, one_statement: bool = False):
    def run():
        from django.db import connection

        params = {"units": units, "years": years}
        results, seconds = {}, {}
        batches = [BREAKDOWNS] if one_statement else [[d] if d else [] for d in DIMENSIONS]
        with connection.cursor() as cursor:
            # The server settings ours runs with (funnel() sets jit off for its statements).
            cursor.execute("SET jit = off")
            for dimensions in batches:
                sql = baseline_sql(dimensions)

                def query(sql=sql, dimensions=dimensions):
                    cursor.execute(sql, params)
                    return _rows_to_tables(cursor, dimensions)

                spent, tables = timed(query)
                results.update(tables)
                seconds["+".join(dimensions) or "total"] = spent
        if one_statement:  # the total: the sum of a breakdown's rows (check() compares every breakdown's)
            results["total"] = {"total": results[BREAKDOWNS[0]]["total"], "rows": []}
        return {"tables": results, "seconds": seconds}

    return run


def _normalised(table: dict) -> dict:
    """Rows keyed by group (integers as int: the database returns the age as a number of its own type)."""

    def group(value):
        return int(value) if hasattr(value, "as_integer_ratio") and not isinstance(value, bool) else value

    rows = {}
    for row in table["rows"]:
        assert group(row["group"]) not in rows, row
        rows[group(row["group"])] = {k: v for k, v in row.items() if k != "group"}
    return {"total": table["total"], "rows": rows}


def check(ours_tables: dict, base_tables: dict) -> None:
    for key in ("total", *BREAKDOWNS):
        mine, base = _normalised(ours_tables[key]), _normalised(base_tables[key])
        assert mine["total"] == base["total"], (key, mine["total"], base["total"])
        assert mine["rows"] == base["rows"], (key, mine["rows"], base["rows"])
        if key != "total":
            assert len(mine["rows"]) > 1, f"the {key} breakdown has fewer than two groups"
            assert ours_tables[key]["total"] == ours_tables["total"]["total"], key
    assert all(v for v in ours_tables["total"]["total"].values()), ours_tables["total"]["total"]


def measure(scale: int) -> dict:
    build_s, scope = timed(lambda: build(scale))
    units, years = scope["units"], scope["years"]
    ours_s, peak_mb, mine = in_child(ours(units, years))
    baseline_s, _peak, base = in_child(baseline(units, years))
    one_s, _peak, one = in_child(baseline(units, years, one_statement=True))
    check(mine["tables"], base["tables"])
    check(mine["tables"], one["tables"])
    # Once the daily task has kept every answer's timing, the breakdown reads it: the same rows, faster.
    _s, _peak, kept = in_child(stamped(units, years))
    assert _normalised(kept["table"]) == _normalised(mine["tables"]["reminder"]), "stamped timings differ"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(name || ' ' || current_setting(name), ', ' ORDER BY name) FROM pg_settings "
            "WHERE name IN ('jit', 'work_mem', 'shared_buffers', 'max_parallel_workers_per_gather')"
        )
        (server,) = cursor.fetchone()
    return {
        "scale": scale,
        "build_s": build_s,
        "ours_s": ours_s,
        "baseline_s": baseline_s,
        "one_statement_s": one_s,
        "peak_mb": peak_mb,
        "server": f"PostgreSQL {connection.pg_version // 10000}: {server} (both measured with jit off)",
        "ours": mine,
        "base": base,
        "kept": kept,
    }


def _seconds(result: dict) -> str:
    return ", ".join(f"{key} {value:.3f} s" for key, value in result["seconds"].items())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1_000_000, help="participations (default 1,000,000)")
    args = parser.parse_args()
    os.environ.pop("REDIS_URL", None)
    setup_django()
    small = measure(max(args.scale // 100, 2_000))
    big = measure(args.scale)
    total = big["ours"]["tables"]["total"]["total"]
    report(
        "statistics_funnel",
        big["ours_s"],
        big["baseline_s"],
        big["peak_mb"],
        participations=args.scale,
        build_s=round(big["build_s"], 1),
        funnel={k: total[k] for k in ("selected", "invited", "answered", "booked", "visited", "documented")},
        queries=f"{small['ours']['queries']} at {small['scale']} participations, {big['ours']['queries']} at "
        f"{big['scale']} participations",
        ours_per_table=_seconds(big["ours"]),
        baseline_per_table=_seconds(big["base"]),
        baseline_one_statement_s=round(big["one_statement_s"], 3),
        reminder_once_stamped=f"{big['kept']['reminder_s']:.3f} s (the daily task stamped {big['kept']['stamped']} "
        f"answered participations in {big['kept']['stamp_s']:.1f} s)",
        small_scale=f"ours {small['ours_s']:.3f} s, baseline {small['baseline_s']:.3f} s",
        server=big["server"],
    )


if __name__ == "__main__":
    main()
