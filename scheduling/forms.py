import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from scheduling.models import VISIT_MINUTES
from scheduling.services.series import MAX_SLOT_MINUTES, MIN_SLOT_MINUTES, SeriesPlan

WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


def _time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SeriesForm(forms.Form):
    nurse = forms.ModelChoiceField(label=_("Nurse"), queryset=None, empty_label=_("Choose a nurse"))
    room = forms.ModelChoiceField(label=_("Room"), queryset=None, empty_label=_("Choose a room"))
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    day_start = forms.TimeField(label=_("From"), widget=_time_input(), initial=dt.time(8))
    day_end = forms.TimeField(label=_("Until"), widget=_time_input(), initial=dt.time(16))
    break_start = forms.TimeField(
        label=_("Break from (optional)"), required=False, widget=_time_input(),
        help_text=_("No time is placed over the break, e.g. lunch."),
    )
    break_end = forms.TimeField(label=_("Break until (optional)"), required=False, widget=_time_input())
    first_date = forms.DateField(label=_("First date"), widget=forms.DateInput(attrs={"type": "date"}))
    weeks = forms.IntegerField(label=_("Number of weeks"), min_value=1, max_value=52, initial=8)
    slot_minutes = forms.IntegerField(
        label=_("Minutes per time"), min_value=MIN_SLOT_MINUTES, max_value=MAX_SLOT_MINUTES, initial=VISIT_MINUTES,
        help_text=_("A health dialogue takes 75 minutes; longer times suit visits with an interpreter."),
    )
    web_bookable = forms.BooleanField(
        label=_("Citizens can book these times on the web"), required=False, initial=True,
        help_text=_("Without the tick, only staff can book them (on the phone)."),
    )
    skip_overlaps = forms.BooleanField(
        label=_("Leave out the times that overlap existing times"), required=False,
        help_text=_("Otherwise nothing is created while any time overlaps."),
    )

    def __init__(self, *args, nurses, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nurse"].queryset = nurses
        self.fields["room"].queryset = rooms

    def plan(self) -> SeriesPlan:
        data = self.cleaned_data
        return SeriesPlan(
            weekdays=tuple(data["weekdays"]), day_start=data["day_start"], day_end=data["day_end"],
            first_date=data["first_date"], weeks=data["weeks"], slot_minutes=data["slot_minutes"],
            break_start=data.get("break_start"), break_end=data.get("break_end"),
        )


class BulkSlotsForm(forms.Form):
    ACTIONS = [("block", _("Block")), ("unblock", _("Unblock")), ("remove", _("Remove"))]

    slots = forms.ModelMultipleChoiceField(
        label=_("Times"), queryset=None, error_messages={"required": _("Tick at least one time.")}
    )
    action = forms.ChoiceField(label=_("What to do with the ticked times"), choices=ACTIONS)
    reason = forms.CharField(
        label=_("Reason for blocking"), required=False, max_length=200,
        help_text=_("For example: the nurse is away. Shown to staff only."),
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slots"].queryset = slots


class BlockForm(forms.Form):
    reason = forms.CharField(label=_("Reason for blocking"), required=False, max_length=200)


class LengthForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=MIN_SLOT_MINUTES, max_value=MAX_SLOT_MINUTES,
        help_text=_("For example 105 for a visit with an interpreter."),
    )


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Name of the room"), max_length=80)
    directions = forms.CharField(
        label=_("Directions for the citizen (optional)"), required=False, max_length=200,
        help_text=_("For example: Floor 2, turn left at the reception."),
    )


class WeekFilterForm(forms.Form):
    vecka = forms.DateField(label=_("Week of"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    skoterska = forms.ModelChoiceField(label=_("Nurse"), queryset=None, required=False, empty_label=_("All"))
    rum = forms.ModelChoiceField(label=_("Room"), queryset=None, required=False, empty_label=_("All"))

    def __init__(self, *args, nurses, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skoterska"].queryset = nurses
        self.fields["rum"].queryset = rooms
