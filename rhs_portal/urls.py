from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from rhs_portal import accounts, health, views

help_patterns = (
    [
        path("", views.help_staff, name="staff"),
        path("invanare/", views.help_citizen, name="citizen"),
    ],
    "help",
)

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", health.healthz, name="healthz"),
    path("konto/", include((accounts.urlpatterns, "accounts"))),
    path("hjalp/", include(help_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("population.urls")),
    path("", include("invitations.urls")),
    path("tider/", include("scheduling.urls")),
    path("bokning/", include("responses.urls")),
    path("paminnelser/", include("reminders.urls")),
    path("halsokurva/", include("halsokurva.urls")),
    path("besok/", include("visits.urls")),
    path("invanare/", include("citizen.urls")),
    path("statistik/", include("reporting.urls")),
    path("admin/", admin.site.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
