"""Staff login through the region's identity provider: matched on HSA-id, never auto-created."""

import pytest
from django.test import RequestFactory

from rhs_portal.access import MFA_BY_IDP_SESSION_KEY
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.OIDC_USERNAME_CLAIM = "hsa_id"
    settings.OIDC_PROVIDES_MFA = True
    settings.OIDC_CREATE_USER = False
    for name in ("OIDC_RP_CLIENT_ID", "OIDC_RP_CLIENT_SECRET", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT",
                 "OIDC_OP_JWKS_ENDPOINT", "OIDC_OP_AUTHORIZATION_ENDPOINT"):
        setattr(settings, name, "x")
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    from rhs_portal.oidc import StaffOIDCBackend

    return StaffOIDCBackend()


def test_claims_match_the_staff_member_by_hsa_id(backend):
    nurse = StaffUserFactory(hsa_id="SE2321000000-N001")
    StaffUserFactory(hsa_id="SE2321000000-N002")
    assert list(backend.filter_users_by_claims({"hsa_id": "SE2321000000-N001"})) == [nurse]
    assert not backend.filter_users_by_claims({"email": "x@example.com"}).exists()


def test_an_inactive_or_unknown_user_is_not_let_in(backend):
    StaffUserFactory(hsa_id="SE2321000000-N003", is_active=False)
    assert not backend.filter_users_by_claims({"hsa_id": "SE2321000000-N003"}).exists()


def test_the_providers_login_counts_as_the_second_factor(backend, monkeypatch):
    nurse = StaffUserFactory(hsa_id="SE2321000000-N004")
    request = RequestFactory().get("/oidc/callback/")
    request.session = {}
    monkeypatch.setattr(
        "mozilla_django_oidc.auth.OIDCAuthenticationBackend.authenticate", lambda self, request, **kw: nurse
    )
    assert backend.authenticate(request) == nurse
    assert request.session[MFA_BY_IDP_SESSION_KEY] is True
