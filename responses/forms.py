from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from responses.lab.analytes import ANALYTES, Analyte, plausibility_problem
from responses.models import CancelReason
from responses.services.day import MOVE_FIRST_FREE, MOVE_SAME_TIME
from scheduling.services.series import MAX_SLOT_MINUTES, MIN_SLOT_MINUTES


class NeedsForm(forms.Form):
    interpreter_language = forms.CharField(
        label=_("Interpreter needed in (language)"), required=False, max_length=60,
        help_text=_("Leave empty when no interpreter is needed."),
    )
    accessibility = forms.CharField(
        label=_("Accessibility needs"), required=False, max_length=300,
        help_text=_("For example wheelchair access, hearing loop, help with reading."),
    )
    longer_visit = forms.BooleanField(label=_("Needs a longer time"), required=False)


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, slot):
        start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
        nurse = slot.nurse.get_full_name() or slot.nurse.get_username()
        return f"{start:%H:%M}–{end:%H:%M} {nurse}, {slot.room.name} ({slot.minutes} min)"


class StaffBookForm(forms.Form):
    slot = SlotChoiceField(label=_("Time"), queryset=None, widget=forms.RadioSelect, empty_label=None,
                           error_messages={"required": _("Choose a time."),
                                           "invalid_choice": _("That time is no longer free. Choose another.")})
    minutes = forms.IntegerField(
        label=_("Length in minutes (optional)"), required=False, min_value=MIN_SLOT_MINUTES,
        max_value=MAX_SLOT_MINUTES,
        help_text=_("Change the length of the time for this visit, e.g. 105 with an interpreter."),
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots


class StaffCancelForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is the time cancelled?"),
        choices=[(CancelReason.CITIZEN, _("The citizen asked for it")), (CancelReason.STAFF, _("The unit cancels"))],
        widget=forms.RadioSelect, initial=CancelReason.CITIZEN,
    )


class BasisExtendForm(forms.Form):
    days = forms.IntegerField(label=_("New deadline in days from today"), min_value=1, max_value=120, initial=30)


class BasisCloseForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200,
                             help_text=_("For example: declined on the phone, or booked at another unit."))


class DayFilterForm(forms.Form):
    datum = forms.DateField(label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    skoterska = forms.ModelChoiceField(label=_("Nurse"), queryset=None, required=False, empty_label=_("All"))

    def __init__(self, *args, nurses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skoterska"].queryset = nurses


class DayBulkForm(forms.Form):
    ACTIONS = [("cancel", _("Cancel the ticked times")), ("move", _("Move the ticked times"))]
    MOVES = [
        (MOVE_SAME_TIME, _("to another nurse at the same time")),
        (MOVE_FIRST_FREE, _("to the first free times from a date")),
    ]

    appointments = forms.ModelMultipleChoiceField(
        label=_("Times"), queryset=None, error_messages={"required": _("Tick at least one time.")}
    )
    action = forms.ChoiceField(label=_("What to do"), choices=ACTIONS, widget=forms.RadioSelect, initial="move")
    move_to = forms.ChoiceField(label=_("Move"), choices=MOVES, widget=forms.RadioSelect, initial=MOVE_SAME_TIME)
    target_nurse = forms.ModelChoiceField(label=_("To nurse"), queryset=None, required=False,
                                          empty_label=_("Any other nurse"))
    from_date = forms.DateField(label=_("First free times from"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    block_slots = forms.BooleanField(label=_("Block the freed times so that nobody books them"), required=False,
                                     initial=True)
    reason = forms.CharField(label=_("Reason for blocking"), required=False, max_length=200,
                             initial=_("The nurse is away"))

    def __init__(self, *args, appointments, nurses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointments"].queryset = appointments
        self.fields["target_nurse"].queryset = nurses


class LabSampledForm(forms.Form):
    sampled_on = forms.DateField(label=_("Sample date"), widget=forms.DateInput(attrs={"type": "date"}))


def _value_field(analyte: str, required: bool) -> forms.DecimalField:
    spec = ANALYTES[analyte]
    return forms.DecimalField(
        label=f"{Analyte(analyte).label} ({spec.unit})", required=required, max_digits=7, decimal_places=2,
        localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class LabResultsForm(forms.Form):
    """The values of one sample: fasting glucose and the lipids, HbA1c when the lab gave it."""

    sampled_on = forms.DateField(label=_("Sample date"), widget=forms.DateInput(attrs={"type": "date"}))
    glucose = _value_field(Analyte.GLUCOSE, required=False)
    total_cholesterol = _value_field(Analyte.TOTAL_CHOLESTEROL, required=False)
    hdl = _value_field(Analyte.HDL, required=False)
    ldl = _value_field(Analyte.LDL, required=False)
    triglycerides = _value_field(Analyte.TRIGLYCERIDES, required=False)
    hba1c = _value_field(Analyte.HBA1C, required=False)

    ANALYTE_FIELDS = ["glucose", "total_cholesterol", "hdl", "ldl", "triglycerides", "hba1c"]

    def clean(self):
        data = super().clean()
        given = {name: data.get(name) for name in self.ANALYTE_FIELDS if data.get(name) is not None}
        for name, value in given.items():
            problem = plausibility_problem(name, Decimal(value))
            if problem:
                self.add_error(name, problem)
        if not given and not self.errors:
            raise forms.ValidationError(_("Enter at least one value."))
        if data.get("sampled_on") and data["sampled_on"] > timezone.localdate():
            self.add_error("sampled_on", _("The sample date cannot be in the future."))
        return data

    def values(self) -> dict[str, Decimal]:
        return {name: self.cleaned_data[name] for name in self.ANALYTE_FIELDS
                if self.cleaned_data.get(name) is not None}


class WeekNurseFilterForm(forms.Form):
    vecka = forms.DateField(label=_("Week of"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    skoterska = forms.ModelChoiceField(label=_("Nurse"), queryset=None, required=False, empty_label=_("All"))

    def __init__(self, *args, nurses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skoterska"].queryset = nurses

