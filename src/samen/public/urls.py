from django.urls import path

from samen.public import views

app_name = "public"

# Short, stable Dutch paths: they are printed on posters, cards and QR codes.
urlpatterns = [
    path("", views.start, name="start"),
    path("stap/<slug:step>/", views.step, name="step"),
    path("wissen/", views.discard, name="discard"),
    path("ontvangen/", views.receipt, name="receipt"),
    path("volgen/", views.follow, name="follow"),
    path("volgen/gesprek/", views.conversation, name="conversation"),
    path("volgen/klaar/", views.follow_end, name="follow_end"),
    path("weg/", views.quick_exit, name="exit"),
]
