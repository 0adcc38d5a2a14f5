from django.utils.translation import gettext as _

from invitations.models import Round, TemplateKind
from invitations.services.batches import BatchError, BatchFilters, NoOneToInvite, batch_create, batch_send
from population.models import CareUnit
from population.services.audit import command_actor
from rhs_portal.commands import PortalCommand, Refused

TEMPLATES = {"web": TemplateKind.INVITATION_WEB, "phone": TemplateKind.INVITATION_PHONE}


class Command(PortalCommand):
    help = (
        "Invite the next LIMIT people of the unit's round for YEAR (in the round's random order) through the "
        "right channel: digital inbox, phone list or letter list."
    )
    takes_now = True

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="The care unit's HSA-id.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--template", required=True, choices=sorted(TEMPLATES),
                            help="web: invitation with web times; phone: invitation via telephone.")
        parser.add_argument("--limit", required=True, type=int,
                            help="How many participations to take from the round (excluded ones count).")
        super().add_arguments(parser)

    def run(self, *, unit: str, year: int, template: str, limit: int, now=None, **options) -> dict:
        care_unit = CareUnit.objects.filter(hsa_id=unit).select_related("region").first()
        if care_unit is None:
            raise Refused(_("No care unit has the HSA-id %(hsa)s.") % {"hsa": unit})
        round_ = Round.objects.filter(unit=care_unit, year=year).select_related("unit").first()
        if round_ is None:
            raise Refused(_("The unit has no invitation round for %(year)s.") % {"year": year})
        actor = command_actor(care_unit)
        try:
            batch = batch_create(round_=round_, template_kind=TEMPLATES[template], size=limit,
                                 filters=BatchFilters(), actor=actor, confirm_large=True, now=now)
            result = batch_send(batch=batch, actor=actor, now=now)
        except NoOneToInvite:
            return {"digital": 0, "phone": 0, "letter": 0, "excluded": 0}
        except BatchError as exc:
            raise Refused(str(exc)) from None
        return {key: result.counts.get(key, 0) for key in ("digital", "phone", "letter", "excluded")}
