import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def test_login_with_one_unit_lands_on_the_units_start_page(client):
    unit = CareUnitFactory(name="Vårdcentralen Ett")
    StaffUserFactory(username="kim", unit=unit, roles=[Role.CASE_HANDLER])
    response = client.post(reverse("accounts:login"), {"username": "kim", "password": "test-password-123"},
                           follow=True)
    assert response.status_code == 200
    assert "Vårdcentralen Ett" in response.content.decode()


def test_with_several_units_the_user_picks_one_and_can_switch(client):
    one, two = CareUnitFactory(name="Enhet Ett"), CareUnitFactory(name="Enhet Två")
    user = StaffUserFactory(unit=one, roles=[Role.CASE_HANDLER])
    user.memberships.create(unit=two, role=Role.CASE_HANDLER)
    client.force_login(user)
    response = client.get(reverse("population:person_search"))
    assert response.url.startswith(reverse("accounts:select_unit"))
    response = client.post(reverse("accounts:select_unit"), {"unit": two.pk, "next": "/personer/"})
    assert response.url == "/personer/"
    assert client.get(reverse("dashboard")).context["staff"].unit == two
    # A unit the user is not a member of cannot be chosen.
    assert client.post(reverse("accounts:select_unit"), {"unit": CareUnitFactory().pk}).status_code == 400


def test_a_user_without_units_is_told_so(client):
    client.force_login(StaffUserFactory())
    assert client.get(reverse("dashboard")).status_code == 403


def test_second_factor_is_required_when_configured(client, settings):
    settings.RHS_REQUIRE_2FA = True
    unit = CareUnitFactory()
    user = StaffUserFactory(unit=unit, roles=[Role.CASE_HANDLER])
    client.force_login(user)
    response = client.get(reverse("population:person_search"))
    assert response.url.startswith(reverse("accounts:two_factor"))
    # First time: set up the authenticator app from a QR code.
    page = client.get(reverse("accounts:two_factor"))
    assert page.context["setting_up"] and page.context["qr"].startswith("data:image/svg+xml")
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("accounts:two_factor"), {"token": "000000"})
    assert response.context["form"].errors
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post(reverse("accounts:two_factor"), {"token": f"{token:06d}", "next": "/personer/"})
    assert response.url == "/personer/"
    assert client.get(reverse("population:person_search")).status_code == 200


def test_repeated_failed_logins_lock_the_account_for_a_while(client, settings):
    settings.AXES_ENABLED = True
    StaffUserFactory(username="kim")
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "kim", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "kim", "password": "test-password-123"})
    assert response.status_code == 429


def test_logout_is_post_only_and_ends_the_session(client):
    unit = CareUnitFactory()
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.CASE_HANDLER]))
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_idle_sessions_expire_after_fifteen_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 900 and settings.SESSION_SAVE_EVERY_REQUEST


def test_the_interface_is_swedish_whatever_the_browser_asks_until_english_is_chosen(client):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Logga in i RHS-portalen" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Log in to the RHS Portal" in page
