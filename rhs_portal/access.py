"""Who the staff user is here: the active care unit, its roles, and the view guard.

`StaffContextMiddleware` puts `request.staff` on every request of a logged-in
user. Views declare what they need with `@staff_view(capability)`:
anonymous → login page; no active unit → unit picker; a role without the
capability → 403. Objects of other units are 404 through the selectors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from rhs_portal.roles import Capability, roles_grant

ACTIVE_UNIT_SESSION_KEY = "active_unit_id"
MFA_BY_IDP_SESSION_KEY = "mfa_by_identity_provider"


@dataclass
class StaffContext:
    user: object
    units: list = field(default_factory=list)
    unit: object | None = None
    roles: frozenset[str] = frozenset()

    def can(self, capability: str) -> bool:
        return self.unit is not None and roles_grant(self.roles, capability)

    @property
    def sees_personal_data(self) -> bool:
        return self.can(Capability.PERSON_VIEW)


def build_staff_context(request) -> StaffContext | None:
    from population.selectors import roles_in_unit, units_for_user

    user = request.user
    if not user.is_authenticated:
        return None
    units = list(units_for_user(user=user))
    unit_id = request.session.get(ACTIVE_UNIT_SESSION_KEY)
    unit = next((u for u in units if u.pk == unit_id), None)
    if unit is None and len(units) == 1:
        unit = units[0]
        request.session[ACTIVE_UNIT_SESSION_KEY] = unit.pk
    roles = roles_in_unit(user=user, unit_id=unit.pk) if unit else frozenset()
    return StaffContext(user=user, units=units, unit=unit, roles=roles)


class StaffContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.staff = SimpleLazyObject(lambda: build_staff_context(request))
        return self.get_response(request)


def staff_context(request) -> dict:
    """Template context: the staff context and the capabilities the navigation asks about."""
    from rhs_portal.navigation import nav_for

    if not request.user.is_authenticated or getattr(request, "staff", None) is None:
        return {"staff": None, "can": {}}
    staff = request.staff
    return {
        "staff": staff,
        "can": {c.name.lower(): staff.can(c) for c in Capability},
        "nav_items": nav_for(request, staff),
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
    }


def staff_view(capability: str):
    """Guard a staff view: login, an active unit, and a role granting `capability`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            staff = request.staff
            if staff.unit is None:
                if staff.units:
                    return redirect(f"{reverse('accounts:select_unit')}?next={request.get_full_path()}")
                raise PermissionDenied("No care unit")
            if not staff.can(capability):
                raise PermissionDenied(capability)
            return view(request, *args, **kwargs)

        wrapped.required_capability = capability
        return wrapped

    return decorator


def login_only_view(view):
    """A staff page that needs a login but no unit (the unit picker, the account pages)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.required_capability = None
    return wrapped


# Paths that never need two-factor verification (and are reachable before it).
_MFA_EXEMPT_PREFIXES = ("/konto/", "/static/", "/healthz", "/invanare/", "/hjalp/", "/oidc/", "/i18n/")


class RequireTwoFactorMiddleware:
    """Under production settings a staff login is complete only after the second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.RHS_REQUIRE_2FA
            and request.user.is_authenticated
            and not request.path.startswith(_MFA_EXEMPT_PREFIXES)
            and not is_second_factor_done(request)
        ):
            return redirect(f"{reverse('accounts:two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)


def is_second_factor_done(request) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    if callable(is_verified) and is_verified():
        return True
    return bool(request.session.get(MFA_BY_IDP_SESSION_KEY))
