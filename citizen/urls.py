from django.urls import path

from citizen.views import booking, home, invitation, questionnaire, results

app_name = "citizen"

urlpatterns = [
    path("<str:token>/", home.home, name="home"),
    path("<str:token>/bekrafta/", home.confirm, name="confirm"),
    path("<str:token>/lamna/", home.leave, name="leave"),
    path("<str:token>/inbjudan/", invitation.invitation, name="invitation"),
    path("<str:token>/meddelanden/", invitation.inbox, name="inbox"),
    path("<str:token>/meddelanden/<int:pk>/", invitation.message, name="message"),
    path("<str:token>/tid/", booking.booking, name="booking"),
    path("<str:token>/tid/<int:slot>/", booking.booking_confirm, name="booking_confirm"),
    path("<str:token>/tid/avboka/", booking.booking_cancel, name="booking_cancel"),
    path("<str:token>/tid/behov/", booking.booking_needs, name="booking_needs"),
    path("<str:token>/fragor/", questionnaire.questionnaire_start, name="questionnaire"),
    path("<str:token>/fragor/<int:number>/", questionnaire.questionnaire_page, name="questionnaire_page"),
    path("<str:token>/fragor/klar/", questionnaire.questionnaire_review, name="questionnaire_review"),
    path("<str:token>/resultat/", results.results, name="results"),
    path("<str:token>/resultat/sammanfattning.pdf", results.results_pdf, name="results_pdf"),
]
