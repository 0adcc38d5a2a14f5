"""The visit page, in the manual's order, saving as the nurse types (htmx; static/js/visits.js)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from halsokurva.overrides import OverrideError
from population.services.audit import Actor, Auditor
from questionnaire.presentation import summary_pages
from questionnaire.structure import load_structure
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from visits import selectors
from visits.forms import OverrideForm
from visits.page import SECTION_FORMS, dialogue_forms, section_form, staff_language
from visits.services.dialogue import dialogue_save
from visits.services.visit import VisitClosed, visit_override_level, visit_rest_start, visit_values_save
from visits.summary import build_summary


def _visit(request, pk):
    return selectors.visit_for_user(user=request.user, unit=request.staff.unit, pk=pk)


@staff_view(Capability.VISIT_CONDUCT)
def visit_page(request, pk: int):
    visit = _visit(request, pk)
    if not visit.is_open:
        return redirect("visits:note", pk=visit.pk)
    summary = build_summary(visit, language=staff_language())
    dialogue, goals = dialogue_forms(visit, language=staff_language())
    response, answers = selectors.questionnaire_answers(visit.participation)
    answer_pages = summary_pages(load_structure(response.version, staff_language()), answers) if response else []
    Auditor(Actor.from_request(request)).view(visit.person, obj=visit, detail="visit page")
    return render(request, "visits/visit.html", {
        "visit": visit, "person": visit.person, "s": summary,
        "forms": {name: section_form(name, visit) for name in SECTION_FORMS},
        "dialogue": dialogue, "goals": [(habit, form, summary) for habit, form in goals.items()],
        "response": response, "answer_pages": answer_pages, "rest_ends": _rest_ends(visit),
    })


def _rest_ends(visit):
    if visit.rest_started_at is None:
        return None
    from visits.services.visit import REST

    return visit.rest_started_at + REST


@require_POST
@staff_view(Capability.VISIT_CONDUCT)
def visit_save(request, pk: int):
    """Save one section (autosave). htmx gets the section's status, messages and the updated Hälsokurva."""
    visit = _visit(request, pk)
    section = request.POST.get("section", "")
    actor = Actor.from_request(request)
    context = {"visit": visit, "section": section, "saved_at": timezone.localtime()}
    try:
        if section == "dialogue":
            dialogue, goals = dialogue_forms(visit, language=staff_language(), data=request.POST)
            valid = dialogue.is_valid() & all(g.is_valid() for g in goals.values())
            dialogue_save(visit=visit, values=dict(dialogue.cleaned_data),
                          goals={h: g.values() for h, g in goals.items() if g.is_valid()}, actor=actor)
            context["errors"] = {} if valid else {"dialogue": _("Some answers could not be read.")}
            context["fields"] = ()
        elif section in SECTION_FORMS:
            form = section_form(section, visit, data=request.POST)
            form.is_valid()
            outcome = visit_values_save(visit=visit, values=form.values(), confirm=form.confirmed(), actor=actor)
            errors = {name: " ".join(errs) for name, errs in form.errors.items() if name != "confirm"}
            context.update(outcome=outcome, errors={**errors, **outcome.refused}, unconfirmed=outcome.unconfirmed,
                           fields=form.value_fields)
        else:
            return HttpResponse(status=400)
    except VisitClosed:
        if request.htmx:  # shown in the section's status line
            return render(request, "visits/_closed.html", {"visit": visit, "section": section})
        messages.error(request, _("The note is signed: the visit can no longer be changed."))
        return redirect("visits:note", pk=visit.pk)
    if not request.htmx:
        for message in {**context.get("errors", {}), **context.get("unconfirmed", {})}.values():
            messages.warning(request, message)
        return redirect(reverse("visits:visit", kwargs={"pk": visit.pk}) + f"#{section}")
    visit.refresh_from_db()
    context["s"] = build_summary(visit, language=staff_language())
    return render(request, "visits/_saved.html", context)


@require_POST
@staff_view(Capability.VISIT_CONDUCT)
def rest_start(request, pk: int):
    visit = _visit(request, pk)
    try:
        visit = visit_rest_start(visit=visit, actor=Actor.from_request(request))
    except VisitClosed:
        return render(request, "visits/_closed.html", {"visit": visit, "section": "rest"})
    if not request.htmx:
        return redirect(reverse("visits:visit", kwargs={"pk": visit.pk}) + "#vila")
    return render(request, "visits/_rest_timer.html", {"visit": visit, "rest_ends": _rest_ends(visit)})


@require_POST
@staff_view(Capability.VISIT_CONDUCT)
def override_level(request, pk: int):
    visit = _visit(request, pk)
    withdraw = "withdraw" in request.POST
    form = OverrideForm(request.POST)
    if withdraw:
        form.fields["level"].required = False
        form.fields["reason"].required = False
    if form.is_valid():
        try:
            visit_override_level(visit=visit, row_key=form.cleaned_data["row_key"],
                                 level=None if withdraw else form.cleaned_data["level"],
                                 reason=form.cleaned_data.get("reason", ""), actor=Actor.from_request(request))
        except (OverrideError, VisitClosed) as exc:
            messages.error(request, str(exc) if isinstance(exc, OverrideError) else _("The visit is documented."))
        else:
            messages.success(request, _("The level was withdrawn.") if withdraw else _("The level is set."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("visits:visit", kwargs={"pk": visit.pk}) + "#halsokurva")
