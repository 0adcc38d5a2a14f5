"""The unit's start page and the public help pages."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from invitations import selectors as invitation_selectors
from invitations.selectors.work import work_counts as invitation_work_counts
from population import selectors as population_selectors
from reminders import selectors as reminder_selectors
from rhs_portal.access import login_only_view
from rhs_portal.roles import Capability


@login_only_view
def dashboard(request):
    """The active unit's start page; region-only staff go to the region's statistics."""
    staff = request.staff
    if staff.unit is None:
        if staff.units:
            return redirect("accounts:select_unit")
        if population_selectors.has_region_role(user=request.user):
            return redirect("reporting:overview")
        raise PermissionDenied("No care unit")
    unit, user = staff.unit, request.user
    context = {"rounds": invitation_selectors.rounds_with_counts(user=user, unit=unit)}
    if staff.can(Capability.PERSON_VIEW):
        context["listed_count"] = population_selectors.persons_for_user(user=user, unit=unit).filter(
            is_listed=True
        ).count()
        context["open_count"] = invitation_selectors.open_participation_count(user=user, unit=unit)
    if staff.can(Capability.CASE_HANDLE):
        context["work"] = invitation_work_counts(user=user, unit=unit)
        context["reminder_tasks"] = reminder_selectors.manual_tasks_for_user(user=user, unit=unit).count()
    if staff.can(Capability.POPULATION_IMPORT):
        context["pending_imports"] = population_selectors.imports_awaiting_review(user=user, unit=unit).count()
    return render(request, "dashboard.html", context)


def _help_context(request) -> dict:
    staff = getattr(request, "staff", None) if request.user.is_authenticated else None
    unit = staff.unit if staff else None
    return {"regions": population_selectors.regions_for_help(unit=unit), "unit": unit}


def help_staff(request):
    return render(request, "help/staff.html", _help_context(request))


def help_citizen(request):
    """Help for citizens, in the language of their pages (Swedish, English or Arabic)."""
    from citizen.access import activate_citizen_language

    activate_citizen_language(request)
    return render(request, "help/citizen.html", _help_context(request))
