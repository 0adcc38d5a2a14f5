from django.urls import path

from citizen.views import home, invitation

app_name = "citizen"

urlpatterns = [
    path("<str:token>/", home.home, name="home"),
    path("<str:token>/bekrafta/", home.confirm, name="confirm"),
    path("<str:token>/lamna/", home.leave, name="leave"),
    path("<str:token>/inbjudan/", invitation.invitation, name="invitation"),
    path("<str:token>/meddelanden/", invitation.inbox, name="inbox"),
    path("<str:token>/meddelanden/<int:pk>/", invitation.message, name="message"),
]
