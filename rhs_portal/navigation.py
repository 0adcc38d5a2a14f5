"""The staff navigation: one list, filtered by what the active roles may do."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from rhs_portal.roles import Capability


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    capability: str
    setting: str = ""  # shown only when this setting is true (e.g. demo-only pages)


NAV_ITEMS: list[NavItem] = [
    NavItem("population:person_search", _("People"), Capability.PERSON_VIEW),
    NavItem("population:import_list", _("Import list"), Capability.POPULATION_IMPORT),
    NavItem("invitations:round_list", _("Rounds"), Capability.ROUND_MANAGE),
    NavItem("invitations:cases_mine", _("Cases"), Capability.CASE_HANDLE),
    NavItem("reminders:queue", _("Reminders"), Capability.CASE_HANDLE),
    NavItem("responses:call_list", _("Call list"), Capability.BOOKING_MANAGE),
    NavItem("invitations:letter_list", _("Letters"), Capability.CASE_HANDLE),
    NavItem("invitations:demo_outbox", _("Outbox (demo)"), Capability.CASE_HANDLE, setting="RHS_DEMO_MODE"),
    NavItem("scheduling:week", _("Web times"), Capability.BOOKING_MANAGE),
    NavItem("responses:day", _("Day view"), Capability.BOOKING_MANAGE),
    NavItem("responses:lab_overview", _("Lab tests"), Capability.LAB_MANAGE),
    NavItem("visits:list", _("Health dialogues"), Capability.VISIT_CONDUCT),
    NavItem("reporting:overview", _("Statistics"), Capability.STATISTICS_VIEW),
    NavItem("population:accesslog", _("Access log"), Capability.ACCESS_LOG_VIEW),
]


def nav_for(request, staff) -> list[dict]:
    from population.selectors import has_region_role

    region_role = has_region_role(user=request.user)
    items = []
    for item in NAV_ITEMS:
        # Region roles see the region's statistics without a unit of their own.
        if not (staff.can(item.capability) or (region_role and item.capability == Capability.STATISTICS_VIEW)):
            continue
        if item.setting and not getattr(settings, item.setting, False):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": item.label, "current": request.path.startswith(url)})
    return items
