"""Score one Hälsokurva from JSON on stdin; print the result as JSON on stdout.

    echo '{"sex": "male", "height_cm": 180, "weight_kg": 80}' | python manage.py halsokurva_score
    python manage.py halsokurva_score --region ostergotland --date 2026-03-01 < input.json

Input keys are those of halsokurva.inputs.ScoringInput (all optional: a missing input gives a
missing row). Bad input exits 1 with {"error": ..., "key": ...} on stdout and the message on
stderr, naming the offending key.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand
from django.utils import timezone

from halsokurva.inputs import InputError, parse_input
from halsokurva.scoring import score
from halsokurva.selectors import NoTableInForce, table_in_force_by_code


class Command(BaseCommand):
    help = "Score a Hälsokurva: one JSON object on stdin, one JSON object on stdout."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--region", default=None, help="Region code whose threshold table applies.")
        parser.add_argument("--date", default=None, help="Use the table valid on this date (YYYY-MM-DD; default today).")

    def fail(self, message: str, key: str) -> None:
        self.stdout.write(json.dumps({"error": message, "key": key}, ensure_ascii=False))
        self.stderr.write(message)
        sys.exit(1)

    def handle(self, *args, region: str | None, date: str | None, **options):
        try:
            on = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            return self.fail(f"--date: not a date (YYYY-MM-DD): {date!r}", "--date")
        raw = (options.get("stdin") or sys.stdin).read()
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            return self.fail(f"<input>: not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})", "<input>")
        try:
            parsed = parse_input(data)
        except InputError as exc:
            return self.fail(str(exc), exc.key)
        try:
            table = table_in_force_by_code(region_code=region, on=on)
        except NoTableInForce as exc:
            return self.fail(f"--region/--date: {exc}", "--region" if region else "--date")
        self.stdout.write(json.dumps(score(parsed, table.table).as_json(), ensure_ascii=False))
