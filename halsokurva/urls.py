from django.urls import path

from halsokurva import views

app_name = "halsokurva"

urlpatterns = [
    path("", views.table_in_force, name="table"),
]
