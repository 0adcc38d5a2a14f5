"""Forms of the replies: answer and close, answers taken on the phone or on paper, reopening, call attempts."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from invitations.models import CitizenAnswer
from responses.models import CallOutcome
from responses.services.replies import MAX_REPLY_CHARS

ANSWER_CHOICES = [
    (c.value, c.label) for c in (CitizenAnswer.SELF_BOOK, CitizenAnswer.CALL_ME, CitizenAnswer.DECLINE)
]
CHANNEL_CHOICES = [
    ("phone", pgettext_lazy("answer channel", "On the phone")),
    ("letter", pgettext_lazy("answer channel", "In a reply letter")),
]


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply to the citizen"),
        max_length=MAX_REPLY_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Insert a standard text with + and change it as needed."),
        error_messages={"required": _("Write the reply (insert a standard text with +).")},
    )


class AnswerRecordForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the answer.")},
    )
    channel = forms.ChoiceField(
        label=_("The answer came"),
        choices=CHANNEL_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how the answer came.")},
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ReopenForm(forms.Form):
    note = forms.CharField(
        label=_("Why is it opened again?"),
        max_length=300,
        help_text=_("For example: called 3 May and wants a health dialogue after all."),
        error_messages={"required": _("Write why the participation is opened again.")},
    )
    call_list = forms.BooleanField(label=_("Put the person on the call list"), required=False)


class CallLogForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome of the call"),
        choices=CallOutcome.choices,
        error_messages={"required": _("Choose what came of the call.")},
    )
    call_back_at = forms.DateTimeField(
        label=_("Call back"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Only for 'call later'."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
    number = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == CallOutcome.CALL_LATER and not data.get("call_back_at"):
            self.add_error("call_back_at", _("Give the time to call back."))
        return data
