from django.urls import path

from population.views import accesslog, imports, persons

app_name = "population"

urlpatterns = [
    path("personer/", persons.person_search, name="person_search"),
    path("personer/<int:pk>/", persons.person_detail, name="person_detail"),
    path("personer/<int:pk>/forskning/", persons.person_research_choice, name="person_research_choice"),
    path("import/", imports.import_list, name="import_list"),
    path("import/<int:pk>/", imports.import_detail, name="import_detail"),
    path("import/<int:pk>/forlopp/", imports.import_progress, name="import_progress"),
    path("import/<int:pk>/genomfor/", imports.import_commit, name="import_commit"),
    path("import/<int:pk>/kasta/", imports.import_discard, name="import_discard"),
    path("logg/", accesslog.accesslog, name="accesslog"),
    path("logg/person/<int:pk>/", accesslog.accesslog_person, name="accesslog_person"),
]
