"""python manage.py run_reminders [--now ISO] [--json]: run the reminder sweep once."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reminders.services.sweep import run_sweep
from scheduling.workdays import STOCKHOLM


def parse_now(value: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--now must be an ISO date and time, e.g. 2026-03-02T06:00+01:00 (got {value!r})"
        ) from None
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=STOCKHOLM)


class Command(BaseCommand):
    help = "Run the reminder sweep once: reminders, manual tasks, auto close, phone follow-up, booking reminders."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", help="Run as if it were this time (ISO 8601; local Stockholm time if naive)."
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the counts as one JSON object."
        )

    def handle(self, *args, now=None, as_json=False, **options):
        result = run_sweep(now=parse_now(now) if now else timezone.now())
        if as_json:
            self.stdout.write(json.dumps(result))
        else:
            for key, count in result.items():
                self.stdout.write(f"{key}: {count}")
