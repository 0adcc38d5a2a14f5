"""The call list ("Ring upp"): one list of people to phone, with every call logged.

The list shows contact data (phone numbers), so every person shown is logged (ADR 3).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from invitations.models import TemplateKind
from invitations.services.recipients import message_context
from invitations.services.templates import TemplateMissing, template_render
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from responses.call_selectors import call_contact_get_for_user, call_list, call_list_later
from responses.models import CallOutcome
from responses.reply_forms import CallLogForm
from responses.services.calls import CallError, call_attempt_log
from rhs_portal.access import staff_view
from rhs_portal.feedback import form_errors_to_messages
from rhs_portal.roles import Capability
from rhs_portal.tables import paginate

LATER_SHOWN = 50  # the next call-backs shown below the list


def _guide(unit, kind: str):
    """The phone script and "Hur skyddas mina data?", shown beside the list."""
    try:
        return template_render(
            kind=kind,
            unit=unit,
            language="sv",
            context=message_context(person=None, unit=unit, language="sv"),
        )
    except TemplateMissing:
        return None


@staff_view(Capability.BOOKING_MANAGE)
def call_list_view(request):
    unit, now = request.staff.unit, timezone.now()
    page = paginate(request, call_list(user=request.user, unit=unit, now=now))
    for contact in page:
        contact.last_outcome_label = CallOutcome(contact.last_outcome).label if contact.last_outcome else ""
    later = list(call_list_later(user=request.user, unit=unit, now=now)[:LATER_SHOWN])
    Auditor(Actor.from_request(request), now=now).record_many(
        action=AccessAction.VIEW,
        person_ids=[c.participation.person_id for c in [*page, *later]],
        object_type="invitations.contact",
        detail="call list",
    )
    return render(
        request,
        "responses/call_list.html",
        {
            "page_obj": page,
            "later": later,
            "script": _guide(unit, TemplateKind.PHONE_SCRIPT),
            "data_protection": _guide(unit, TemplateKind.DATA_PROTECTION),
            "outcomes": CallOutcome.choices,
            "can_answer": request.staff.can(Capability.CASE_HANDLE),
        },
    )


@require_POST
@staff_view(Capability.BOOKING_MANAGE)
def call_log(request, pk: int):
    contact = call_contact_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    form = CallLogForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("responses:call_list")
    data = form.cleaned_data
    try:
        attempt = call_attempt_log(
            contact=contact,
            outcome=data["outcome"],
            call_back_at=data["call_back_at"],
            note=data["note"],
            expected_number=data["number"],
            actor=Actor.from_request(request),
        )
    except CallError as exc:
        messages.error(request, str(exc))
    else:
        contact.refresh_from_db(fields=["status"])
        name = contact.participation.person.full_name
        if attempt.outcome == CallOutcome.BOOKED:
            text = _("Call to %(name)s logged: booked. The questionnaire is sent.")
        elif attempt.outcome == CallOutcome.CALL_LATER:
            text = _("Call to %(name)s logged: call back %(at)s.")
        elif attempt.outcome == CallOutcome.DECLINED:
            text = _("Call to %(name)s logged: declined. No more reminders are sent.")
        elif contact.status == "done":
            text = _(
                "Call to %(name)s logged. Not reached after the last call: the person is on the letter list."
            )
        else:
            text = _("Call to %(name)s logged: %(outcome)s.")
        at = (
            timezone.localtime(attempt.call_back_at).strftime("%Y-%m-%d %H:%M")
            if attempt.call_back_at
            else ""
        )
        messages.success(
            request, text % {"name": name, "at": at, "outcome": attempt.get_outcome_display().lower()}
        )
    return redirect("responses:call_list")
