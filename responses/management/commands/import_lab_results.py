from responses.services.lab_import import lab_import_run
from rhs_portal.commands import ImportFileCommand


class Command(ImportFileCommand):
    help = "Preview (default) or commit a lab's file of results (CSV) for a care unit."

    def run_import(self, *, unit, source, commit, skip_invalid, actor, now):
        return lab_import_run(unit=unit, source=source, commit=commit, skip_invalid=skip_invalid, actor=actor,
                              now=now)

    def human(self, result: dict) -> str:
        lines = [
            f"new: {result['new']}  changed: {result['changed']}  unchanged: {result['unchanged']}  "
            f"people: {result['persons']}  committed: {result['committed']}"
        ]
        lines += [f"line {e['row']} {e['column']}: {e['reason']}" for e in result["errors"]]
        return "\n".join(lines)
