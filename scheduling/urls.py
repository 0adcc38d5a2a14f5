from django.urls import path

from scheduling import views

app_name = "scheduling"

urlpatterns = [
    path("", views.week, name="week"),
    path("andra/", views.slots_bulk, name="slots_bulk"),
    path("tid/<int:pk>/", views.slot_detail, name="slot_detail"),
    path("serier/", views.series_list, name="series_list"),
    path("serier/ny/", views.series_create, name="series_create"),
    path("serier/<int:pk>/ta-bort/", views.series_remove, name="series_remove"),
    path("rum/", views.rooms, name="rooms"),
    path("rum/<int:pk>/", views.room_toggle, name="room_toggle"),
]
