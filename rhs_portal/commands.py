"""The convention every management command with `--json` follows.

- `--json` prints one JSON object on stdout and nothing else there;
- exit status 0 when the command did what was asked, 1 when it refused;
- a refusal without a result body prints {"error": "..."};
- `--now` takes an ISO date-time; without an offset it means Europe/Stockholm.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import zoneinfo

from django.core.management.base import BaseCommand, CommandError

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def parse_now(value: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--now: not an ISO date-time: {value!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=STOCKHOLM)
    return parsed


class Refused(Exception):
    """The command will not do what was asked; `body` (if any) is still printed."""

    def __init__(self, message: str, body: dict | None = None) -> None:
        super().__init__(message)
        self.body = body


class PortalCommand(BaseCommand):
    takes_now = False

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print one JSON object on stdout.")
        if self.takes_now:
            parser.add_argument("--now", type=parse_now, default=None,
                                help="Act as if it were this time (ISO; no offset = Europe/Stockholm).")

    def run(self, **options) -> dict:
        raise NotImplementedError

    def human(self, result: dict) -> str:
        return "\n".join(f"{key}: {value}" for key, value in result.items())

    def handle(self, *args, **options):
        as_json = options["json"]
        try:
            result = self.run(**options)
        except (Refused, CommandError) as exc:
            body = getattr(exc, "body", None)
            if as_json:
                self.stdout.write(json.dumps(body if body is not None else {"error": str(exc)}, ensure_ascii=False))
            else:
                if body is not None:
                    self.stdout.write(self.human(body))
                self.stderr.write(str(exc))
            sys.exit(1)
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, default=str))
        else:
            self.stdout.write(self.human(result))
