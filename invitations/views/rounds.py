from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from invitations import selectors
from invitations.forms import CohortSelectForm
from invitations.models import ParticipationState
from invitations.services.cohort import CohortError, cohort_select
from population.services.audit import Actor
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from rhs_portal.tables import apply_sort, paginate

PARTICIPATION_SORTS = {
    "position": "position",
    "name": ("person__last_name", "person__first_name"),
    "birth": "person__birth_date",
    "state": "state",
    "changed": "state_changed_at",
}


@staff_view(Capability.ROUND_MANAGE)
def round_list(request):
    unit = request.staff.unit
    initial = {"year": timezone.localdate().year, "ages": ", ".join(str(a) for a in unit.region.default_ages)}
    if request.method == "POST":
        form = CohortSelectForm(request.POST)
        if form.is_valid():
            try:
                round_, added = cohort_select(
                    unit=unit, year=form.cleaned_data["year"], ages=form.cleaned_data["ages"],
                    actor=Actor.from_request(request),
                )
            except CohortError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d person was added to the round.", "%(n)d people were added to the round.", added
                    ) % {"n": added}
                    if added
                    else _("No one new to add: everyone eligible is already in the round."),
                )
                return redirect("invitations:round_detail", pk=round_.pk)
    else:
        form = CohortSelectForm(initial=initial)
    rounds = selectors.rounds_with_counts(user=request.user, unit=unit)
    return render(request, "invitations/round_list.html", {"form": form, "rounds": rounds})


@staff_view(Capability.PERSON_VIEW)
def round_detail(request, pk: int):
    unit = request.staff.unit
    round_ = selectors.round_get_for_user(user=request.user, unit=unit, pk=pk)
    state = request.GET.get("state", "")
    if state not in ParticipationState.values:
        state = ""
    participations = selectors.participations_of_round(user=request.user, unit=unit, round_=round_, state=state)
    participations, sort = apply_sort(request, participations, PARTICIPATION_SORTS, "position")
    counts = selectors.rounds_with_counts(user=request.user, unit=unit).get(pk=round_.pk)
    states = [
        {"value": s.value, "label": s.label, "count": getattr(counts, f"n_{s.value}")} for s in ParticipationState
    ]
    return render(
        request,
        "invitations/round_detail.html",
        {
            "round": round_,
            "page_obj": paginate(request, participations, per_page=50),
            "sort": sort,
            "states": states,
            "state": state,
            "total": counts.n_total,
        },
    )
