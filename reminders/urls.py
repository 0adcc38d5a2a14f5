from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("skicka/", views.send, name="send"),
    path("forhandsvisning/", views.preview, name="preview"),
]
