"""Before the visit: the checklist (questionnaire answered? lab results in?), reminders, and holding the visit."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from population.services.audit import Actor, Auditor
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from visits import selectors
from visits.services.visit import VisitNotPossible, visit_start


@staff_view(Capability.VISIT_CONDUCT)
def checklist(request, participation_pk: int):
    participation = selectors.participation_for_user(user=request.user, unit=request.staff.unit, pk=participation_pk)
    check = selectors.checklist_for(participation)
    Auditor(Actor.from_request(request)).view(participation.person, obj=participation, detail="pre-visit checklist")
    return render(request, "visits/checklist.html", {"participation": participation, "check": check,
                                                     "person": participation.person})


@require_POST
@staff_view(Capability.VISIT_CONDUCT)
def start(request, participation_pk: int):
    participation = selectors.participation_for_user(user=request.user, unit=request.staff.unit, pk=participation_pk)
    try:
        visit = visit_start(participation=participation, actor=Actor.from_request(request))
    except VisitNotPossible as exc:
        messages.error(request, str(exc))
        return redirect("visits:checklist", participation_pk=participation.pk)
    return redirect("visits:visit", pk=visit.pk)


@require_POST
@staff_view(Capability.VISIT_CONDUCT)
def send_reminder(request, participation_pk: int):
    participation = selectors.participation_for_user(user=request.user, unit=request.staff.unit, pk=participation_pk)
    from visits.services.reminders import ReminderNotPossible, previsit_reminder_send

    try:
        reminder = previsit_reminder_send(participation=participation, actor=Actor.from_request(request))
    except ReminderNotPossible as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The reminder is on its way (%(channel)s).") % {"channel": reminder.channel})
    return redirect("visits:checklist", participation_pk=participation.pk)
