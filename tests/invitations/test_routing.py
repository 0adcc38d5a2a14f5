"""The manual's routing rule, branch by branch."""

import pytest

from invitations.models import ExitReason, Route
from invitations.services.routing import FORWARDING, NO_ADDRESS, RoutingFacts, route_person

REACHABLE = {"personnummer_valid": True, "eservice_status": "active", "notification": "email", "has_phone": True,
             "has_address": True, "protected_identity": False, "deceased": False, "is_listed": True,
             "listed_here": True}


def route(**changes):
    routing = route_person(RoutingFacts(**{**REACHABLE, **changes}))
    return routing.route, routing.reason


@pytest.mark.parametrize("notification", ["email", "sms", "email_sms"])
def test_an_active_account_with_notification_gets_the_digital_inbox(notification):
    assert route(notification=notification) == (Route.DIGITAL, "")


def test_protected_identity_does_not_block_the_digital_inbox():
    assert route(protected_identity=True) == (Route.DIGITAL, "")


@pytest.mark.parametrize("changes", [
    {"notification": ""},  # notification missing ("Saknas")
    {"eservice_status": "never_logged_in", "notification": ""},
    {"eservice_status": "locked", "notification": "email"},  # locked login cannot receive
    {"eservice_status": "", "notification": ""},  # unknown
    {"personnummer_valid": False},  # 1177 cannot find an invalid number
])
def test_without_digital_reachability_a_person_with_a_phone_goes_to_the_phone_list(changes):
    assert route(**changes) == (Route.PHONE, "")


def test_no_phone_means_a_letter():
    assert route(notification="", has_phone=False) == (Route.LETTER, "")


def test_a_protected_identitys_letter_goes_via_forwarding():
    assert route(notification="", has_phone=False, protected_identity=True, has_address=False) == (
        Route.LETTER, FORWARDING)


def test_a_letter_without_an_address_is_flagged():
    assert route(notification="", has_phone=False, has_address=False) == (Route.LETTER, NO_ADDRESS)


@pytest.mark.parametrize(("changes", "reason"), [
    ({"deceased": True}, ExitReason.DECEASED),
    ({"is_listed": False}, ExitReason.NOT_LISTED),
    ({"listed_here": False}, ExitReason.MOVED),
    ({"deceased": True, "notification": "", "has_phone": False}, ExitReason.DECEASED),
])
def test_deceased_or_no_longer_listed_people_are_excluded_with_the_reason(changes, reason):
    assert route(**changes) == (Route.EXCLUDED, reason)
