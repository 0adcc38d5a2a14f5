from django.utils.translation import gettext as _

from invitations.forms import parse_ages
from invitations.services.cohort import CohortError, cohort_select
from population.models import CareUnit
from population.services.audit import command_actor
from rhs_portal.commands import PortalCommand, Refused


class Command(PortalCommand):
    help = "Add everyone in the unit who turns the given ages in YEAR to that year's invitation round."
    takes_now = True

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="The care unit's HSA-id.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--ages", default="", help="Comma-separated, e.g. 40,50,60 (default: the region's).")
        super().add_arguments(parser)

    def run(self, *, unit: str, year: int, ages: str, now=None, **options) -> dict:
        care_unit = CareUnit.objects.filter(hsa_id=unit).select_related("region").first()
        if care_unit is None:
            raise Refused(_("No care unit has the HSA-id %(hsa)s.") % {"hsa": unit})
        try:
            _round, added = cohort_select(
                unit=care_unit, year=year, ages=parse_ages(ages) or None, actor=command_actor(care_unit), now=now
            )
        except CohortError as exc:
            raise Refused(str(exc)) from None
        return {"selected": added}
