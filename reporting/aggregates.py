"""Database functions the statistics need that Django does not ship: a median and a day count.

PostgreSQL has both natively (`percentile_cont`, `EXTRACT(EPOCH …)`). SQLite, the
embedded default, gets the median as a small Python aggregate registered on
each new connection (`register_sqlite_functions`, connected in ReportingConfig.ready).
"""

from __future__ import annotations

import statistics

from django.db.models import Aggregate, FloatField, Func

SQLITE_MEDIAN = "rhs_median"


class Median(Aggregate):
    """The median of a numeric expression (NULLs ignored; NULL when there are no values)."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function=SQLITE_MEDIAN, template="%(function)s(%(expressions)s)",
                           **extra_context)


class DaysBetween(Func):
    """Days (with fractions) from `start` to `end`, two datetime expressions; NULL when either is."""

    output_field = FloatField()
    template = "(EXTRACT(EPOCH FROM (%(expressions)s))::double precision / 86400.0)"
    arg_joiner = " - "

    def __init__(self, start, end, **extra) -> None:
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        # Django stores datetimes in SQLite as ISO text in UTC, which julianday() reads.
        return self.as_sql(compiler, connection, template="(julianday(%(expressions)s))",
                           arg_joiner=") - julianday(", **extra_context)


class _MedianOnSQLite:
    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(SQLITE_MEDIAN, 1, _MedianOnSQLite)
