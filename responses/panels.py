"""The booking and lab section of the person page."""

from population.person_panels import person_panel
from responses import selectors
from responses.previsit import lab_state
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
