"""Staff enter "Frågor inför hälsosamtalet" for a citizen: from a paper form, or together on site.

All pages on one screen (quicker from paper), saved as they type; each answer records the
staff member and how it was given. Case handlers and dialogue leaders may do it
(Capability.QUESTIONNAIRE_ENTER).
"""

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from population.models import AccessAction
from population.services.audit import Actor, Auditor
from questionnaire.fhir import response_resource
from questionnaire.forms import PageForm
from questionnaire.models import EntryMethod, ResponseStatus
from questionnaire.presentation import summary_pages
from questionnaire.selectors import response_for_user, version_in_force
from questionnaire.services.responses import (
    IncompleteResponse,
    ResponseLocked,
    answers_current,
    answers_save,
    response_start,
    response_submit,
)
from questionnaire.structure import load_structure
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from visits import selectors
from visits.page import staff_language

STAFF_METHODS = (EntryMethod.STAFF_PAPER, EntryMethod.STAFF_ON_SITE)



def _load(request, participation_pk):
    participation = selectors.participation_for_user(user=request.user, unit=request.staff.unit, pk=participation_pk)
    response = response_for_user(user=request.user, unit=request.staff.unit, participation_id=participation.pk,
                                 capability=Capability.QUESTIONNAIRE_ENTER)
    version = response.version if response else version_in_force(region=participation.round.unit.region,
                                                                  on=timezone.localdate())
    if version is None:
        raise Http404("No questionnaire version is in force")
    return participation, response, load_structure(version, staff_language())


@staff_view(Capability.QUESTIONNAIRE_ENTER)
def entry(request, participation_pk: int):
    participation, response, structure = _load(request, participation_pk)
    actor = Actor.from_request(request)
    method = request.POST.get("method") if request.method == "POST" else request.session.get("questionnaire_method")
    method = method if method in STAFF_METHODS else EntryMethod.STAFF_PAPER
    locked = response is not None and response.status == ResponseStatus.LOCKED
    answers = answers_current(response) if response else {}
    forms = [PageForm(page, structure, answers=answers) for page in structure.pages]
    if request.method == "POST" and not locked:
        request.session["questionnaire_method"] = method
        forms = [PageForm(page, structure, data=request.POST) for page in structure.pages]
        values = {}
        for form in forms:
            form.is_valid()
            values.update(form.answers())
        if response is None:
            response = response_start(participation_id=participation.pk, person=participation.person,
                                      unit=participation.round.unit, version=structure.version, actor=actor)
        try:
            result = answers_save(response=response, structure=structure, values=values, method=method, actor=actor)
        except ResponseLocked:
            messages.error(request, _("The answers were closed when the visit was documented."))
            return redirect("visits:questionnaire_entry", participation_pk=participation.pk)
        action = request.POST.get("action", "save")
        if action == "autosave":
            return render(request, "questionnaire/_autosave_status.html", {
                "saved_at": timezone.localtime(), "problems": sum(len(f.errors) for f in forms) + len(result.errors)})
        for form in forms:
            for key, message in result.errors.items():
                if f"q_{key}" in form.fields and not form.has_error(f"q_{key}"):
                    form.add_error(f"q_{key}", message)
        if not any(form.errors for form in forms):
            if action == "submit":
                try:
                    response_submit(response=response, structure=structure, actor=actor)
                except IncompleteResponse as exc:
                    messages.warning(request, _("Saved. Not handed in: %(count)d required questions are not "
                                                "answered.") % {"count": len(exc.missing)})
                else:
                    messages.success(request, _("The answers are saved and marked as answered."))
                    return redirect("visits:checklist", participation_pk=participation.pk)
            else:
                messages.success(request, _("The answers are saved."))
            return redirect("visits:questionnaire_entry", participation_pk=participation.pk)
    elif response is not None:
        Auditor(actor).view(participation.person, obj=response, detail="questionnaire answers (staff entry)")
    return render(request, "visits/questionnaire_entry.html", {
        "participation": participation, "person": participation.person, "response": response,
        "structure": structure, "forms": forms, "method": method, "methods": STAFF_METHODS, "locked": locked,
        "entered_by": _entered_by(response),
        "summary": summary_pages(structure, answers) if locked else [],
    })


def _entered_by(response) -> list[tuple[str, int]]:
    """How many answers came in each way (shown at the top of the page)."""
    if response is None:
        return []
    counts: dict[str, int] = {}
    for answer in response.answers.all():
        counts[answer.method] = counts.get(answer.method, 0) + 1
    return [(EntryMethod(m).label, n) for m, n in counts.items()]


@staff_view(Capability.QUESTIONNAIRE_ENTER)
def response_fhir(request, participation_pk: int):
    participation, response, structure = _load(request, participation_pk)
    if response is None:
        raise Http404("No answers yet")
    resource = response_resource(structure, response, answers_current(response))
    Auditor(Actor.from_request(request)).record(action=AccessAction.EXPORT, person=participation.person, obj=response,
                                                detail="FHIR QuestionnaireResponse")
    out = HttpResponse(json.dumps(resource, ensure_ascii=False, indent=1), content_type="application/fhir+json")
    out["Content-Disposition"] = f'attachment; filename="formularsvar-{participation.pk}.fhir.json"'
    return out


