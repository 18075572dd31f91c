from django.urls import path

from folgegruppe import views
from frivillig.arrangementer import views as event_views

app_name = "folgegruppe"

urlpatterns = [
    path("foelgegruppe/", views.group, name="group"),
    path("foelgegruppe/valg/<int:pk>/", views.election, name="election"),
    path("foelgegruppe/valg/<int:pk>/resultat/", views.election_results, name="results"),
    path(
        "foelgegruppe/valg/<int:pk>/lodtraekning.json",
        views.election_draw_file,
        name="draw_file",
    ),
    path("foelgegruppe/valg/<int:pk>/indstil/", views.nominate, name="nominate"),
    path("foelgegruppe/valg/<int:pk>/stem/", views.vote, name="vote"),
    path("foelgegruppe/samtykke/<uuid:token>/", views.consent, name="consent"),
    path("moeder/", views.meetings, name="meetings"),
    path("moeder/<int:year>/", views.meetings, name="meetings_year"),
    path("moede/<int:pk>/", views.meeting, name="meeting"),
    path("moede/<int:pk>/kalender.ics", views.meeting_ics, name="meeting_ics"),
    path("moede/<int:pk>/forslag/", views.propose, name="propose"),
    path(
        "moede/<int:pk>/bilag/<int:attachment_pk>/",
        views.meeting_attachment,
        name="attachment",
    ),
    path("kalender.ics", views.calendar_feed, name="calendar"),
    # The events app's pages, under the names they had when sign-up lived here.
    path("faste-arrangementer/", event_views.recurring_events, name="recurring_events"),
    path("arrangementer/<slug:slug>/tilmelding/", event_views.event_signup, name="event_signup"),
    path(
        "arrangementer/<slug:slug>/tilmelding/<int:pk>/afmeld/",
        event_views.event_signup_cancel,
        name="event_signup_cancel",
    ),
]
