"""The citizen's entry: confirm identity, then the home page of their participation."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from citizen.access import (
    CITIZEN_LANGUAGES,
    SESSION_KEY,
    citizen_view,
    link_problem_page,
    mark_verified,
)
from citizen.auth import LEVELS, authenticator_for
from citizen.sections import citizen_section, sections_for
from invitations.services.links import LinkProblem, link_is_locked, link_record_check, link_resolve
from population.models import AccessAction
from population.services.audit import Actor, Auditor


@never_cache
def confirm(request, token: str):
    """Ask the citizen to prove who they are (date of birth by default)."""
    now = timezone.now()
    try:
        resolved = link_resolve(token, now=now)
    except LinkProblem as problem:
        return link_problem_page(request, problem)
    link, participation = resolved.link, resolved.participation
    person, unit = participation.person, participation.round.unit
    language = request.GET.get("sprak") or request.session.get("citizen_language") or person.preferred_language
    language = language if language in CITIZEN_LANGUAGES else "sv"
    request.session["citizen_language"] = language
    translation.activate(language)
    level = request.GET.get("niva", "basic")
    level = level if level in LEVELS else "basic"
    authenticator = authenticator_for(level)
    target = request.GET.get("next") or reverse("citizen:home", kwargs={"token": token})
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("citizen:home", kwargs={"token": token})
    locked = link_is_locked(link, now)
    form = authenticator.form(request.POST or None) if authenticator else None
    wrong = False
    if request.method == "POST" and authenticator and not locked:
        if authenticator.verify(form, person=person):
            link_record_check(link=link, success=True, now=now)
            mark_verified(request, link, authenticator.level)
            Auditor(Actor.citizen(person, unit), now=now).record(
                action=AccessAction.VIEW, person=person, obj=participation,
                detail=f"citizen confirmed identity ({authenticator.key})",
            )
            return HttpResponseRedirect(target)
        link = link_record_check(link=link, success=False, now=now)
        locked = link_is_locked(link, now)
        wrong = True
    return render(
        request,
        "citizen/confirm.html",
        {
            "unit": unit, "form": form, "authenticator": authenticator, "wrong": wrong, "locked": locked,
            "token": token, "languages": CITIZEN_LANGUAGES, "language": language,
        },
        status=429 if locked else 200,
    )


@never_cache
@citizen_view("basic")
def home(request):
    citizen = request.citizen
    Auditor(citizen.actor).record(
        action=AccessAction.VIEW, person=citizen.person, obj=citizen.participation, detail="citizen home page"
    )
    return render(request, "citizen/home.html", {"sections": sections_for(request)})


def leave(request, token: str):
    """End the citizen's confirmed session on this device."""
    request.session.pop(SESSION_KEY, None)
    return render(request, "citizen/left.html", {"token": token})


@citizen_section(order=90, template="citizen/_contact_section.html")
def contact(request):
    return {"unit": request.citizen.unit}
