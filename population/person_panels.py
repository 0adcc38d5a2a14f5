"""Sections other apps add to the person page (population depends on no other app).

    @person_panel(order=20, template="invitations/_person_participations.html")
    def participations(request, person):
        return {"participations": ...}   # or None to show nothing
"""

from rhs_portal.panels import PanelRegistry

PERSON_PANELS = PanelRegistry()
person_panel = PERSON_PANELS.panel
panels_for = PERSON_PANELS.shown
