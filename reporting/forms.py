from django import forms
from django.utils.translation import gettext_lazy as _

from reporting.services.funnel import DIMENSIONS


class StatsFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Round"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("Care unit"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(label=_("Selected from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Selected to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, years=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All rounds"))] + [(y, str(y)) for y in years]
        if units:
            self.fields["unit"].choices = [("", _("All units"))] + [(u.pk, u.name) for u in units]
        else:
            del self.fields["unit"]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


class DimensionForm(forms.Form):
    dim = forms.ChoiceField(label=_("Break down by"), required=False)

    def __init__(self, *args, region_scope: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dim"].choices = [
            (key, d.label) for key, d in DIMENSIONS.items() if key != "unit" or region_scope
        ]
