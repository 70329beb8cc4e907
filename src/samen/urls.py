from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

handler403 = "samen.core.views.pages.permission_denied"

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("melden/", include("samen.public.urls")),
    path("", include("samen.intake.urls")),
    path("", include("samen.cases.urls")),
    path("", include("samen.persons.urls")),
    path("", include("samen.core.urls")),
]
