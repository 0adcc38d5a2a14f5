"""Which channel reaches a person: the manual's rule, as one pure function.

1. Deceased, no longer listed, or listed at another unit → excluded, with the reason.
2. An active e-services account *and* an active notification → digital (the
   inbox). Protected identity does not block the digital inbox.
3. Otherwise (never logged in, locked login, notification missing) → phone,
   when there is a phone number.
4. No phone → letter. A protected identity's letter goes through the tax
   agency's forwarding routine and carries no address.
"""

from __future__ import annotations

from dataclasses import dataclass

from invitations.models import ExitReason, Route
from population.models import EServiceStatus, Person
from population.personnummer import InvalidPersonnummer, parse_personnummer

FORWARDING = "forwarding"
NO_ADDRESS = "no_address"


@dataclass(frozen=True)
class RoutingFacts:
    personnummer_valid: bool
    eservice_status: str
    notification: str
    has_phone: bool
    has_address: bool
    protected_identity: bool
    deceased: bool
    is_listed: bool
    listed_here: bool


@dataclass(frozen=True)
class Routing:
    route: str
    reason: str = ""  # an ExitReason when excluded; FORWARDING / NO_ADDRESS for letters


def personnummer_is_valid(number: str) -> bool:
    try:
        parse_personnummer(number)
    except InvalidPersonnummer:
        return False
    return True


def facts_for(person: Person, *, unit_id: int) -> RoutingFacts:
    return RoutingFacts(
        personnummer_valid=personnummer_is_valid(person.personnummer),
        eservice_status=person.eservice_status,
        notification=person.notification,
        has_phone=bool(person.phone),
        has_address=person.has_address,
        protected_identity=person.protected_identity,
        deceased=person.deceased,
        is_listed=person.is_listed,
        listed_here=person.listed_unit_id == unit_id,
    )


def route_person(facts: RoutingFacts) -> Routing:
    if facts.deceased:
        return Routing(Route.EXCLUDED, ExitReason.DECEASED)
    if not facts.is_listed:
        return Routing(Route.EXCLUDED, ExitReason.NOT_LISTED)
    if not facts.listed_here:
        return Routing(Route.EXCLUDED, ExitReason.MOVED)
    digital_ok = facts.personnummer_valid and facts.eservice_status == EServiceStatus.ACTIVE
    if digital_ok and facts.notification:
        return Routing(Route.DIGITAL)
    if facts.has_phone:
        return Routing(Route.PHONE)
    if facts.protected_identity:
        return Routing(Route.LETTER, FORWARDING)
    return Routing(Route.LETTER, "" if facts.has_address else NO_ADDRESS)
