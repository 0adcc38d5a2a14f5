"""Claim reminder steps set-based: INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING.

The SELECT is the rule's due queryset (reminders.selectors), compiled by the
ORM; the unique constraints on (case, kind) and (appointment, kind) decide
which worker gets each step. Rows another sweep inserted first (committed or
not: PostgreSQL waits for it) are skipped, so nothing is done twice.
Works on PostgreSQL and on SQLite (3.35+).
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import F, QuerySet

from reminders.models import Reminder


def claim(
    source: QuerySet,
    *,
    kind: str,
    status: str,
    run: str,
    now: dt.datetime,
    subject: str = "case",
    participation: str = "participation_id",
    unit: str = "unit_id",
    sent: bool = True,
    reasons: str = "",
) -> list[int]:
    """Insert one reminder row per row of `source` (cases or appointments); returns the subject ids claimed."""
    rows = source.order_by().values(r_subject=F("pk"), r_participation=F(participation), r_unit=F(unit))
    select_sql, select_params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    subject_column = f"{subject}_id"
    columns = [
        "kind",
        "status",
        "status_changed_at",
        subject_column,
        "participation_id",
        "unit_id",
        "created_at",
        "sent_at",
        "reasons",
        "run",
    ]
    at = connection.ops.adapt_datetimefield_value(now)
    sql = (
        f"INSERT INTO {quote(Reminder._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"SELECT %s, %s, %s, src.r_subject, src.r_participation, src.r_unit, %s, %s, %s, %s "
        f"FROM ({select_sql}) src WHERE 1 = 1 ORDER BY src.r_subject "
        f"ON CONFLICT DO NOTHING RETURNING {quote(subject_column)}"
    )
    params = [kind, status, at, at, at if sent else None, reasons, run, *select_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
