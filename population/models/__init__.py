from .audit import AccessAction, AccessLogEntry, ActorKind
from .imports import ImportStatus, PopulationImport
from .org import CareUnit, Membership, Region, RegionRole, StaffUser
from .person import EServiceStatus, NotificationChannel, Person, Sex

__all__ = [
    "AccessAction",
    "AccessLogEntry",
    "ActorKind",
    "CareUnit",
    "EServiceStatus",
    "ImportStatus",
    "Membership",
    "NotificationChannel",
    "Person",
    "PopulationImport",
    "Region",
    "RegionRole",
    "Sex",
    "StaffUser",
]
