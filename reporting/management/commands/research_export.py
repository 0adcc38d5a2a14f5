from pathlib import Path

from django.utils.translation import gettext as _

from population.services.audit import command_actor
from reporting.models import ResearchExport
from reporting.services.research_export import ExportError, research_export_download, research_export_run
from rhs_portal.commands import PortalCommand, Refused
from rhs_portal.models import JobStatus


class Command(PortalCommand):
    help = "Run a defined research export and write its pseudonymised CSV to FILE (it can be downloaded once)."
    takes_now = True

    def add_arguments(self, parser):
        parser.add_argument("--export", type=int, required=True, help="The export's id.")
        parser.add_argument("--out", type=Path, required=True)
        super().add_arguments(parser)

    def run(self, *, export: int, out: Path, now=None, **options) -> dict:
        target = ResearchExport.objects.filter(pk=export).first()
        if target is None:
            raise Refused(_("No research export has the id %(id)s.") % {"id": export})
        if target.status != JobStatus.DONE:
            target = research_export_run(export_id=target.pk, now=now)
        try:
            content = research_export_download(export=target, actor=command_actor(), now=now)
        except ExportError as exc:
            raise Refused(str(exc)) from None
        out.write_bytes(content)
        return {"export": target.pk, "rows": target.row_count, "out": str(out)}
