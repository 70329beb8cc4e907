from django.urls import path

from samen.persons import views

app_name = "persons"

urlpatterns = [
    path("personen/koppeling/", views.linkage, name="linkage"),
    path("personen/koppeling/starten/", views.start_run, name="start_run"),
    path("personen/koppeling/<int:pk>/voortgang/", views.run_progress, name="run_progress"),
    path("personen/beoordelen/", views.review_list, name="review_list"),
    path("personen/beoordelen/<str:public_id>/", views.pair, name="pair"),
]
