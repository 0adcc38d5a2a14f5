from django import forms
from django.utils.translation import gettext_lazy as _

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
