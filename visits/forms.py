"""Forms of the visit page: they read what the nurse typed (a decimal comma is fine) and check its form.

Plausibility (unusual / impossible values) is the service's job, so that every way of saving
checks the same ranges; these forms only turn text into numbers and offer the choices.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from halsokurva.constants import ROW_KEYS
from halsokurva.texts import texts_for
from visits.dialogue import ALL_DIAGNOSES
from visits.lab_sources import LAB_CODES
from visits.models import FollowUp


class NumberField(forms.CharField):
    """A number typed as text: '82,5' or '82.5'; at most `places` decimals (0: a whole number)."""

    def __init__(self, *, places: int = 1, unit: str = "", **kwargs):
        self.places = places
        self.unit = unit
        attrs = {"inputmode": "decimal" if places else "numeric", "autocomplete": "off", "class": "input--short"}
        super().__init__(required=False, widget=forms.TextInput(attrs=attrs), **kwargs)

    def to_python(self, value):
        text = super().to_python(value).replace(" ", "").replace(",", ".")
        if text == "":
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Write a number, for example 82,5.") if self.places else _("Write a whole number, for example 128.")
            ) from None
        if not number.is_finite() or number < 0:
            raise forms.ValidationError(_("Write a number, for example 82,5."))
        if self.places == 0:
            if number != number.to_integral_value():
                raise forms.ValidationError(_("Write a whole number, for example 128."))
            return int(number)
        if -number.as_tuple().exponent > self.places:
            raise forms.ValidationError(_("Use at most %(places)d decimals.") % {"places": self.places})
        return number


class SectionForm(forms.Form):
    """A visit page section: its values, and which unusual values the nurse confirms."""

    value_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"] = forms.MultipleChoiceField(
            required=False, choices=[(f, f) for f in self.value_fields], widget=forms.MultipleHiddenInput)

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.value_fields if name in self.cleaned_data}

    def confirmed(self) -> set[str]:
        return set(self.cleaned_data.get("confirm") or [])


class MeasurementsForm(SectionForm):
    value_fields = ("height_cm", "weight_kg", "waist_cm", "hip_cm")
    height_cm = NumberField(label=_("Height"), unit="cm")
    weight_kg = NumberField(label=_("Weight"), unit="kg")
    waist_cm = NumberField(label=_("Waist"), unit="cm", help_text=_("Midway between the lowest rib and the hip bone."))
    hip_cm = NumberField(label=_("Hip"), unit="cm", help_text=_("Around the widest part of the buttocks."))


class ActivityForm(SectionForm):
    value_fields = ("exercise_minutes", "everyday_minutes", "activity_note")
    exercise_minutes = NumberField(
        places=0, unit="min", label=_("Exercise that makes you out of breath, minutes a week"),
        help_text=_("Optional. Replaces the questionnaire's answer in the Hälsokurva."))
    everyday_minutes = NumberField(
        places=0, unit="min", label=_("Everyday activity, minutes a week"),
        help_text=_("At least 10 minutes at a time. Optional. Replaces the questionnaire's answer."))
    activity_note = forms.CharField(label=_("Notes on physical activity"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))


class BloodPressureForm(SectionForm):
    value_fields = ("systolic_1", "diastolic_1", "systolic_2", "diastolic_2", "heart_rate")
    systolic_1 = NumberField(places=0, unit="mmHg", label=_("Systolic"))
    diastolic_1 = NumberField(places=0, unit="mmHg", label=_("Diastolic"))
    systolic_2 = NumberField(places=0, unit="mmHg", label=_("Systolic"))
    diastolic_2 = NumberField(places=0, unit="mmHg", label=_("Diastolic"))
    heart_rate = NumberField(places=0, unit="/min", label=_("Heart rate"))


class LabForm(SectionForm):
    """Lab values the nurse enters; the ones a lab source provides are left out."""

    value_fields = ("lab_taken_on", *LAB_CODES)
    lab_taken_on = forms.DateField(label=_("Samples taken"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, provided=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "fp_glucose": _("Fasting plasma glucose"), "nonfasting_glucose": _("Non-fasting plasma glucose"),
            "hba1c": _("HbA1c"), "total_cholesterol": _("Total cholesterol"), "hdl": _("HDL cholesterol"),
            "ldl": _("LDL cholesterol"), "triglycerides": _("Triglycerides"),
        }
        for code, (_label, unit, _loinc) in LAB_CODES.items():
            if code not in provided:
                self.fields[code] = NumberField(places=1 if code == "hba1c" else 2, unit=unit, label=labels[code])
        self.value_fields = tuple(f for f in self.value_fields if f in self.fields)


LEVEL_CHOICES = [("", _("Not set")), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")]


class ProfileForm(SectionForm):
    value_fields = ("livssituation", "sex_used")
    livssituation = forms.TypedChoiceField(
        label=_("Life situation (level 1–4)"), choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False,
        help_text=_("Set in the dialogue: social support, economy, work."), widget=forms.RadioSelect)
    sex_used = forms.ChoiceField(
        label=_("Sex for the sex-specific rules"), required=False, widget=forms.RadioSelect,
        choices=[("male", _("Man")), ("female", _("Woman")), ("", _("Do not use"))],
        help_text=_("From the personal identity number. Change it only when the person's situation calls for it; "
                    "without a sex, waist-hip ratio, waist and HDL are not assessed."))


class DialogueForm(forms.Form):
    discussed_areas = forms.MultipleChoiceField(label=_("Areas we talked about"), required=False,
                                                widget=forms.CheckboxSelectMultiple, choices=())
    follow_up = forms.MultipleChoiceField(label=_("Follow-up plan"), required=False,
                                          widget=forms.CheckboxSelectMultiple, choices=FollowUp.choices)
    follow_up_note = forms.CharField(label=_("Follow-up, details"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    closing_asked = forms.BooleanField(label=_("Asked: \"Did we talk about what you expected?\""), required=False)
    closing_note = forms.CharField(label=_("The answer, if anything is left to talk about"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, language: str = "sv", **kwargs):
        super().__init__(*args, **kwargs)
        rows = texts_for(language)["rows"]
        self.fields["discussed_areas"].choices = [(k, rows[k]) for k in ROW_KEYS]


SCALE = [("", "–")] + [(str(n), str(n)) for n in range(11)]


class GoalForm(forms.Form):
    goal = forms.CharField(label=_("My goal, in the person's own words"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    motivation = forms.TypedChoiceField(label=_("Motivation (0–10)"), choices=SCALE, coerce=int, empty_value=None,
                                        required=False, help_text=_("How important is the change? 0 = not at all, "
                                                                    "10 = very important."))
    confidence = forms.TypedChoiceField(label=_("Confidence (0–10)"), choices=SCALE, coerce=int, empty_value=None,
                                        required=False, help_text=_("How sure are you that you can make it? 0 = not at "
                                                                    "all, 10 = completely sure."))
    advice = forms.ChoiceField(label=_("Advice given"), required=False)

    def __init__(self, *args, codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = {str(c.pk): c for c in codes}
        self.fields["advice"].choices = [("", _("No advice"))] + [
            (str(c.pk), f"{c.text} ({c.code})") for c in codes]

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["advice"] = self.codes.get(data.get("advice") or "")
        return data


class OverrideForm(forms.Form):
    row_key = forms.ChoiceField(choices=[(k, k) for k in ROW_KEYS], widget=forms.HiddenInput)
    level = forms.TypedChoiceField(label=_("Level"), choices=LEVEL_CHOICES[1:], coerce=int)
    reason = forms.CharField(label=_("Reason"), max_length=500,
                             error_messages={"required": _("Write why the level is set by hand.")})


class NoteForm(forms.Form):
    contact_reason = forms.ChoiceField(label=_("Contact reason"), help_text=_("Required: reimbursement depends on it."),
                                       error_messages={"required": _("Choose the contact reason.")})
    diagnoses = forms.MultipleChoiceField(
        label=_("Diagnosis codes"), widget=forms.CheckboxSelectMultiple,
        choices=[(code, f"{code} {text}") for code, text in ALL_DIAGNOSES.items()],
        error_messages={"required": _("Choose at least the main diagnosis code Z00.0.")})
    kva = forms.MultipleChoiceField(label=_("Measures (KVÅ)"), widget=forms.CheckboxSelectMultiple, required=False)
    advice_text = forms.CharField(label=_("Advice given and other notes"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, reasons=(), codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_reason"].choices = [("", _("Choose…"))] + [(r.text, r.text) for r in reasons]
        self.codes = {c.code: c for c in codes}
        self.fields["kva"].choices = [
            (c.code, f"{c.code} {c.text}" + (f" ({_('verify')})" if c.needs_verification else "")) for c in codes]
