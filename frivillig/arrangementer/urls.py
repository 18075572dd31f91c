from django.urls import path

from frivillig.arrangementer import views

# Sign-up and the recurring events keep the `folgegruppe:` names they were given first; the
# group's URLconf lists them (see folgegruppe/urls.py).
urlpatterns = [
    path("arrangementer/", views.event_list, name="event_list"),
    path("arrangementer/arkiv/<int:year>/", views.event_archive, name="event_archive"),
    path("arrangementer/<slug:slug>/", views.event_detail, name="event_detail"),
    path("arrangementer/<slug:slug>/kalender.ics", views.event_ics, name="event_ics"),
    path("arrangementer/<slug:slug>/svar/", views.event_input, name="event_input"),
    path(
        "arrangementer/<slug:slug>/svar/tak/",
        views.event_input_received,
        name="event_input_received",
    ),
]
