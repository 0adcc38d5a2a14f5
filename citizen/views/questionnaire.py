"""The citizen fills in "Frågor inför hälsosamtalet": one page per area, saved on every page and as they type.

Resumable: the response remembers the last page; the start page sends the citizen back
there. Answers are handed in on the summary page and can be changed until the visit.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from citizen.access import citizen_view
from citizen.sections import citizen_section
from invitations.models import ParticipationState
from population.models import AccessAction
from population.services.audit import Auditor
from questionnaire.forms import PageForm
from questionnaire.models import EntryMethod, QuestionnaireResponse, ResponseStatus
from questionnaire.presentation import answered_pages, summary_pages
from questionnaire.selectors import response_for_participation, version_in_force
from questionnaire.services.responses import (
    IncompleteResponse,
    ResponseLocked,
    answers_current,
    answers_save,
    response_start,
    response_submit,
)
from questionnaire.structure import Structure, load_structure

# The questionnaire is for people who are on their way to a visit.
ANSWERING_STATES = frozenset({ParticipationState.INVITED, ParticipationState.ANSWERED, ParticipationState.BOOKED})


@dataclass
class Questionnaire:
    response: QuestionnaireResponse | None
    structure: Structure | None

    @property
    def can_answer(self) -> bool:
        return self.structure is not None and (self.response is None or self.response.status != ResponseStatus.LOCKED)


def _language() -> str:
    language = translation.get_language() or "sv"
    return language if language in ("sv", "en", "ar") else "sv"


def _load(request) -> Questionnaire:
    citizen = request.citizen
    response = response_for_participation(participation_id=citizen.participation.pk)
    if response is not None:
        version = response.version
    elif citizen.participation.state in ANSWERING_STATES:
        version = version_in_force(region=citizen.unit.region, on=timezone.localdate())
    else:
        version = None
    return Questionnaire(response, load_structure(version, _language()) if version else None)


def _page_url(token: str, number: int) -> str:
    return reverse("citizen:questionnaire_page", kwargs={"token": token, "number": number})


@citizen_section(order=30, template="citizen/questionnaire/_section.html")
def questionnaire_section(request):
    q = _load(request)
    if q.structure is None or (q.response and q.response.status == ResponseStatus.LOCKED):
        return None
    answers = answers_current(q.response) if q.response else {}
    return {
        "title": q.structure.title,
        "response": q.response,
        "done": answered_pages(q.structure, answers),
        "total": q.structure.page_count,
        "url": reverse("citizen:questionnaire", kwargs={"token": request.citizen.token}),
    }


@never_cache
@citizen_view("basic")
def questionnaire_start(request):
    citizen = request.citizen
    q = _load(request)
    if q.structure is None:
        return render(request, "citizen/questionnaire/unavailable.html", status=404)
    if request.method == "POST" and q.can_answer:
        response = q.response or response_start(
            participation_id=citizen.participation.pk, person=citizen.person, unit=citizen.unit,
            version=q.structure.version, actor=citizen.actor,
        )
        return redirect(_page_url(citizen.token, min(response.last_page, q.structure.page_count)))
    answers = answers_current(q.response) if q.response else {}
    return render(request, "citizen/questionnaire/start.html", {
        "q": q, "structure": q.structure, "response": q.response,
        "done": answered_pages(q.structure, answers), "total": q.structure.page_count,
    })


@never_cache
@citizen_view("basic")
def questionnaire_page(request, number: int):
    citizen = request.citizen
    q = _load(request)
    if q.response is None:
        return redirect("citizen:questionnaire", token=citizen.token)
    if not q.can_answer:
        return redirect("citizen:questionnaire_review", token=citizen.token)
    structure, response = q.structure, q.response
    if not 1 <= number <= structure.page_count:
        raise Http404("No such page")
    page = structure.page(number)
    if request.method == "POST":
        form = PageForm(page, structure, data=request.POST)
        form.is_valid()
        action = request.POST.get("action", "next")
        try:
            result = answers_save(
                response=response, structure=structure, values=form.answers(), method=EntryMethod.CITIZEN_ONLINE,
                actor=citizen.actor, require=[x.key for x in page.questions] if action == "next" else None,
                page=number,
            )
        except ResponseLocked:
            return redirect("citizen:questionnaire_review", token=citizen.token)
        if action == "autosave":
            return render(request, "questionnaire/_autosave_status.html", {
                "saved_at": timezone.localtime(), "problems": len(form.errors) + len(result.errors)})
        for key, message in result.errors.items():
            if not form.has_error(f"q_{key}"):
                form.add_error(f"q_{key}", message)
        if action == "next" and form.errors:
            pass  # show the page again with the error summary
        elif action == "previous":
            return redirect(_page_url(citizen.token, max(number - 1, 1)))
        elif action == "pause":
            messages.success(request, _("Your answers are saved. You can continue whenever you want."))
            return redirect("citizen:home", token=citizen.token)
        elif number < structure.page_count:
            return redirect(_page_url(citizen.token, number + 1))
        else:
            return redirect("citizen:questionnaire_review", token=citizen.token)
    else:
        form = PageForm(page, structure, answers=answers_current(response))
        Auditor(citizen.actor).record(action=AccessAction.VIEW, person=citizen.person, obj=response,
                                      detail=f"questionnaire page {number}")
    return render(request, "citizen/questionnaire/page.html", {
        "structure": structure, "page": page, "form": form, "number": number, "total": structure.page_count,
        "response": response,
    })


@never_cache
@citizen_view("basic")
def questionnaire_review(request):
    citizen = request.citizen
    q = _load(request)
    if q.response is None:
        return redirect("citizen:questionnaire", token=citizen.token)
    structure, response = q.structure, q.response
    missing = []
    if request.method == "POST" and q.can_answer:
        try:
            response_submit(response=response, structure=structure, actor=citizen.actor)
        except IncompleteResponse as exc:
            missing = exc.missing
        else:
            messages.success(request, _("Thank you! Your answers have been sent to your care unit."))
            return redirect("citizen:home", token=citizen.token)
    answers = answers_current(response)
    Auditor(citizen.actor).record(action=AccessAction.VIEW, person=citizen.person, obj=response,
                                  detail="questionnaire summary")
    page_of = {question.key: page.number for page in structure.pages for question in page.questions}
    return render(request, "citizen/questionnaire/review.html", {
        "structure": structure, "response": response, "can_answer": q.can_answer,
        "pages": summary_pages(structure, answers, lambda n: _page_url(citizen.token, n)),
        "missing": [(m, _page_url(citizen.token, page_of[m.key])) for m in missing or structure.missing_required(answers)],
        "tried": request.method == "POST",
    })
