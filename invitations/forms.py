from django import forms
from django.utils.translation import gettext_lazy as _

from invitations.models import CASE_TEMPLATES, CaseStatus, Route, TemplateKind
from invitations.selectors.cases import CaseFilters
from invitations.services.cohort import CohortError, validate_ages


def parse_ages(raw: str) -> list[int]:
    try:
        return [int(part) for part in raw.replace(" ", "").split(",") if part]
    except ValueError:
        raise CohortError(_("Write the ages as whole numbers separated by commas, e.g. 40, 50, 60.")) from None


class CohortSelectForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    ages = forms.CharField(
        label=_("Ages"),
        max_length=60,
        help_text=_("The ages people turn during the year, separated by commas."),
    )

    def clean_ages(self):
        try:
            return validate_ages(parse_ages(self.cleaned_data["ages"]))
        except CohortError as exc:
            raise forms.ValidationError(str(exc)) from None


class TemplateRadioSelect(forms.RadioSelect):
    """Radio buttons where some choices can be shown but not chosen (the web-times template without web times)."""

    def __init__(self, *args, disabled_values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.disabled_values = set(disabled_values)

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.disabled_values:
            option["attrs"]["disabled"] = True
        return option


class BatchCreateForm(forms.Form):
    template_kind = forms.ChoiceField(label=_("Template"), widget=TemplateRadioSelect)
    size = forms.IntegerField(
        label=_("Number of people"), min_value=1, max_value=1000, initial=25,
        help_text=_("The recommendation is at most 25 per batch. They are taken in the round's random order."),
    )
    ages = forms.MultipleChoiceField(label=_("Ages"), required=False, widget=forms.CheckboxSelectMultiple,
                                     help_text=_("None ticked: every age."))
    reachability = forms.ChoiceField(label=_("Reachability"), required=False)
    confirm_large = forms.BooleanField(label=_("Yes, I want a batch of more than 25 people"), required=False)

    def __init__(self, *args, round_, web_times: bool, **kwargs):
        super().__init__(*args, **kwargs)
        web, phone = TemplateKind.INVITATION_WEB, TemplateKind.INVITATION_PHONE
        self.web_times = web_times
        web_label = web.label if web_times else _("%(label)s – no web times") % {"label": web.label}
        self.fields["template_kind"].choices = [(web.value, web_label), (phone.value, phone.label)]
        self.fields["template_kind"].widget.disabled_values = set() if web_times else {web.value}
        self.fields["template_kind"].initial = web.value if web_times else phone.value
        self.fields["ages"].choices = [(str(a), str(a)) for a in sorted(round_.ages)]
        self.fields["reachability"].choices = [
            ("", _("Everyone")),
            (Route.DIGITAL.value, _("Reachable digitally")),
            (Route.PHONE.value, _("By phone (not reachable digitally)")),
            (Route.LETTER.value, _("By letter (no phone)")),
        ]

    def clean_template_kind(self):
        value = self.cleaned_data["template_kind"]
        if value == TemplateKind.INVITATION_WEB and not self.web_times:
            raise forms.ValidationError(
                _("The unit has no free web booking times, so the invitation with web times cannot be used."))
        return value

    def clean_ages(self):
        return tuple(int(a) for a in self.cleaned_data["ages"])

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("size") or 0) > 25 and not cleaned.get("confirm_large"):
            self.add_error("confirm_large", _("More than 25 people: tick the box to confirm the larger batch."))
        return cleaned


class BatchMessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the recipients"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Added after the template's text. Insert a standard text with its button."),
    )


AGE_CHOICES = [(str(a), str(a)) for a in (30, 40, 50, 60, 70)]


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    template = forms.ChoiceField(label=_("Template"), required=False)
    age = forms.TypedChoiceField(label=_("Age"), required=False, coerce=int, empty_value=None)
    assignee = forms.TypedChoiceField(label=_("Case handler"), required=False, coerce=int, empty_value=None)
    include_closed = forms.BooleanField(label=_("Include closed cases"), required=False)

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *CaseStatus.choices]
        self.fields["template"].choices = [("", _("All templates")), *CASE_TEMPLATES]
        self.fields["age"].choices = [("", _("All ages")), *AGE_CHOICES]
        self.fields["assignee"].choices = [
            ("", _("Everyone")), ("0", _("Not assigned")), *[(str(u.pk), str(u)) for u in handlers]
        ]

    def filters(self, queue: str):
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return CaseFilters(
            queue=queue, status=data.get("status") or "", template=data.get("template") or "",
            age=data.get("age"), assignee=data.get("assignee"), include_closed=bool(data.get("include_closed")),
        )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=None, required=False,
                                      empty_label=_("Nobody (take back)"))

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = handlers


class BulkAssignForm(AssignForm):
    cases = forms.TypedMultipleChoiceField(coerce=int, required=True, choices=(),
                                           error_messages={"required": _("Tick the cases to assign.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.fields["cases"].choices = [(v, v) for v in self.data.getlist("cases")]


class ContactSelectionForm(forms.Form):
    """Ticked rows of a list (ids); none ticked means the whole list."""

    contacts = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.fields["contacts"].choices = [(v, v) for v in self.data.getlist("contacts")]
