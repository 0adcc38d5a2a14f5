"""How a citizen proves who they are after opening their personal link.

The personal link alone is not enough (links are forwarded, mail scanners
fetch them). An *authenticator* confirms the person:

- `DateOfBirthCheck` (the embedded default, level "basic"): the citizen types
  their date of birth, compared with the personnummer of the participation.
- an e-ID login (BankID, Freja eID+) plugs in for production by implementing
  the same interface against the region's identity provider and returning the
  personnummer it proved; it gives level "strong".

Pages ask for a level: the invitation, booking and questionnaire need
"basic"; results after the visit are health data and ask for
RHS_CITIZEN_RESULTS_LEVEL (default "basic" in the embedded set-up, "strong"
where an e-ID authenticator is configured). Set the authenticators with
RHS_CITIZEN_AUTHENTICATORS (dotted paths, weakest first).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from django import forms
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

LEVELS = {"basic": 1, "strong": 2}


class Authenticator(Protocol):
    key: str
    level: str
    label: str

    def form(self, data=None) -> forms.Form: ...

    def verify(self, form: forms.Form, *, person) -> bool: ...


class DateOfBirthForm(forms.Form):
    birth_date = forms.DateField(
        label=_("Your date of birth"),
        help_text=_("Write it as year-month-day, for example 1976-03-30."),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}),
        input_formats=["%Y-%m-%d", "%Y%m%d", "%y%m%d"],
    )


class DateOfBirthCheck:
    key = "birth_date"
    level = "basic"
    label = _("Confirm with your date of birth")

    def form(self, data=None) -> forms.Form:
        return DateOfBirthForm(data)

    def verify(self, form: forms.Form, *, person) -> bool:
        return form.is_valid() and form.cleaned_data["birth_date"] == person.birth_date


class EIdLogin:
    """Interface for an e-ID login through the region's identity provider (not in the embedded set-up).

    A real integration redirects to the provider, receives the personnummer it
    proved, and must compare it with `person.personnummer` in `verify`. It is
    listed here so that configuration errors name what to implement.
    """

    key = "eid"
    level = "strong"
    label = _("Log in with e-ID")

    def form(self, data=None) -> forms.Form:  # pragma: no cover - needs a provider
        raise NotImplementedError("Configure an e-ID provider integration")

    def verify(self, form, *, person) -> bool:  # pragma: no cover - needs a provider
        raise NotImplementedError("Configure an e-ID provider integration")


def authenticators() -> list[Authenticator]:
    paths = getattr(settings, "RHS_CITIZEN_AUTHENTICATORS", ["citizen.auth.DateOfBirthCheck"])
    return [import_string(path)() for path in paths]


def authenticator_for(level: str) -> Authenticator | None:
    """The weakest configured authenticator that reaches `level`."""
    for auth in authenticators():
        if LEVELS[auth.level] >= LEVELS[level]:
            return auth
    return None


def results_level() -> str:
    return getattr(settings, "RHS_CITIZEN_RESULTS_LEVEL", "basic")


def birth_date_from_input(value: str) -> dt.date | None:
    form = DateOfBirthForm({"birth_date": value})
    return form.cleaned_data["birth_date"] if form.is_valid() else None
