"""The responses app's sections on the person page (booking and lab; answers and calls) and on the case page."""

from invitations.case_panels import case_panel
from invitations.models import CaseStatus
from invitations.services.templates import standard_texts_for
from population.person_panels import person_panel
from responses import selectors
from responses.call_selectors import answers_and_calls_of_person
from responses.previsit import lab_state
from responses.reply_forms import AnswerRecordForm, ReopenForm, ReplyForm
from responses.services.answers import ANSWERABLE_STATES
from responses.services.replies import reply_texts
from rhs_portal.roles import Capability


@person_panel(order=30, template="responses/_person_booking.html")
def booking(request, person):
    staff = request.staff
    if not staff.can(Capability.BOOKING_MANAGE) and not staff.can(Capability.LAB_MANAGE):
        return None
    rows = []
    for participation in selectors.participations_with_bookings(user=request.user, unit=staff.unit, person=person):
        orders = list(participation.lab_orders.all())
        rows.append({
            "participation": participation,
            "appointments": participation.appointment_list,
            "basis": getattr(participation, "booking_basis", None),
            "needs": getattr(participation, "visit_needs", None),
            "orders": [o for o in orders if o.status != "cancelled"],
            "lab": lab_state(orders),
            "results": participation.current_results,
        })
    if not rows:
        return None
    return {"rows": rows, "can_book": staff.can(Capability.BOOKING_MANAGE), "can_lab": staff.can(Capability.LAB_MANAGE)}


@case_panel(order=10, template="responses/_case_reply.html")
def reply(request, case):
    """An answered case: the reply with "+" standard texts and "Besvara och avsluta".
    An open case not yet answered: record an answer given on the phone or in a reply letter."""
    if not request.staff.can(Capability.CASE_HANDLE):
        return None
    if case.status == CaseStatus.ANSWERED:
        return {
            "case": case, "mode": "reply", "form": ReplyForm(auto_id="reply-%s"),
            "texts": reply_texts(case=case),
            "standard": list(standard_texts_for(unit=case.unit)),
        }
    if case.is_open:
        form = AnswerRecordForm(auto_id="case-answer-%s")
        form.fields["answer"].choices = [(value, label) for value, label in form.fields["answer"].choices
                                         if value in case.answer_options]
        return {"case": case, "mode": "record", "form": form}
    return None


@person_panel(order=26, template="responses/_person_answers.html")
def answers_and_calls(request, person):
    """Answers (with the channel), calls, and the staff actions: record an answer, reopen a declined one."""
    staff = request.staff
    if not staff.can(Capability.CASE_HANDLE) and not staff.can(Capability.BOOKING_MANAGE):
        return None
    participations = answers_and_calls_of_person(user=request.user, unit=staff.unit, person=person)
    if not participations:
        return None
    can_answer = staff.can(Capability.CASE_HANDLE)
    rows = [
        {
            "participation": p,
            "answer_form": AnswerRecordForm(auto_id=f"answer-{p.pk}-%s")
            if can_answer and p.state in ANSWERABLE_STATES and p.state != "declined" else None,
            "reopen_form": ReopenForm(auto_id=f"reopen-{p.pk}-%s") if can_answer and p.state == "declined" else None,
        }
        for p in participations
    ]
    return {"rows": rows, "person": person}
