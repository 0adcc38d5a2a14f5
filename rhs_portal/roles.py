"""Staff roles and what each may do.

A staff member holds roles per care unit (`population.Membership`) and, for the
region-wide roles, per region (`population.RegionRole`). Views and services ask
for a *capability*; this table is the one place that says which roles grant it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASE_RECEIVER = "arendemottagare", _("Case receiver")
    CASE_HANDLER = "arendehanterare", _("Case handler")
    DIALOGUE_LEADER = "samtalsledare", _("Dialogue leader")
    UNIT_ADMIN = "enhetsadministrator", _("Unit administrator")
    STATISTICIAN = "statistiker", _("Statistician")


class RegionRoleKind(models.TextChoices):
    REGION_ADMIN = "regionadministrator", _("Region administrator")
    REGION_STATISTICIAN = "regionstatistiker", _("Region statistician")


class Capability(models.TextChoices):
    UNIT_OVERVIEW = "unit.overview", _("See the unit's start page")
    PERSON_VIEW = "person.view", _("See people and their contact data")
    PERSON_CHANGE = "person.change", _("Change a person's data")
    POPULATION_IMPORT = "population.import", _("Import the population list")
    ROUND_MANAGE = "round.manage", _("Create rounds and select cohorts")
    CASE_ASSIGN = "case.assign", _("Assign cases")
    CASE_HANDLE = "case.handle", _("Handle cases and send invitations")
    VISIT_CONDUCT = "visit.conduct", _("Hold health dialogues")
    BOOKING_MANAGE = "booking.manage", _("Manage web times and book appointments")
    LAB_MANAGE = "lab.manage", _("Order lab tests and record their results")
    ACCESS_LOG_VIEW = "accesslog.view", _("Read the access log")
    UNIT_ADMINISTER = "unit.administer", _("Administer the unit")
    STATISTICS_VIEW = "statistics.view", _("See aggregate statistics")


_R = Role
# Which unit roles grant each capability.
CAPABILITY_ROLES: dict[str, frozenset[str]] = {
    Capability.UNIT_OVERVIEW: frozenset(_R.values),
    Capability.PERSON_VIEW: frozenset(
        {_R.CASE_RECEIVER, _R.CASE_HANDLER, _R.DIALOGUE_LEADER, _R.UNIT_ADMIN}
    ),
    Capability.PERSON_CHANGE: frozenset({_R.CASE_RECEIVER, _R.CASE_HANDLER, _R.UNIT_ADMIN}),
    Capability.POPULATION_IMPORT: frozenset({_R.CASE_RECEIVER, _R.CASE_HANDLER, _R.UNIT_ADMIN}),
    Capability.ROUND_MANAGE: frozenset({_R.CASE_RECEIVER, _R.CASE_HANDLER, _R.UNIT_ADMIN}),
    Capability.CASE_ASSIGN: frozenset({_R.CASE_RECEIVER, _R.UNIT_ADMIN}),
    Capability.CASE_HANDLE: frozenset({_R.CASE_RECEIVER, _R.CASE_HANDLER, _R.UNIT_ADMIN}),
    Capability.VISIT_CONDUCT: frozenset({_R.DIALOGUE_LEADER}),
    Capability.BOOKING_MANAGE: frozenset({_R.CASE_RECEIVER, _R.CASE_HANDLER, _R.DIALOGUE_LEADER, _R.UNIT_ADMIN}),
    Capability.LAB_MANAGE: frozenset({_R.CASE_HANDLER, _R.DIALOGUE_LEADER, _R.UNIT_ADMIN}),
    Capability.ACCESS_LOG_VIEW: frozenset({_R.UNIT_ADMIN}),
    Capability.UNIT_ADMINISTER: frozenset({_R.UNIT_ADMIN}),
    Capability.STATISTICS_VIEW: frozenset({_R.STATISTICIAN, _R.UNIT_ADMIN}),
}

# Capabilities that open personal data; a role without any of them (the
# statistician) sees aggregates only.
PERSONAL_DATA_CAPABILITIES = frozenset(
    {
        Capability.PERSON_VIEW,
        Capability.PERSON_CHANGE,
        Capability.POPULATION_IMPORT,
        Capability.CASE_ASSIGN,
        Capability.CASE_HANDLE,
        Capability.VISIT_CONDUCT,
        Capability.BOOKING_MANAGE,
        Capability.LAB_MANAGE,
        Capability.ACCESS_LOG_VIEW,
    }
)


def roles_grant(roles: frozenset[str] | set[str], capability: str) -> bool:
    return bool(CAPABILITY_ROLES[capability] & set(roles))


def roles_with(capability: str) -> frozenset[str]:
    return CAPABILITY_ROLES[capability]
