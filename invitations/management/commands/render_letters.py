from pathlib import Path

from django.utils.translation import gettext as _

from invitations.models import LetterBatch
from invitations.services.letters import LetterError, letter_batch_render_to
from population.services.audit import command_actor
from rhs_portal.commands import PortalCommand, Refused


class Command(PortalCommand):
    help = "Render a letter batch's letters (an invitation and a reply letter per person) to one PDF file."

    def add_arguments(self, parser):
        parser.add_argument("--batch", required=True, type=int, help="The letter batch's id.")
        parser.add_argument("--out", required=True, help="The PDF file to write.")
        parser.add_argument("--workers", type=int, default=1, help="Processes rendering in parallel (default 1).")
        super().add_arguments(parser)

    def run(self, *, batch: int, out: str, workers: int, **options) -> dict:
        letter_batch = LetterBatch.objects.select_related("unit__region").filter(pk=batch).first()
        if letter_batch is None:
            raise Refused(_("There is no letter batch %(id)s.") % {"id": batch})
        target = Path(out)
        if not target.parent.is_dir():
            raise Refused(_("The folder %(folder)s does not exist.") % {"folder": target.parent})
        try:
            stats = letter_batch_render_to(batch=letter_batch, out=target, actor=command_actor(letter_batch.unit),
                                           workers=max(1, workers))
        except LetterError as exc:
            raise Refused(str(exc)) from None
        return {"batch": letter_batch.reference, "letters": stats.letters, "pages": stats.pages,
                "seconds": round(stats.seconds, 2), "out": str(target)}
