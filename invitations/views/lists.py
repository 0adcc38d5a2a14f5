"""The letter list: people invited by letter (contacts, not 1177 cases).

The call list of phone contacts is the responses app's (ADR 19). The list
shows contact data (addresses), so every person shown is logged (ADR 3).
"""

from django.shortcuts import render

from invitations.selectors.contacts import letter_list
from invitations.selectors.letters import letter_batches_for_user
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from rhs_portal.tables import apply_sort, paginate

CONTACT_SORTS = {
    "name": ("participation__person__last_name", "participation__person__first_name"),
    "pnr": "participation__person__personnummer",
    "age": "age",
    "reason": "reason",
    "since": "created_at",
}


def _contact_page(request, contacts, what: str):
    """Sorted, paginated, and every person shown logged (contact data: ADR 3)."""
    contacts, sort = apply_sort(request, contacts, CONTACT_SORTS, "since")
    page = paginate(request, contacts)
    Auditor(Actor.from_request(request)).record_many(
        action=AccessAction.VIEW, person_ids=[c.participation.person_id for c in page],
        object_type="invitations.contact", detail=what,
    )
    return {"page_obj": page, "sort": sort}


@staff_view(Capability.CASE_HANDLE)
def letter_list_view(request):
    unit = request.staff.unit
    return render(request, "invitations/letter_list.html", {
        **_contact_page(request, letter_list(user=request.user, unit=unit), "letter list"),
        "batches": letter_batches_for_user(user=request.user, unit=unit)[:20],
    })
