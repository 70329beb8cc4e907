from django.urls import path

from samen.cases import views

app_name = "cases"

# Fixed paths first: a case number never collides with them.
urlpatterns = [
    path("zaken/", views.case_list, name="case_list"),
    path("zaken/export.csv", views.export_cases, name="export_cases"),
    path("zaken/verwijzingen/", views.referral_inbox, name="referral_inbox"),
    path("zaken/verwijzingen/<int:pk>/", views.respond_to_referral, name="referral_respond"),
    path("zaken/meldingen/", views.notification_list, name="notifications"),
    path("zaken/meldingen/<int:pk>/", views.open_notification, name="open_notification"),
    path("zaken/noodtoegang/", views.emergency_access, name="emergency_access"),
    path("zaken/noodtoegang/overzicht/", views.emergency_grants, name="emergency_grants"),
    path("zaken/nieuw/<str:reference>/", views.open_from_signal, name="open_from_signal"),
    path("zaken/<str:number>/", views.case_detail, name="case_detail"),
    path("zaken/<str:number>/status/", views.change_status, name="change_status"),
    path("zaken/<str:number>/gegevens/", views.edit_details, name="edit_details"),
    path("zaken/<str:number>/zgw.json", views.export_zgw, name="export_zgw"),
    path("zaken/<str:number>/personen/nieuw/", views.add_person, name="add_person"),
    path("zaken/<str:number>/personen/<int:pk>/wijzigen/", views.edit_person, name="edit_person"),
    path(
        "zaken/<str:number>/personen/<int:pk>/toestemming/",
        views.record_consent,
        name="record_consent",
    ),
    path("zaken/<str:number>/verwijzen/", views.refer, name="refer"),
    path(
        "zaken/<str:number>/verwijzingen/<int:pk>/afsluiten/",
        views.close_referral,
        name="close_referral",
    ),
    path(
        "zaken/<str:number>/verwijzingen/<int:pk>/intrekken/",
        views.revoke_referral,
        name="revoke_referral",
    ),
    path("zaken/<str:number>/notities/", views.add_note, name="add_note"),
    path("zaken/<str:number>/uitkomsten/", views.record_outcome, name="record_outcome"),
    path("zaken/<str:number>/overleg/nieuw/", views.plan_meeting, name="plan_meeting"),
    path("zaken/<str:number>/overleg/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path(
        "zaken/<str:number>/overleg/<int:pk>/notulen/",
        views.record_minutes,
        name="record_minutes",
    ),
    path(
        "zaken/<str:number>/overleg/<int:pk>/besluiten/",
        views.add_decision,
        name="add_decision",
    ),
    path("zaken/<str:number>/documenten/", views.add_document, name="add_document"),
    path(
        "zaken/<str:number>/documenten/<int:pk>/",
        views.download_document,
        name="download_document",
    ),
    path(
        "zaken/<str:number>/personen/<int:pk>/status/",
        views.change_victim_status,
        name="change_victim_status",
    ),
    path("zaken/<str:number>/taken/nieuw/", views.add_task, name="add_task"),
    path("zaken/<str:number>/taken/<int:pk>/klaar/", views.complete_task, name="complete_task"),
]
