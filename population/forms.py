from django import forms
from django.utils.translation import gettext_lazy as _

from population.models import AccessAction

MAX_IMPORT_BYTES = 100 * 1024 * 1024


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("The unit's list (CSV)"),
        help_text=_(
            "Semicolon- or comma-separated, as Excel or the list system saves it. Required columns: "
            "personnummer, fornamn, efternamn."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 100 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Choose a CSV file (ending in .csv or .txt)."))
        return upload


class ImportCommitForm(forms.Form):
    skip_invalid = forms.BooleanField(
        label=_("Import only the valid rows"),
        required=False,
        help_text=_("The rows with errors are left out; correct them and import the file again later."),
    )


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Personal identity number or name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class AccessLogFilterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    user = forms.ChoiceField(label=_("User"), required=False)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All"))] + list(AccessAction.choices)
    )

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", _("All"))] + [(str(u.pk), str(u)) for u in users]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data
