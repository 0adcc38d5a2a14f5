"""The threshold table in force, shown to staff in words (no personal data)."""

from django.shortcuts import render
from django.utils import timezone, translation

from halsokurva import selectors
from halsokurva.presentation import table_sections
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability


@staff_view(Capability.UNIT_OVERVIEW)
def table_in_force(request):
    region = request.staff.unit.region
    today = timezone.localdate()
    versions = list(selectors.tables_for_region(region=region))
    try:
        in_force = selectors.table_in_force(region=region, on=today)
    except selectors.NoTableInForce:
        in_force = None
    chosen = next((t for t in versions if t.version == request.GET.get("version")), in_force)
    language = "en" if translation.get_language() == "en" else "sv"
    return render(
        request,
        "halsokurva/table.html",
        {
            "region": region,
            "versions": versions,
            "in_force": in_force,
            "chosen": chosen,
            "sections": table_sections(chosen.table, language) if chosen else [],
            "today": today,
        },
    )
