from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from retention.models import RetentionRule, RetentionRun
from retention.targets import targets


class RetentionRuleForm(forms.ModelForm):
    target = forms.ChoiceField(label=_("data"))

    class Meta:
        model = RetentionRule
        fields = ["target", "keep_days", "enabled", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.key, f"{t.label} (minst {t.minimum_days} d)") for t in targets()]

    def clean(self):
        data = super().clean()
        target = next((t for t in targets() if t.key == data.get("target")), None)
        if target and data.get("keep_days") is not None and data["keep_days"] < target.minimum_days:
            self.add_error("keep_days", _("At least %(n)d days for this data.") % {"n": target.minimum_days})
        return data


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """Superusers only: retention is a decision for the whole installation."""

    form = RetentionRuleForm
    list_display = ["target", "keep_days", "enabled", "note"]


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
    list_display = ["ran_at", "report"]
    readonly_fields = ["ran_at", "report"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
