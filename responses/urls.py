from django.urls import path

from responses.views import booking, day, lab, lab_import

app_name = "responses"

urlpatterns = [
    path("dag/", day.day, name="day"),
    path("dag/andra/", day.day_bulk, name="day_bulk"),
    path("besok/<int:pk>/avsluta/", day.mark, name="mark"),
    path("besok/<int:pk>/avboka/", booking.cancel, name="cancel"),
    path("deltagande/<int:pk>/", booking.book, name="book"),
    path("deltagande/<int:pk>/behov/", booking.needs, name="needs"),
    path("deltagande/<int:pk>/underlag/", booking.basis_create, name="basis_create"),
    path("underlag/<int:pk>/", booking.basis_change, name="basis_change"),
    path("bevakning/", booking.watch_list, name="watch_list"),
    path("labb/", lab.lab_overview, name="lab_overview"),
    path("labb/deltagande/<int:pk>/", lab.lab_results, name="lab_results"),
    path("labb/deltagande/<int:pk>/bestall/", lab.lab_order, name="lab_order"),
    path("labb/bestallning/<int:pk>/provtagen/", lab.lab_sampled, name="lab_sampled"),
    path("labb/import/", lab_import.lab_import_list, name="lab_import_list"),
    path("labb/import/<int:pk>/", lab_import.lab_import_detail, name="lab_import_detail"),
    path("labb/import/<int:pk>/forlopp/", lab_import.lab_import_progress, name="lab_import_progress"),
    path("labb/import/<int:pk>/genomfor/", lab_import.lab_import_commit, name="lab_import_commit"),
    path("labb/import/<int:pk>/kasta/", lab_import.lab_import_discard, name="lab_import_discard"),
]
