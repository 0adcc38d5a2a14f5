from retention.services import retention_plan, retention_sweep
from rhs_portal.commands import PortalCommand


class Command(PortalCommand):
    help = "Remove data older than its retention rule allows and report what was removed (--dry-run: only the plan)."
    takes_now = True

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")
        super().add_arguments(parser)

    def run(self, *, dry_run: bool, now=None, **options) -> dict:
        if dry_run:
            return {p["target"]: {"keep_days": p["keep_days"], "before": p["before"]} for p in retention_plan(now=now)}
        return retention_sweep(now=now).report
