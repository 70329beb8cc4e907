from django.urls import path

from samen.intake import views, views_import

app_name = "intake"

urlpatterns = [
    path("signalen/melden/", views.report_step, name="report"),
    path("signalen/melden/<slug:step>/", views.report_step, name="report_step"),
    path("signalen/melden-verwijderen/", views.report_discard, name="report_discard"),
    path("signalen/mijn/", views.my_signals, name="my_signals"),
    path("signalen/mijn/<str:reference>/", views.follow_signal, name="follow_signal"),
    path("signalen/mijn/<str:reference>/ontvangen/", views.report_done, name="report_done"),
    path("signalen/triage/", views.triage_queue, name="triage_queue"),
    path("signalen/import/", views_import.import_upload, name="import_upload"),
    path("signalen/import/kolommen/", views_import.import_mapping, name="import_mapping"),
    path("signalen/import/controle/", views_import.import_review, name="import_review"),
    path("signalen/import/klaar/", views_import.import_done, name="import_done"),
    path("signalen/import/annuleren/", views_import.import_cancel, name="import_cancel"),
    path("signalen/triage/<str:reference>/", views.signal_detail, name="signal_detail"),
    path("signalen/mijn/<str:reference>/bijlage/", views.reporter_attach, name="reporter_attach"),
    path(
        "signalen/triage/<str:reference>/bericht/", views.message_reporter, name="message_reporter"
    ),
    path(
        "signalen/triage/<str:reference>/bijlage/",
        views.coordinator_attach,
        name="coordinator_attach",
    ),
    path(
        "signalen/triage/<str:reference>/bijlage/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
]
