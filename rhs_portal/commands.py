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


class ImportFileCommand(PortalCommand):
    """A reviewed import from the command line: preview by default, `--commit` to apply.

    Subclasses implement `run_import(unit, source, commit, skip_invalid, actor, now)`
    returning a result with `refused` and `as_json()`.
    """

    takes_now = True

    def add_arguments(self, parser):
        from pathlib import Path

        parser.add_argument("file", type=Path)
        parser.add_argument("--unit", required=True, help="The care unit's HSA-id.")
        parser.add_argument("--commit", action="store_true", help="Apply the changes (default: preview only).")
        parser.add_argument("--skip-invalid", action="store_true", help="With --commit: import the valid rows only.")
        super().add_arguments(parser)

    def run_import(self, *, unit, source, commit: bool, skip_invalid: bool, actor, now):
        raise NotImplementedError

    def run(self, *, file, unit: str, commit: bool, skip_invalid: bool, now=None, **options) -> dict:
        from django.utils.translation import gettext as _

        from population.models import CareUnit
        from population.services.audit import command_actor

        care_unit = CareUnit.objects.filter(hsa_id=unit).select_related("region").first()
        if care_unit is None:
            raise Refused(_("No care unit has the HSA-id %(hsa)s.") % {"hsa": unit})
        if not file.is_file():
            raise Refused(_("No such file: %(file)s") % {"file": file})
        with file.open("rb") as source:
            result = self.run_import(unit=care_unit, source=source, commit=commit, skip_invalid=skip_invalid,
                                     actor=command_actor(care_unit), now=now)
        body = result.as_json()
        if result.refused:
            raise Refused(result.refused, body)
        return body
