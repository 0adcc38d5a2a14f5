"""The visits app's section on the person page: each participation's questionnaire, lab and visit."""

from population.person_panels import person_panel
from rhs_portal.roles import Capability


@person_panel(order=40, template="visits/_person_panel.html")
def health_dialogue(request, person):
    staff = request.staff
    if not (staff.can(Capability.VISIT_CONDUCT) or staff.can(Capability.QUESTIONNAIRE_ENTER)):
        return None
    from invitations.selectors import participations_of_person
    from questionnaire.selectors import questionnaire_statuses
    from visits.models import Visit

    participations = list(participations_of_person(user=request.user, unit=staff.unit, person=person))
    if not participations:
        return None
    statuses = questionnaire_statuses(participation_ids=[p.pk for p in participations])
    visits = {v.participation_id: v for v in Visit.objects.filter(participation__in=participations)}
    return {
        "rows": [(p, statuses[p.pk], visits.get(p.pk)) for p in participations],
        "can_visit": staff.can(Capability.VISIT_CONDUCT),
        "can_enter": staff.can(Capability.QUESTIONNAIRE_ENTER),
    }
