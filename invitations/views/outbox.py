"""The demo outbox: every e-mail and SMS the portal sent to the unit's people (only with RHS_DEMO_MODE).

In the embedded set-up nothing leaves the machine; this page (and var/outbox/)
shows what a citizen would have received, so a new user can follow the link.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from notifications import selectors as outbox
from notifications.services import messages_deliver_now
from population.models import AccessAction
from population.selectors import persons_for_user
from population.services.audit import Actor, Auditor
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from rhs_portal.tables import paginate


def _require_demo():
    if not settings.RHS_DEMO_MODE:
        raise Http404("The outbox viewer exists in demo mode only.")


def _unit_person_ids(request):
    return persons_for_user(user=request.user, unit=request.staff.unit, capability=Capability.CASE_HANDLE).values("pk")


@staff_view(Capability.CASE_HANDLE)
def demo_outbox(request):
    _require_demo()
    person_ids = _unit_person_ids(request)
    page = paginate(request, outbox.dispatches_for_persons(person_ids=person_ids).order_by("-sent_at", "-id"))
    Auditor(Actor.from_request(request)).record_many(
        action=AccessAction.VIEW, person_ids=[d.message.person_id for d in page], object_type="notifications.dispatch",
        detail="demo outbox",
    )
    return render(request, "invitations/demo_outbox.html", {
        "page_obj": page, "queued": outbox.queued_count(person_ids=person_ids),
        "copy_dir": settings.RHS_OUTBOX_COPY_DIR,
    })


@require_POST
@staff_view(Capability.CASE_HANDLE)
def demo_outbox_deliver(request):
    _require_demo()
    delivered = messages_deliver_now(person_ids=_unit_person_ids(request))
    messages.success(request, ngettext("%(n)d message was delivered.", "%(n)d messages were delivered.", delivered)
                     % {"n": delivered})
    return redirect("invitations:demo_outbox")
