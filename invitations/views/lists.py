"""The phone list and the letter list: people invited by phone or by letter (contacts, not 1177 cases).

These lists show contact data (phone numbers, addresses), so every person
shown is logged (ADR 3).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from invitations.forms import ContactDoneForm
from invitations.models import ContactKind, TemplateKind
from invitations.selectors.contacts import contact_get_for_user, letter_list, phone_list
from invitations.selectors.letters import letter_batches_for_user
from invitations.services.contacts import contact_mark_done
from invitations.services.recipients import message_context
from invitations.services.templates import TemplateMissing, template_render
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from rhs_portal.statemachine import TransitionConflict, TransitionNotAllowed
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


def _guide(unit, kind: str):
    try:
        return template_render(kind=kind, unit=unit, language="sv", context=message_context(
            person=None, unit=unit, language="sv"))
    except TemplateMissing:
        return None


@staff_view(Capability.CASE_HANDLE)
def phone_list_view(request):
    unit = request.staff.unit
    return render(request, "invitations/phone_list.html", {
        **_contact_page(request, phone_list(user=request.user, unit=unit), "phone list"),
        "script": _guide(unit, TemplateKind.PHONE_SCRIPT),
        "data_protection": _guide(unit, TemplateKind.DATA_PROTECTION),
    })


@require_POST
@staff_view(Capability.CASE_HANDLE)
def phone_contact_done(request, pk: int):
    contact = contact_get_for_user(user=request.user, unit=request.staff.unit, pk=pk, kind=ContactKind.PHONE)
    form = ContactDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write what came of the call."))
        return redirect("invitations:phone_list")
    try:
        contact_mark_done(contact=contact, outcome=form.cleaned_data["outcome"], actor=Actor.from_request(request))
    except TransitionConflict as exc:
        messages.warning(request, str(exc.message))
    except TransitionNotAllowed:
        messages.error(request, _("This contact is already handled."))
    else:
        messages.success(request, _("%(name)s is off the phone list.") % {"name": contact.participation.person})
    return redirect("invitations:phone_list")


@staff_view(Capability.CASE_HANDLE)
def letter_list_view(request):
    unit = request.staff.unit
    return render(request, "invitations/letter_list.html", {
        **_contact_page(request, letter_list(user=request.user, unit=unit), "letter list"),
        "batches": letter_batches_for_user(user=request.user, unit=unit)[:20],
    })
