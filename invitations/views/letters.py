"""Letter batches: make one PDF of the letter list, download and print it, or hand it to the print shop."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from invitations.forms import ContactSelectionForm
from invitations.models import ContactKind
from invitations.selectors.contacts import contacts_by_ids, letter_list
from invitations.selectors.letters import letter_batch_get_for_user, letter_get_for_user, letters_of
from invitations.services.letters import (
    LetterError,
    letter_batch_create,
    letter_batch_discard,
    letter_batch_download,
    letter_batch_hand_over,
    letter_batch_mark_printed,
    letter_batch_retry,
    letter_mark_returned,
    letter_reprint,
)
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from rhs_portal.access import staff_view
from rhs_portal.downloads import pdf_response
from rhs_portal.roles import Capability
from rhs_portal.statemachine import TransitionConflict, TransitionNotAllowed
from rhs_portal.tables import paginate


@require_POST
@staff_view(Capability.CASE_HANDLE)
def letter_batch_new(request):
    unit = request.staff.unit
    form = ContactSelectionForm(request.POST)
    chosen = form.cleaned_data["contacts"] if form.is_valid() else []
    contacts = (contacts_by_ids(user=request.user, unit=unit, ids=chosen, kind=ContactKind.LETTER) if chosen
                else letter_list(user=request.user, unit=unit))
    try:
        batch = letter_batch_create(unit=unit, contacts=contacts.select_related("participation__person"),
                                    actor=Actor.from_request(request))
    except LetterError as exc:
        messages.error(request, str(exc))
        return redirect("invitations:letter_list")
    return redirect("invitations:letter_batch", pk=batch.pk)


def _detail_context(request, batch):
    page = paginate(request, letters_of(batch), per_page=50)
    return {"batch": batch, "page_obj": page,
            "poll_url": reverse("invitations:letter_batch_progress", args=[batch.pk])}


@staff_view(Capability.CASE_HANDLE)
def letter_batch_detail(request, pk: int):
    batch = letter_batch_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    context = _detail_context(request, batch)
    # The page lists names and references, not addresses: one log row for the list (ADR 3).
    Auditor(Actor.from_request(request)).record(
        action=AccessAction.SEARCH, detail=f"{batch.reference}: list of letters page {context['page_obj'].number}"
    )
    return render(request, "invitations/letter_batch.html", context)


@staff_view(Capability.CASE_HANDLE)
def letter_batch_progress(request, pk: int):
    """The progress fragment, polled while the PDF is made; when done, the whole page reloads."""
    batch = letter_batch_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    response = render(request, "invitations/_letter_progress.html",
                      {"batch": batch, "running": batch.is_busy, "poll_url": request.path})
    if not batch.is_busy:
        response["HX-Refresh"] = "true"
    return response


@staff_view(Capability.CASE_HANDLE)
def letter_batch_pdf(request, pk: int):
    batch = letter_batch_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    try:
        content = letter_batch_download(batch=batch, actor=Actor.from_request(request))
    except LetterError as exc:
        messages.error(request, str(exc))
        return redirect("invitations:letter_batch", pk=batch.pk)
    return pdf_response(f"{batch.reference}.pdf", content)


def _act(request, pk: int, action, done: str):
    batch = letter_batch_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    try:
        action(batch=batch, actor=Actor.from_request(request))
    except LetterError as exc:
        messages.error(request, str(exc))
    except TransitionConflict as exc:
        messages.warning(request, str(exc.message))
    except TransitionNotAllowed:
        messages.error(request, _("That cannot be done with the batch now."))
    else:
        messages.success(request, done)
    return redirect("invitations:letter_batch", pk=batch.pk)


@require_POST
@staff_view(Capability.CASE_HANDLE)
def letter_batch_printed(request, pk: int):
    return _act(request, pk, letter_batch_mark_printed, _("The batch is marked printed."))


@require_POST
@staff_view(Capability.CASE_HANDLE)
def letter_batch_print_shop(request, pk: int):
    return _act(request, pk, letter_batch_hand_over, _("The PDF and the list of letters were sent to the print shop."))


@require_POST
@staff_view(Capability.CASE_HANDLE)
def letter_batch_discard_view(request, pk: int):
    return _act(request, pk, letter_batch_discard, _("The batch was discarded; its letters are back on the list."))


@require_POST
@staff_view(Capability.CASE_HANDLE)
def letter_batch_retry_view(request, pk: int):
    return _act(request, pk, letter_batch_retry, _("The PDF is being made again."))


@staff_view(Capability.CASE_HANDLE)
def letter_reprint_view(request, pk: int):
    letter = letter_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    try:
        content = letter_reprint(letter=letter, actor=Actor.from_request(request))
    except LetterError as exc:
        messages.error(request, str(exc))
        return redirect("invitations:letter_batch", pk=letter.batch_id)
    return pdf_response(f"{letter.contact.reference}.pdf", content)


@require_POST
@staff_view(Capability.CASE_HANDLE)
def letter_returned(request, pk: int):
    letter = letter_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    try:
        letter_mark_returned(letter=letter, actor=Actor.from_request(request))
    except LetterError as exc:
        messages.error(request, str(exc))
    except TransitionNotAllowed:
        messages.error(request, _("The letter is already registered as returned."))
    else:
        messages.success(request, _("Returned mail registered. %(name)s is on the phone list.")
                         % {"name": letter.contact.participation.person})
    return redirect("invitations:letter_batch", pk=letter.batch_id)

