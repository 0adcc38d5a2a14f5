"""Login through a region's OpenID Connect identity provider (mozilla-django-oidc).

Staff accounts are provisioned by administrators; the provider's claim named
by OIDC_USERNAME_CLAIM (default `hsa_id`) is matched against the staff
member's HSA-id. With OIDC_PROVIDES_MFA the provider's login counts as the
second factor (e.g. SITHS cards), so the TOTP step is skipped.
"""

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from rhs_portal.access import MFA_BY_IDP_SESSION_KEY


class StaffOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        value = claims.get(settings.OIDC_USERNAME_CLAIM)
        if not value:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(hsa_id=value, is_active=True)

    def authenticate(self, request, **kwargs):
        user = super().authenticate(request, **kwargs)
        if user is not None and request is not None and settings.OIDC_PROVIDES_MFA:
            request.session[MFA_BY_IDP_SESSION_KEY] = True
        return user
