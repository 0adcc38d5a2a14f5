"""The form for one page of a questionnaire, built from its questions (citizen and staff pages use it)."""

from __future__ import annotations

import json

from django import forms

from questionnaire.models import QuestionKind
from questionnaire.services.responses import clean_answer
from questionnaire.structure import PageView, QuestionView, Structure

PREFIX = "q_"


def _field(question: QuestionView) -> forms.Field:
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        return forms.ChoiceField(choices=[(o.key, o.text) for o in question.options], widget=forms.RadioSelect,
                                 **common)
    if kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(choices=[(o.key, o.text) for o in question.options],
                                         widget=forms.CheckboxSelectMultiple, **common)
    if kind == QuestionKind.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}), **common)
    q = question.question
    attrs = {"inputmode": "decimal" if kind == QuestionKind.DECIMAL else "numeric", "autocomplete": "off",
             "class": "input--short"}
    if kind == QuestionKind.SCALE:
        attrs.update({"data-scale-min": int(q.min_value), "data-scale-max": int(q.max_value),
                      "data-scale-min-label": question.min_label, "data-scale-max-label": question.max_label})
    return forms.CharField(widget=forms.TextInput(attrs=attrs), **common)


class PageForm(forms.Form):
    """One page's questions as fields `q_<key>`; values are checked the way the service stores them."""

    def __init__(self, page: PageView, structure: Structure, *, answers: dict | None = None, data=None) -> None:
        initial = {f"{PREFIX}{k}": v for k, v in (answers or {}).items()}
        super().__init__(data=data, initial=initial)
        self.page = page
        self.structure = structure
        conditions = structure.skip_conditions()
        for question in page.questions:
            field = _field(question)
            field.question = question
            field.skip_json = json.dumps(conditions[question.key]) if question.key in conditions else ""
            self.fields[f"{PREFIX}{question.key}"] = field

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            try:
                clean_answer(field.question, cleaned.get(name))
            except ValueError as exc:
                self.add_error(name, str(exc))
        return cleaned

    def answers(self) -> dict[str, object]:
        """Question key → raw answer, for every question on the page (valid ones only when called after is_valid)."""
        source = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {name[len(PREFIX):]: source.get(name) for name in self.fields if name in source}

    def raw_answers(self) -> dict[str, object]:
        """The posted values, valid or not (autosave keeps what it can and reports the rest)."""
        out = {}
        for name, field in self.fields.items():
            widget = field.widget
            out[name[len(PREFIX):]] = widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        return out

    def blocks(self):
        """(block, [bound fields]) in page order, for the template."""
        for block in self.page.blocks:
            yield block, [self[f"{PREFIX}{q.key}"] for q in block.questions]
