"""Staff login, unit picker and the second factor."""

from __future__ import annotations

import base64
import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from rhs_portal.access import ACTIVE_UNIT_SESSION_KEY, login_only_view


def _safe_next(request, default: str = "dashboard") -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        return context


@login_only_view
def select_unit(request):
    units = request.staff.units
    if request.method == "POST":
        try:
            unit_id = int(request.POST.get("unit", ""))
        except ValueError:
            return HttpResponseBadRequest()
        if unit_id not in {u.pk for u in units}:
            return HttpResponseBadRequest()
        request.session[ACTIVE_UNIT_SESSION_KEY] = unit_id
        return redirect(_safe_next(request))
    return render(request, "accounts/select_unit.html", {"units": units, "next": _safe_next(request, "")})


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _qr_data_uri(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_only_view
def two_factor(request):
    """Verify a TOTP code; on the first login, set up the authenticator app first."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setting_up = device is None
    if setting_up:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("The code is wrong or too old. Try the newest code."))
    context = {"form": form, "setting_up": setting_up, "next": _safe_next(request, "")}
    if setting_up:
        context["qr"] = _qr_data_uri(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/two_factor.html", context)


@login_only_view
def keepalive(request):
    """Touch the session (the idle timer restarts) — the 'stay logged in' button."""
    return HttpResponse(status=204)


@require_POST
def logout(request):
    response = auth_views.LogoutView.as_view()(request)
    messages.info(request, _("You are logged out."))
    return response


app_name = "accounts"
urlpatterns = [
    path("logga-in/", LoginView.as_view(), name="login"),
    path("logga-ut/", logout, name="logout"),
    path("enhet/", select_unit, name="select_unit"),
    path("tvastegsverifiering/", two_factor, name="two_factor"),
    path("hall-inloggad/", keepalive, name="keepalive"),
]
