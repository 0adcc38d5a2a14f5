from django.urls import path

from responses.views import booking, calls, day, lab, lab_import, replies

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
    path("ring-upp/", calls.call_list_view, name="call_list"),
    path("ring-upp/<int:pk>/samtal/", calls.call_log, name="call_log"),
    path("arenden/<int:pk>/besvara/", replies.case_reply_close, name="case_reply_close"),
    path("deltagande/<int:pk>/svar/", replies.participation_answer, name="participation_answer"),
    path("deltagande/<int:pk>/oppna-igen/", replies.participation_reopen_view, name="participation_reopen"),
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
