"""The citizen's own results after the visit: the Hälsokurva, what each row means, the goals, and the PDF.

Health data: the page asks for the results level of identity check (RHS_CITIZEN_RESULTS_LEVEL,
"strong" where an e-ID login is configured), read per request.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache

from citizen.access import citizen_view
from citizen.auth import results_level
from citizen.sections import citizen_section
from population.models import AccessAction
from population.services.audit import Auditor
from rhs_portal.downloads import pdf_response
from visits.models import VisitStatus
from visits.pdf import summary_pdf
from visits.selectors import visit_of_participation
from visits.summary import build_summary


def _documented_visit(request):
    visit = visit_of_participation(request.citizen.participation)
    return visit if visit is not None and visit.status == VisitStatus.DOCUMENTED else None


def _results_visit(request, action: str, detail: str):
    """The documented visit, audited with the citizen as actor; 404 before the note is signed."""
    visit = _documented_visit(request)
    if visit is None:
        raise Http404("No documented visit")
    Auditor(request.citizen.actor).record(action=action, person=request.citizen.person, obj=visit, detail=detail)
    return visit


def _language() -> str:
    language = translation.get_language() or "sv"
    return language if language in ("sv", "en", "ar") else "sv"


@citizen_section(order=40, template="citizen/results/_section.html")
def results_section(request):
    visit = _documented_visit(request)
    if visit is None:
        return None
    return {"visit": visit, "url": reverse("citizen:results", kwargs={"token": request.citizen.token})}


@never_cache
@citizen_view(results_level)
def results(request):
    visit = _results_visit(request, AccessAction.VIEW, "citizen results page")
    summary = build_summary(visit, language=_language())
    return render(request, "citizen/results/results.html", {
        "s": summary, "visit": visit, "date": timezone.localdate(visit.started_at)})


@never_cache
@citizen_view(results_level)
def results_pdf(request):
    visit = _results_visit(request, AccessAction.PRINT, "citizen summary PDF")
    content = summary_pdf(visit, language=_language())
    return pdf_response(f"halsosamtal-{timezone.localdate(visit.started_at):%Y-%m-%d}.pdf", content)
