from django.urls import path

from citizen.views import home

app_name = "citizen"

urlpatterns = [
    path("<str:token>/", home.home, name="home"),
    path("<str:token>/bekrafta/", home.confirm, name="confirm"),
    path("<str:token>/lamna/", home.leave, name="leave"),
]
