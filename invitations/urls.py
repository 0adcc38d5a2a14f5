from django.urls import path

from invitations.views import batches, cases, letters, lists, outbox, rounds

app_name = "invitations"

urlpatterns = [
    path("omgangar/", rounds.round_list, name="round_list"),
    path("omgangar/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("omgangar/<int:pk>/skicka/", batches.batch_new, name="batch_new"),
    path("utskick/<int:pk>/", batches.batch_detail, name="batch_detail"),
    path("utskick/<int:pk>/skicka/", batches.batch_send_view, name="batch_send"),
    path("utskick/<int:pk>/ta-bort/", batches.batch_remove, name="batch_remove"),
    path("utskick/<int:pk>/slang/", batches.batch_discard_view, name="batch_discard"),
    path("arenden/", cases.cases_mine, name="cases_mine"),
    path("arenden/mottagningens/", cases.cases_unit, name="cases_unit"),
    path("arenden/alla/", cases.cases_all, name="cases_all"),
    path("arenden/tilldela/", cases.cases_assign_bulk, name="cases_assign"),
    path("arenden/<int:pk>/", cases.case_detail, name="case_detail"),
    path("arenden/<int:pk>/tilldela/", cases.case_assign_view, name="case_assign"),
    path("arenden/<int:pk>/makulera/", cases.case_cancel, name="case_cancel"),
    path("arenden/<int:pk>/stang-lank/", cases.case_link_revoke, name="case_link_revoke"),
    path("brevlista/", lists.letter_list_view, name="letter_list"),
    path("brev/", letters.letter_batch_new, name="letter_batch_new"),
    path("brev/<int:pk>/", letters.letter_batch_detail, name="letter_batch"),
    path("brev/<int:pk>/forlopp/", letters.letter_batch_progress, name="letter_batch_progress"),
    path("brev/<int:pk>/pdf/", letters.letter_batch_pdf, name="letter_batch_pdf"),
    path("brev/<int:pk>/utskrivet/", letters.letter_batch_printed, name="letter_batch_printed"),
    path("brev/<int:pk>/tryckeri/", letters.letter_batch_print_shop, name="letter_batch_print_shop"),
    path("brev/<int:pk>/slang/", letters.letter_batch_discard_view, name="letter_batch_discard"),
    path("brev/<int:pk>/igen/", letters.letter_batch_retry_view, name="letter_batch_retry"),
    path("brev/brev/<int:pk>/pdf/", letters.letter_reprint_view, name="letter_reprint"),
    path("brev/brev/<int:pk>/retur/", letters.letter_returned, name="letter_returned"),
    path("utkorg/", outbox.demo_outbox, name="demo_outbox"),
    path("utkorg/leverera/", outbox.demo_outbox_deliver, name="demo_outbox_deliver"),
]
