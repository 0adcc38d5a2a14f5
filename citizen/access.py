"""The guard of every citizen page: a valid personal link, and a confirmed identity.

`@citizen_view(level="basic")` resolves the link in the URL (`token`); an
invalid, revoked or expired link shows a plain page with the unit's phone
number. Without a confirmed identity at the level asked for, the citizen is
sent to the confirmation page first. The view gets `request.citizen`.
Every citizen page is audited with the citizen as actor by the view itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation

from citizen.auth import LEVELS
from invitations.services.links import LinkProblem, link_resolve
from population.services.audit import Actor

SESSION_KEY = "citizen_verified"  # {str(link id): level}
CITIZEN_LANGUAGES = ("sv", "en", "ar")


@dataclass(frozen=True)
class CitizenContext:
    token: str
    link: object
    participation: object
    person: object
    unit: object
    level: str

    @property
    def actor(self) -> Actor:
        return Actor.citizen(self.person, self.unit)

    @property
    def language(self) -> str:
        preferred = (self.person.preferred_language or "sv").lower()
        return preferred if preferred in CITIZEN_LANGUAGES else "sv"


def verified_level(request, link) -> str | None:
    return request.session.get(SESSION_KEY, {}).get(str(link.pk))


def mark_verified(request, link, level: str) -> None:
    verified = dict(request.session.get(SESSION_KEY, {}))
    verified[str(link.pk)] = level
    request.session[SESSION_KEY] = verified
    request.session.cycle_key()


def link_problem_page(request, problem: LinkProblem):
    unit = problem.link.participation.round.unit if problem.link else None
    return render(request, "citizen/link_problem.html", {"reason": problem.reason, "unit": unit}, status=410
                  if problem.reason in ("revoked", "expired") else 404)


def _activate_language(request, citizen_language: str) -> str:
    chosen = request.GET.get("sprak") or request.session.get("citizen_language")
    language = chosen if chosen in CITIZEN_LANGUAGES else citizen_language
    request.session["citizen_language"] = language
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language


def activate_citizen_language(request, default: str = "sv") -> str:
    """The language the citizen chose on their pages (or `default`), for pages outside the link (help)."""
    return _activate_language(request, default)


def citizen_view(level="basic"):
    """`level` is "basic" / "strong", or a function returning one (read per request, e.g. results_level)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, token: str, *args, **kwargs):
            needed = level() if callable(level) else level
            try:
                resolved = link_resolve(token, now=timezone.now())
            except LinkProblem as problem:
                return link_problem_page(request, problem)
            link, participation = resolved.link, resolved.participation
            have = verified_level(request, link)
            if have is None or LEVELS[have] < LEVELS[needed]:
                target = reverse("citizen:confirm", kwargs={"token": token})
                return redirect(f"{target}?niva={needed}&next={request.get_full_path()}")
            request.citizen = CitizenContext(
                token=token, link=link, participation=participation, person=participation.person,
                unit=participation.round.unit, level=have,
            )
            _activate_language(request, request.citizen.language)
            return view(request, *args, **kwargs)

        wrapped.citizen_level = level
        return wrapped

    return decorator
