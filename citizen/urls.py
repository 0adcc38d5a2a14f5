from django.urls import path

from citizen.views import home, questionnaire, results

app_name = "citizen"

urlpatterns = [
    path("<str:token>/", home.home, name="home"),
    path("<str:token>/bekrafta/", home.confirm, name="confirm"),
    path("<str:token>/lamna/", home.leave, name="leave"),
    path("<str:token>/fragor/", questionnaire.questionnaire_start, name="questionnaire"),
    path("<str:token>/fragor/<int:number>/", questionnaire.questionnaire_page, name="questionnaire_page"),
    path("<str:token>/fragor/klar/", questionnaire.questionnaire_review, name="questionnaire_review"),
    path("<str:token>/resultat/", results.results, name="results"),
    path("<str:token>/resultat/sammanfattning.pdf", results.results_pdf, name="results_pdf"),
]
