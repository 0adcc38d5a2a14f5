"""The nurse's list of visits: open ones (note not signed) and the recently documented."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from population.models import AccessAction
from population.services.audit import Actor, Auditor
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from visits import selectors


@staff_view(Capability.VISIT_CONDUCT)
def visit_list(request):
    lists = selectors.visit_list(user=request.user, unit=request.staff.unit, now=timezone.now())
    open_visits, documented = list(lists["open"][:200]), list(lists["documented"][:200])
    awaiting = selectors.awaiting_visit(user=request.user, unit=request.staff.unit)
    # Names and the state of the visit only: one row for the list (ADR 3).
    Auditor(Actor.from_request(request)).record(
        action=AccessAction.SEARCH,
        detail=f"visit list awaiting={len(awaiting)} open={len(open_visits)} documented={len(documented)}")
    tables = [
        (_("Visits in progress (note not signed)"), open_visits, _("No visit in progress.")),
        (_("Documented in the last 30 days"), documented, _("No documented visits in the last 30 days.")),
    ]
    return render(request, "visits/visit_list.html", {"tables": tables, "awaiting": awaiting})
