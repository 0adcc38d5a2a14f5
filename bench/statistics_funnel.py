"""Benchmark: the statistics participation funnel through its real path vs. the same tables as hand-written SQL.

    python bench/statistics_funnel.py [--scale 1000000]

Builds N participations (one person each) in 20 units of one region over three
yearly rounds, with their history, send batches, invitation cases, contacts,
reminder messages, questionnaire responses and lab orders (see
bench/_funnel_data.py; INSERT … SELECT generate_series, then VACUUM ANALYZE).
Then, for the whole region (all 20 units, all three years):

- ours: `reporting.services.funnel.funnel(participations_in_scope(…))` for the
  total, and with dimension "age", "channel" and "reminder" (each of those
  also computes its total, as the statistics page does), in its own process
  (its peak memory is its own), with every query counted;
- baseline: the same four tables as four hand-written statements, one a table:
  each participation's facts pre-aggregated in one pass over each source
  table (its furthest step: `Participation.reached` where the model keeps it,
  as the funnel then reads it, else the maximum over its history; its first
  and first-answer event times; its sent routes and first channel; read
  cases; answered questionnaires; lab results; the first phone and letter
  contacts; the reminders between selection and answer), hash-joined to the
  scope and counted with COUNT(*) FILTER, the breakdowns with
  GROUPING SETS ((), group) so the total comes from the same statement.
  The pre-aggregations read the whole tables: here the scope is the whole
  database, so that is the work the scope needs, no more. Both run with the
  server's settings as they are (work_mem, JIT).

The baseline's numbers must equal ours (totals and every group's row). The
number of our queries is also measured at a hundredth of the scale: it does
not depend on the number of participations. For reference the four tables as
one statement (GROUPING SETS ((), age, channel, reminder)) are timed too.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import in_child, report, setup_django, timed  # noqa: E402
from _funnel_data import build, has_reached  # noqa: E402

DIMENSIONS = [None, "age", "channel", "reminder"]

# The funnel's steps as counts over the per-participation facts (same keys and order as funnel_steps()).
STEP_COUNTS = [
    ("selected", "count(*)"),
    ("invited", "count(*) FILTER (WHERE {level} >= 1)"),
    ("invited_digital", "count(*) FILTER (WHERE bi.digital)"),
    ("invited_phone", "count(*) FILTER (WHERE bi.phone)"),
    ("invited_letter", "count(*) FILTER (WHERE bi.letter)"),
    ("read", "count(rd.id)"),
    ("answered", "count(*) FILTER (WHERE {level} >= 2)"),
    ("booked", "count(*) FILTER (WHERE {level} >= 3)"),
    ("questionnaire", "count(q.id)"),
    ("lab_done", "count(lab.id)"),
    ("visited", "count(*) FILTER (WHERE {level} >= 4)"),
    ("documented", "count(*) FILTER (WHERE {level} >= 5)"),
    ("declined", "count(*) FILTER (WHERE p.state = 'declined')"),
    ("not_reached", "count(*) FILTER (WHERE p.state = 'not_reached')"),
    ("moved", "count(*) FILTER (WHERE p.state = 'excluded' AND p.exit_reason IN ('moved', 'not_listed'))"),
    ("deceased", "count(*) FILTER (WHERE p.state = 'excluded' AND p.exit_reason = 'deceased')"),
]

# Each participation's facts, one aggregate a table, joined to the scope's participations (p).
# From the history: the furthest step of the progression (0 selected … 5 documented) where the participation
# does not keep it, and for the reminder breakdown the first event and the first answer.
EVENTS = """(SELECT participation_id AS id{columns}
  FROM invitations_participationevent GROUP BY participation_id)"""
LEVEL = """max(CASE to_status WHEN 'selected' THEN 0 WHEN 'invited' THEN 1 WHEN 'answered' THEN 2 WHEN 'booked' THEN 3
                       WHEN 'visited' THEN 4 WHEN 'documented' THEN 5 END) AS level"""
ANSWER_TIMES = """min(at) AS selected_at,
    min(at) FILTER (WHERE to_status IN ('answered', 'booked', 'visited', 'documented', 'declined')) AS answered_at"""
FACTS = {
    # The sent batches' routes, and the first route that invited (the channel).
    "bi": """(SELECT i.participation_id AS id, bool_or(i.route = 'digital') AS digital,
    bool_or(i.route = 'phone') AS phone, bool_or(i.route = 'letter') AS letter,
    (array_agg(i.route ORDER BY b.sent_at) FILTER (WHERE i.route NOT IN ('excluded', 'skipped')))[1] AS channel
  FROM invitations_sendbatchitem i JOIN invitations_sendbatch b ON b.id = i.batch_id
  WHERE b.sent_at IS NOT NULL GROUP BY i.participation_id)""",
    "rd": """(SELECT DISTINCT participation_id AS id FROM invitations_invitationcase WHERE read_at IS NOT NULL)""",
    # One response a participation (a unique constraint): no DISTINCT needed.
    "q": """(SELECT participation_id AS id FROM questionnaire_questionnaireresponse
  WHERE status IN ('submitted', 'locked'))""",
    "lab": """(SELECT DISTINCT participation_id AS id FROM responses_laborder WHERE status = 'results')""",
}
# For the reminder breakdown: the first phone and letter contacts, the reminders between selection and answer.
TIMING = {
    "ct": """(SELECT participation_id AS id, min(created_at) FILTER (WHERE kind = 'phone') AS first_phone,
    min(created_at) FILTER (WHERE kind = 'letter') AS first_letter
  FROM invitations_contact WHERE reason IN ('invitation', 'no_answer') AND kind IN ('phone', 'letter')
  GROUP BY participation_id)""",
    "rm": """(SELECT e.id, bool_or(v.kind = 'reminder_manual') AS manual, bool_or(v.kind = 'reminder_auto') AS auto
  FROM {events} e
  JOIN invitations_participation pa ON pa.id = e.id
  JOIN notifications_outboxmessage o ON o.person_id = pa.person_id
  JOIN invitations_messagetemplateversion v ON v.id = o.template_version_id
  WHERE v.kind IN ('reminder_auto', 'reminder_manual') AND o.created_at >= e.selected_at
    AND o.created_at <= e.answered_at
  GROUP BY e.id)""",
}

GROUPS = {
    "age": "r.year - extract(year FROM pe.birth_date)::int",
    "channel": "coalesce(bi.channel, '–')",
    "reminder": """CASE WHEN ev.answered_at IS NULL THEN 'no_answer'
      WHEN p.answer_channel = 'phone' THEN 'by_phone' WHEN p.answer_channel = 'letter' THEN 'by_letter'
      WHEN ct.first_phone <= ev.answered_at THEN 'by_phone' WHEN ct.first_letter <= ev.answered_at THEN 'by_letter'
      WHEN rm.manual THEN 'after_manual_reminder' WHEN rm.auto THEN 'after_auto_reminder'
      ELSE 'before_reminder' END""",
}


def baseline_sql(dimensions: list[str], *, kept_reached: bool) -> str:
    """One statement: the total, and a row per group of each dimension (GROUPING SETS).

    `kept_reached`: the participation keeps its furthest step (`reached`, as the funnel then reads it);
    otherwise it comes from the history, as the funnel then does."""
    events = ([] if kept_reached else [LEVEL]) + ([ANSWER_TIMES] if "reminder" in dimensions else [])
    joins = ["JOIN invitations_round r ON r.id = p.round_id"]
    if "age" in dimensions:
        joins.append("JOIN population_person pe ON pe.id = p.person_id")
    if events:
        joins.append(
            f"LEFT JOIN {EVENTS.format(columns=''.join(f', {c}' for c in events))} ev ON ev.id = p.id"
        )
    facts = dict(FACTS)
    if "reminder" in dimensions:
        facts["ct"] = TIMING["ct"]
        facts["rm"] = TIMING["rm"].format(events=EVENTS.format(columns=f", {ANSWER_TIMES}"))
    joins += [f"LEFT JOIN {sql} {alias} ON {alias}.id = p.id" for alias, sql in facts.items()]
    level = "p.reached" if kept_reached else "ev.level"
    columns = [f"{sql.format(level=level)} AS {key}" for key, sql in STEP_COUNTS]
    group_by = ""
    if dimensions:
        columns = (
            [f"{GROUPS[d]} AS g_{d}" for d in dimensions]
            + [f"GROUPING({GROUPS[d]}) AS is_total_{d}" for d in dimensions]
            + columns
        )
        group_by = "GROUP BY GROUPING SETS ((), " + ", ".join(f"({GROUPS[d]})" for d in dimensions) + ")"
    return (
        "SELECT "
        + ",\n  ".join(columns)
        + "\nFROM invitations_participation p\n"
        + "\n".join(joins)
        + "\nWHERE r.unit_id = ANY(%(units)s) AND r.year = ANY(%(years)s)\n"
        + group_by
    )


def _rows_to_tables(cursor, dimensions: list[str]) -> dict:
    names = [c.name for c in cursor.description]
    keys = [key for key, _sql in STEP_COUNTS]
    tables = {d: {"total": None, "rows": []} for d in ["total", *dimensions]}
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        counts = {k: row[k] for k in keys}
        grouped = [d for d in dimensions if row[f"is_total_{d}"] == 0]
        if not grouped:
            for d in ["total", *dimensions]:
                tables[d]["total"] = counts
        else:
            (d,) = grouped
            tables[d]["rows"].append({"group": row[f"g_{d}"], **counts})
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


def baseline(units: list[int], years: list[int], *, kept_reached: bool, one_statement: bool = False):
    def run():
        from django.db import connection

        params = {"units": units, "years": years}
        results, seconds = {}, {}
        batches = [[d for d in DIMENSIONS if d]] if one_statement else [[d] if d else [] for d in DIMENSIONS]
        with connection.cursor() as cursor:
            for dimensions in batches:
                sql = baseline_sql(dimensions, kept_reached=kept_reached)

                def query(sql=sql, dimensions=dimensions):
                    cursor.execute(sql, params)
                    return _rows_to_tables(cursor, dimensions)

                spent, tables = timed(query)
                for key, table in tables.items():
                    results.setdefault(key, table)
                seconds["+".join(dimensions) or "total"] = spent
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
    for key in ("total", "age", "channel", "reminder"):
        mine, base = _normalised(ours_tables[key]), _normalised(base_tables[key])
        assert mine["total"] == base["total"], (key, mine["total"], base["total"])
        assert mine["rows"] == base["rows"], (key, mine["rows"], base["rows"])
        if key != "total":
            assert mine["rows"], f"the {key} breakdown has no rows"
            assert ours_tables[key]["total"] == ours_tables["total"]["total"], key
    assert all(v for v in ours_tables["total"]["total"].values()), ours_tables["total"]["total"]


def measure(scale: int) -> dict:
    build_s, scope = timed(lambda: build(scale))
    units, years = scope["units"], scope["years"]
    kept = has_reached()
    ours_s, peak_mb, mine = in_child(ours(units, years))
    baseline_s, _peak, base = in_child(baseline(units, years, kept_reached=kept))
    one_s, _peak, one = in_child(baseline(units, years, kept_reached=kept, one_statement=True))
    check(mine["tables"], base["tables"])
    check(mine["tables"], one["tables"])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(name || ' ' || current_setting(name), ', ' ORDER BY name) FROM pg_settings "
            "WHERE name IN ('jit', 'work_mem', 'shared_buffers', 'max_parallel_workers_per_gather')"
        )
        (server,) = cursor.fetchone()
    return {
        "scale": scale,
        "kept_reached": kept,
        "build_s": build_s,
        "ours_s": ours_s,
        "baseline_s": baseline_s,
        "one_statement_s": one_s,
        "peak_mb": peak_mb,
        "server": f"PostgreSQL {connection.pg_version // 10000}: {server}",
        "ours": mine,
        "base": base,
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
        steps_reached_from="Participation.reached"
        if big["kept_reached"]
        else "the history (ParticipationEvent)",
        funnel={k: total[k] for k in ("selected", "invited", "answered", "booked", "visited", "documented")},
        queries=f"{small['ours']['queries']} at {small['scale']} participations, {big['ours']['queries']} at "
        f"{big['scale']} participations",
        ours_per_table=_seconds(big["ours"]),
        baseline_per_table=_seconds(big["base"]),
        baseline_one_statement_s=round(big["one_statement_s"], 3),
        small_scale=f"ours {small['ours_s']:.3f} s, baseline {small['baseline_s']:.3f} s",
        server=big["server"],
    )


if __name__ == "__main__":
    main()
