"""The invitations app's sections on the person page."""

from invitations import selectors
from population.person_panels import person_panel


@person_panel(order=20, template="invitations/_person_participations.html")
def participations(request, person):
    return {
        "participations": selectors.participations_of_person(
            user=request.user, unit=request.staff.unit, person=person
        )
    }
