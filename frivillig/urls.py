from django.contrib import admin
from django.urls import include, path

from frivillig import views

urlpatterns = [
    path("", views.home, name="home"),
    path("indsatsomraader/<slug:slug>/", views.focus_area, name="focus_area"),
    path("sider/<slug:slug>/", views.page, name="page"),
    path("was/", views.accessibility, name="accessibility"),
    path("privatliv/", views.privacy, name="privacy"),
    path("konto/", include("django.contrib.auth.urls")),
    path("healthz/", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
