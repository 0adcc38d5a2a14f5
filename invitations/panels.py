"""The invitations app's sections on the person page."""

from invitations import selectors
from invitations.selectors.cases import cases_of_person, contacts_of_person
from population.person_panels import person_panel
from rhs_portal.roles import Capability


@person_panel(order=20, template="invitations/_person_participations.html")
def participations(request, person):
    return {
        "participations": selectors.participations_of_person(
            user=request.user, unit=request.staff.unit, person=person
        )
    }


@person_panel(order=25, template="invitations/_person_cases.html")
def cases_and_contacts(request, person):
    """The person's invitation cases and contacts (phone, letter) in the active unit."""
    if not request.staff.can(Capability.CASE_HANDLE):
        return None
    unit = request.staff.unit
    cases = list(cases_of_person(user=request.user, unit=unit, person=person))
    contacts = list(contacts_of_person(user=request.user, unit=unit, person=person))
    if not cases and not contacts:
        return None
    return {"cases": cases, "contacts": contacts}
