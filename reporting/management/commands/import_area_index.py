from pathlib import Path

from django.utils.translation import gettext as _

from population.models import Region
from reporting.services.area_index import area_index_import
from rhs_portal.commands import PortalCommand, Refused


class Command(PortalCommand):
    help = "Preview (default) or commit a region's area deprivation index (CSV: omrade;index)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--region", required=True, help="The region's code.")
        parser.add_argument("--commit", action="store_true")
        super().add_arguments(parser)

    def run(self, *, file: Path, region: str, commit: bool, **options) -> dict:
        target = Region.objects.filter(code=region).first()
        if target is None:
            raise Refused(_("No region has the code %(code)s.") % {"code": region})
        if not file.is_file():
            raise Refused(_("No such file: %(file)s") % {"file": file})
        result = area_index_import(region=target, content=file.read_bytes(), commit=commit)
        if result.refused:
            raise Refused(result.refused, result.as_json())
        return result.as_json()
