from django.urls import path

from reporting.views import dashboard, health

app_name = "reporting"

urlpatterns = [
    path("", dashboard.overview, name="overview"),
    path("fordelning/", dashboard.breakdown, name="breakdown"),
    path("trend/", dashboard.trends, name="trends"),
    path("halsa/", health.health, name="health"),
    path("ersattning/", health.reimbursement, name="reimbursement"),
]
