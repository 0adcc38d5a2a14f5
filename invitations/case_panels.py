"""Sections other apps add to the case page (invitations imports none of the apps that add them).

    @case_panel(order=10, template="responses/_case_reply.html")
    def reply(request, case):
        return {...}   # or None to show nothing
"""

from rhs_portal.panels import PanelRegistry

CASE_PANELS = PanelRegistry()
case_panel = CASE_PANELS.panel
case_panels_for = CASE_PANELS.shown
