from django import forms
from django.utils.translation import gettext_lazy as _

from population.models import AccessAction
from rhs_portal.import_views import ImportUploadForm as BaseUploadForm


class ImportUploadForm(BaseUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("The unit's list (CSV)")
        self.fields["file"].help_text = _(
            "Semicolon- or comma-separated, as Excel or the list system saves it. Required columns: "
            "personnummer, fornamn, efternamn."
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
