from django import forms
from django.utils.translation import gettext_lazy as _


class CitizenNeedsForm(forms.Form):
    """What the citizen tells us about their needs at the visit (plain words)."""

    interpreter_language = forms.CharField(
        label=_("Do you need an interpreter? Write the language."), required=False, max_length=60,
        help_text=_("Leave it empty if you do not need an interpreter. The interpreter is free of charge."),
    )
    accessibility = forms.CharField(
        label=_("Do you need anything else for your visit?"), required=False, max_length=300,
        help_text=_("For example wheelchair access, a hearing loop or help with reading."),
    )
