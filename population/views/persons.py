from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from population import selectors
from population.forms import PersonSearchForm
from population.models import AccessAction
from population.person_panels import panels_for
from population.services.audit import Actor, Auditor
from population.services.persons import person_set_research_opt_out
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from rhs_portal.tables import apply_sort, paginate

SEARCH_SORTS = {"name": ("last_name", "first_name"), "personnummer": "personnummer", "birth": "birth_date"}


@staff_view(Capability.PERSON_VIEW)
def person_search(request):
    form = PersonSearchForm(request.GET or None)
    page = sort = None
    query = ""
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        persons = selectors.person_search(user=request.user, unit=request.staff.unit, query=query)
        persons, sort = apply_sort(request, persons, SEARCH_SORTS, "name")
        page = paginate(request, persons)
        # Search results show names and numbers only: one log row for the search (ADR 0003).
        Auditor(Actor.from_request(request)).record(
            action=AccessAction.SEARCH, detail=f"q={query[:80]} hits={page.paginator.count}"
        )
    return render(
        request, "population/person_search.html", {"form": form, "page_obj": page, "sort": sort, "query": query}
    )


@staff_view(Capability.PERSON_VIEW)
def person_detail(request, pk: int):
    person = selectors.person_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    Auditor(Actor.from_request(request)).view(person, detail="person page")
    return render(
        request, "population/person_detail.html", {"person": person, "panels": panels_for(request, person)}
    )


@require_POST
@staff_view(Capability.PERSON_CHANGE)
def person_research_choice(request, pk: int):
    person = selectors.person_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    opt_out = request.POST.get("research_opt_out") == "1"
    person_set_research_opt_out(person=person, opt_out=opt_out, actor=Actor.from_request(request))
    messages.success(
        request,
        _("Recorded: the person declines research use.") if opt_out
        else _("Recorded: the person's data may be used in research extracts again."),
    )
    return redirect("population:person_detail", pk=person.pk)
