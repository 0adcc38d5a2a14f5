"""Every URL of the project is guarded: walked automatically, so new URLs are covered.

For each named URL pattern (Django admin has its own tests):
- anonymous → redirect to the login page;
- logged in with roles that lack the view's capability → 403;
- an object of another care unit → 404.
Public URLs are an explicit allow-list; a URL with parameters needs an entry in
OTHER_UNIT_OBJECTS (how to make an object of another unit), or the test fails.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from population.models import PopulationImport
from rhs_portal.roles import CAPABILITY_ROLES, Role
from tests import factories
from tests.invitations import factories as invitation_factories
from tests.responses import factories as responses_factories
from tests.scheduling import factories as scheduling_factories

pytestmark = pytest.mark.django_db

# Reachable without a staff login (each has its own checks where needed).
PUBLIC = {
    "healthz",
    "help:staff",
    "help:citizen",
    "set_language",
    "accounts:login",
    "accounts:logout",
}
PUBLIC_NAMESPACES = {"citizen"}  # behind the citizen's personal link and its check (own tests)
SKIP_NAMESPACES = {"admin"}  # tests/security/test_admin_scoping.py


def _participation(unit):
    from tests.visits.factories import participation_for_visit

    return participation_for_visit(unit=unit)


def _visit(unit):
    from tests.visits.factories import started_visit

    return started_visit(participation=_participation(unit))


def _import(unit):
    user = factories.staff_with(unit, Role.CASE_HANDLER)
    return PopulationImport.objects.create(unit=unit, uploaded_by=user, original_name="x.csv", status="previewed")


# URL name → kwargs for an object that belongs to `unit`.
OTHER_UNIT_OBJECTS = {
    "population:person_detail": lambda unit: {"pk": factories.PersonFactory(unit=unit).pk},
    "population:accesslog_person": lambda unit: {"pk": factories.PersonFactory(unit=unit).pk},
    "population:person_research_choice": lambda unit: {"pk": factories.PersonFactory(unit=unit).pk},
    "population:import_detail": lambda unit: {"pk": _import(unit).pk},
    "population:import_progress": lambda unit: {"pk": _import(unit).pk},
    "population:import_commit": lambda unit: {"pk": _import(unit).pk},
    "population:import_discard": lambda unit: {"pk": _import(unit).pk},
    "invitations:round_detail": lambda unit: {"pk": factories.RoundFactory(unit=unit).pk},
    "invitations:batch_new": lambda unit: {"pk": invitation_factories.round_for(unit).pk},
    "invitations:batch_detail": lambda unit: {"pk": invitation_factories.batch_for(unit=unit).pk},
    "invitations:batch_send": lambda unit: {"pk": invitation_factories.batch_for(unit=unit).pk},
    "invitations:batch_remove": lambda unit: {"pk": invitation_factories.batch_for(unit=unit).pk},
    "invitations:batch_discard": lambda unit: {"pk": invitation_factories.batch_for(unit=unit).pk},
    "invitations:case_detail": lambda unit: {"pk": invitation_factories.case_for(unit=unit).pk},
    "invitations:case_assign": lambda unit: {"pk": invitation_factories.case_for(unit=unit).pk},
    "invitations:case_cancel": lambda unit: {"pk": invitation_factories.case_for(unit=unit).pk},
    "invitations:case_link_revoke": lambda unit: {"pk": invitation_factories.case_for(unit=unit).pk},
    **{
        f"invitations:{name}": lambda unit: {"pk": invitation_factories.letter_batch_for(unit=unit).pk}
        for name in ("letter_batch", "letter_batch_progress", "letter_batch_pdf", "letter_batch_printed",
                     "letter_batch_print_shop", "letter_batch_discard", "letter_batch_retry")
    },
    "invitations:letter_reprint": lambda unit: {"pk": invitation_factories.letter_batch_for(unit=unit).letters.get().pk},
    "invitations:letter_returned": lambda unit: {
        "pk": invitation_factories.letter_batch_for(unit=unit).letters.get().pk},
    "scheduling:slot_detail": lambda unit: {"pk": scheduling_factories.SlotFactory(unit=unit).pk},
    "scheduling:series_remove": lambda unit: {"pk": scheduling_factories.SeriesFactory(unit=unit).pk},
    "scheduling:room_toggle": lambda unit: {"pk": scheduling_factories.RoomFactory(unit=unit).pk},
    "responses:mark": lambda unit: {"pk": responses_factories.appointment_in(unit).pk},
    "responses:cancel": lambda unit: {"pk": responses_factories.appointment_in(unit).pk},
    "responses:book": lambda unit: {"pk": responses_factories.participation_in(unit).pk},
    "responses:needs": lambda unit: {"pk": responses_factories.participation_in(unit).pk},
    "responses:basis_create": lambda unit: {"pk": responses_factories.participation_in(unit).pk},
    "responses:basis_change": lambda unit: {"pk": responses_factories.basis_in(unit).pk},
    "responses:call_log": lambda unit: {"pk": invitation_factories.contact_for(unit=unit).pk},
    "responses:case_reply_close": lambda unit: {"pk": invitation_factories.case_for(unit=unit, status="answered").pk},
    "responses:participation_answer": lambda unit: {"pk": responses_factories.participation_in(unit).pk},
    "responses:participation_reopen": lambda unit: {"pk": responses_factories.participation_in(unit).pk},
    "responses:lab_results": lambda unit: {"pk": responses_factories.participation_in(unit).pk},
    "responses:lab_order": lambda unit: {"pk": responses_factories.participation_in(unit).pk},
    "responses:lab_sampled": lambda unit: {"pk": responses_factories.lab_order_in(unit).pk},
    "responses:lab_import_detail": lambda unit: {"pk": responses_factories.lab_import_in(unit).pk},
    "responses:lab_import_progress": lambda unit: {"pk": responses_factories.lab_import_in(unit).pk},
    "responses:lab_import_commit": lambda unit: {"pk": responses_factories.lab_import_in(unit).pk},
    "responses:lab_import_discard": lambda unit: {"pk": responses_factories.lab_import_in(unit).pk},
    **{f"visits:{name}": lambda unit: {"participation_pk": _participation(unit).pk}
       for name in ("checklist", "start", "reminder", "questionnaire_entry", "questionnaire_fhir")},
    **{f"visits:{name}": lambda unit: {"pk": _visit(unit).pk}
       for name in ("visit", "save", "rest", "override", "note", "summary_pdf", "fhir")},
}


def _walk(patterns, prefix_ns=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{prefix_ns}:{ns}" if prefix_ns and ns else (ns or prefix_ns)
            yield from _walk(entry.url_patterns, full_ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{prefix_ns}:{entry.name}" if prefix_ns else entry.name
            yield name, entry


def project_urls():
    seen = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        top = name.split(":")[0] if ":" in name else ""
        if top in SKIP_NAMESPACES or name in seen:
            continue
        seen[name] = pattern
    return seen


URLS = project_urls()
GUARDED = sorted(n for n in URLS if n not in PUBLIC and n.split(":")[0] not in PUBLIC_NAMESPACES)


def _has_params(pattern: URLPattern) -> bool:
    return bool(re.search(r"<[^>]+>", str(pattern.pattern)))


def _view_function(pattern: URLPattern):
    callback = pattern.callback
    return getattr(callback, "view_class", callback)


def _url(name, unit):
    pattern = URLS[name]
    if _has_params(pattern):
        assert name in OTHER_UNIT_OBJECTS, f"{name}: add how to make another unit's object to OTHER_UNIT_OBJECTS"
        return reverse(name, kwargs=OTHER_UNIT_OBJECTS[name](unit))
    return reverse(name)


def _request(client, url):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    return response


def test_the_walk_finds_the_projects_urls():
    assert "population:person_detail" in GUARDED
    assert "invitations:round_list" in GUARDED


@pytest.mark.parametrize("name", GUARDED)
def test_every_guarded_view_declares_its_capability(name):
    view = _view_function(URLS[name])
    assert hasattr(view, "required_capability"), f"{name} is not wrapped by staff_view/login_only_view"


@pytest.mark.parametrize("name", GUARDED)
def test_anonymous_is_sent_to_login(client, name):
    url = _url(name, factories.CareUnitFactory())
    response = _request(client, url)
    assert response.status_code == 302, name
    assert response.url.startswith(reverse("accounts:login")), name


@pytest.mark.parametrize(
    "name", [n for n in GUARDED if getattr(_view_function(URLS[n]), "required_capability", None) is not None]
)
def test_a_role_without_the_capability_gets_403(client, name):
    capability = _view_function(URLS[name]).required_capability
    unit = factories.CareUnitFactory()
    lacking = [r for r in Role.values if r not in CAPABILITY_ROLES[capability]]
    user = factories.StaffUserFactory(unit=unit, roles=lacking) if lacking else factories.StaffUserFactory()
    client.force_login(user)
    url = _url(name, unit)
    response = _request(client, url)
    assert response.status_code == 403, f"{name} with roles {lacking}: {response.status_code}"


@pytest.mark.parametrize("name", [n for n in GUARDED if _has_params(URLS[n])])
def test_another_units_object_is_404(client, name):
    mine = factories.CareUnitFactory()
    other = factories.CareUnitFactory(region=mine.region)
    user = factories.StaffUserFactory(unit=mine, roles=Role.values)
    client.force_login(user)
    url = _url(name, other)
    response = _request(client, url)
    assert response.status_code == 404, f"{name}: {response.status_code}"


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_urls_answer_without_login(client, name):
    response = _request(client, reverse(name))
    assert response.status_code in (200, 302), name
    if response.status_code == 302:
        assert not response.url.startswith(reverse("accounts:login")) or name == "accounts:logout"


@pytest.mark.parametrize("name", [n for n in GUARDED if _has_params(URLS[n])])
def test_objects_of_a_unit_the_user_is_not_working_in_now_are_404(client, name):
    """A member of two units sees one at a time: the active one."""
    active, inactive = factories.CareUnitFactory(), factories.CareUnitFactory()
    user = factories.StaffUserFactory(unit=active, roles=Role.values)
    for role in Role.values:
        user.memberships.create(unit=inactive, role=role)
    client.force_login(user)
    session = client.session
    session["active_unit_id"] = active.pk
    session.save()
    response = _request(client, _url(name, inactive))
    assert response.status_code == 404, f"{name}: {response.status_code}"


def test_citizen_pages_are_all_behind_the_link_check():
    """Every citizen URL takes the link token and is guarded by citizen_view (or is the check itself)."""
    from citizen.views.home import confirm, leave

    for name, pattern in URLS.items():
        if name.split(":")[0] != "citizen":
            continue
        assert "<str:token>" in str(pattern.pattern), name
        view = pattern.callback
        assert hasattr(view, "citizen_level") or view in (confirm, leave), f"{name} lacks @citizen_view"
