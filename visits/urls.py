from django.urls import path

from visits.views import checklist, lists, note, questionnaire, visit

app_name = "visits"

urlpatterns = [
    path("", lists.visit_list, name="list"),
    path("deltagande/<int:participation_pk>/", checklist.checklist, name="checklist"),
    path("deltagande/<int:participation_pk>/starta/", checklist.start, name="start"),
    path("deltagande/<int:participation_pk>/paminnelse/", checklist.send_reminder, name="reminder"),
    path("deltagande/<int:participation_pk>/formular/", questionnaire.entry, name="questionnaire_entry"),
    path("deltagande/<int:participation_pk>/formular/fhir.json", questionnaire.response_fhir,
         name="questionnaire_fhir"),
    path("<int:pk>/", visit.visit_page, name="visit"),
    path("<int:pk>/spara/", visit.visit_save, name="save"),
    path("<int:pk>/vila/", visit.rest_start, name="rest"),
    path("<int:pk>/niva/", visit.override_level, name="override"),
    path("<int:pk>/journal/", note.note, name="note"),
    path("<int:pk>/sammanfattning.pdf", note.summary_download, name="summary_pdf"),
    path("<int:pk>/fhir.json", note.fhir_export, name="fhir"),
]
