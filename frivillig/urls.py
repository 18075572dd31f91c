from django.contrib import admin
from django.urls import include, path

from frivillig import views

urlpatterns = [
    path("", views.home, name="home"),
    path("indsatsomraader/<slug:slug>/", views.focus_area, name="focus_area"),
    path("sider/<slug:slug>/", views.page, name="page"),
    path("was/", views.accessibility, name="accessibility"),
    path("privatliv/", views.privacy, name="privacy"),
    path("konto/opret/", views.signup, name="signup"),
    path("konto/aktiver/<uidb64>/<token>/", views.activate, name="activate"),
    path("konto/", include("django.contrib.auth.urls")),
    path("", include("foreninger.urls")),
    path("api/v1/", include("foreninger.api_urls")),
    path("healthz/", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
