"""The citizen's invitation and inbox: read the invitation in their language, answer with one of its options.

The case becomes read only here, when the confirmed citizen is shown the text
(a fetched link is not a read: mail scanners fetch links). Every page and
answer is audited with the citizen as actor.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from citizen.access import citizen_view
from citizen.sections import citizen_section
from invitations.answers import answer_choices, answer_text
from invitations.selectors.cases import case_messages
from invitations.selectors.citizen import inbox_message_of, inbox_of, invitation_case_of, unread_count
from invitations.services.cases import CaseError, case_answer, case_mark_read, citizen_message_read
from population.models import AccessAction
from population.services.audit import Auditor


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=gettext_lazy("Your answer"), widget=forms.RadioSelect,
                               error_messages={"required": gettext_lazy("Choose one of the answers.")})

    def __init__(self, *args, template_kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = answer_choices(template_kind)


@never_cache
@citizen_view("basic")
def invitation(request):
    citizen = request.citizen
    case = invitation_case_of(citizen.participation)
    if case is None:
        return redirect("citizen:home", token=citizen.token)
    form = AnswerForm(request.POST or None, template_kind=case.template_kind)
    if request.method == "POST" and case.is_open and form.is_valid():
        try:
            case_answer(case=case, answer=form.cleaned_data["answer"], actor=citizen.actor)
        except CaseError as exc:
            messages.error(request, str(exc))
        return redirect("citizen:invitation", token=citizen.token)
    case = case_mark_read(case=case, actor=citizen.actor)
    return render(request, "citizen/invitation.html", {
        "case": case, "form": form, "messages_sent": case_messages(case).filter(channel="inbox", status="sent"),
        "answer_text": answer_text(case.template_kind, case.answer), "unit": citizen.unit,
    })


@never_cache
@citizen_view("basic")
def inbox(request):
    citizen = request.citizen
    Auditor(citizen.actor).record(action=AccessAction.VIEW, person=citizen.person, detail="citizen inbox")
    case = invitation_case_of(citizen.participation)
    return render(request, "citizen/inbox.html", {
        "inbox": inbox_of(citizen.person), "case_ref": case.subject_ref if case else None,
    })


@never_cache
@citizen_view("basic")
def message(request, pk: int):
    citizen = request.citizen
    item = inbox_message_of(citizen.person, pk)
    case = invitation_case_of(citizen.participation)
    if case is not None and item.subject_ref == case.subject_ref:
        return redirect("citizen:invitation", token=citizen.token)
    citizen_message_read(message=item, actor=citizen.actor)
    return render(request, "citizen/message.html", {"item": item})


@citizen_section(order=10, template="citizen/_invitation_section.html")
def invitation_section(request):
    citizen = request.citizen
    case = invitation_case_of(citizen.participation)
    unread = unread_count(citizen.person)
    if case is None and not unread:
        return None
    return {
        "case": case, "unread": unread,
        "answer_text": answer_text(case.template_kind, case.answer) if case else "",
    }
