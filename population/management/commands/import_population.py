from pathlib import Path

from django.utils.translation import gettext as _

from population.models import CareUnit
from population.services.audit import command_actor
from population.services.population_import import population_import_run
from rhs_portal.commands import PortalCommand, Refused


class Command(PortalCommand):
    help = "Preview (default) or commit an import of a care unit's population list (CSV)."
    takes_now = True

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--unit", required=True, help="The care unit's HSA-id.")
        parser.add_argument("--commit", action="store_true", help="Apply the changes (default: preview only).")
        parser.add_argument("--skip-invalid", action="store_true", help="With --commit: import the valid rows only.")
        super().add_arguments(parser)

    def run(self, *, file: Path, unit: str, commit: bool, skip_invalid: bool, now=None, **options) -> dict:
        care_unit = CareUnit.objects.filter(hsa_id=unit).select_related("region").first()
        if care_unit is None:
            raise Refused(_("No care unit has the HSA-id %(hsa)s.") % {"hsa": unit})
        if not file.is_file():
            raise Refused(_("No such file: %(file)s") % {"file": file})
        with file.open("rb") as source:
            result = population_import_run(
                unit=care_unit, source=source, commit=commit, skip_invalid=skip_invalid,
                actor=command_actor(care_unit), now=now,
            )
        body = result.as_json()
        if result.refused:
            raise Refused(result.refused, body)
        return body

    def human(self, result: dict) -> str:
        lines = [
            f"new: {result['new']}  changed: {result['changed']}  unchanged: {result['unchanged']}  "
            f"removed: {result['removed']}  committed: {result['committed']}"
        ]
        if result["unknown_columns"]:
            lines.append("unknown columns: " + ", ".join(result["unknown_columns"]))
        lines += [f"line {e['row']} {e['column']}: {e['reason']}" for e in result["errors"]]
        return "\n".join(lines)
