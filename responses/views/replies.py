"""Answer and close on the case page, answers taken on the phone or on paper, reopening a declined participation."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from invitations.models import ParticipationState
from invitations.selectors.cases import case_get_for_user
from population.services.audit import Actor
from responses.call_selectors import participation_for_answer
from responses.reply_forms import AnswerRecordForm, ReopenForm, ReplyForm
from responses.services.answers import AnswerError, participation_answer_record, participation_reopen
from responses.services.replies import ReplyError, case_reply_and_close
from responses.views._common import back_to
from rhs_portal.access import staff_view
from rhs_portal.feedback import form_errors_to_messages
from rhs_portal.roles import Capability

DONE = {
    "self_book": gettext_lazy(
        "The case is answered and closed. A booking basis is ready (60 days) and lab tests are ordered."
    ),
    "call_me": gettext_lazy("The case is answered and closed. The person is on the call list."),
    "decline": gettext_lazy("The case is answered and closed. The participation is declined."),
}


@require_POST
@staff_view(Capability.CASE_HANDLE)
def case_reply_close(request, pk: int):
    """ "Besvara och avsluta": the reply goes out, the next step is taken and the case closes."""
    case = case_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("invitations:case_detail", pk=case.pk)
    try:
        case_reply_and_close(case=case, text=form.cleaned_data["text"], actor=Actor.from_request(request))
    except ReplyError as exc:
        messages.error(request, str(exc))
    else:
        if case.answer == "call_me" and case.participation.state == ParticipationState.BOOKED:
            messages.success(request, _("The case is answered and closed."))
        else:
            messages.success(request, DONE[case.answer])
    return redirect("invitations:case_detail", pk=case.pk)


def _participation_form_post(request, pk: int, form_class, act) -> HttpResponse:
    """A staff form on the person page's answers panel: validate, act on the participation, say how it went.

    `act(participation, cleaned_data)` returns the success message or raises AnswerError.
    """
    participation = participation_for_answer(user=request.user, unit=request.staff.unit, pk=pk)
    back = back_to(request, reverse("population:person_detail", args=[participation.person_id]))
    form = form_class(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(back)
    try:
        message = act(participation, form.cleaned_data)
    except AnswerError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, message)
    return redirect(back)


@require_POST
@staff_view(Capability.CASE_HANDLE)
def participation_answer(request, pk: int):
    def act(participation, data):
        case = participation_answer_record(participation=participation, actor=Actor.from_request(request), **data)
        if case:
            return _("The answer is recorded. Answer and close the case to send the reply.")
        return _("The answer is recorded.")

    return _participation_form_post(request, pk, AnswerRecordForm, act)


@require_POST
@staff_view(Capability.CASE_HANDLE)
def participation_reopen_view(request, pk: int):
    def act(participation, data):
        participation_reopen(participation=participation, actor=Actor.from_request(request), **data)
        return _("The participation is open again: book a time or call the person.")

    return _participation_form_post(request, pk, ReopenForm, act)
