from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/fortunes/", views.fortunes, name="bench_fortunes"),
    path("bench/frame/", views.frame, name="bench_frame"),
    path("", include("frivillig.urls")),
]
