from population.services.population_import import population_import_run
from rhs_portal.commands import ImportFileCommand


class Command(ImportFileCommand):
    help = "Preview (default) or commit an import of a care unit's population list (CSV)."

    def run_import(self, *, unit, source, commit, skip_invalid, actor, now):
        return population_import_run(unit=unit, source=source, commit=commit, skip_invalid=skip_invalid,
                                     actor=actor, now=now)

    def human(self, result: dict) -> str:
        lines = [
            f"new: {result['new']}  changed: {result['changed']}  unchanged: {result['unchanged']}  "
            f"removed: {result['removed']}  committed: {result['committed']}"
        ]
        if result["unknown_columns"]:
            lines.append("unknown columns: " + ", ".join(result["unknown_columns"]))
        lines += [f"line {e['row']} {e['column']}: {e['reason']}" for e in result["errors"]]
        return "\n".join(lines)
