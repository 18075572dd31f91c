from django.urls import path

from foreninger import mitid_views, views

# Names in the `foreninger` namespace, which the project's URLconf gives with the volunteer jobs'.
urlpatterns = [
    path("foreninger/", views.directory, name="directory"),
    path("foreninger/eksport.csv", views.directory_csv, name="directory_csv"),
    path("foreninger/daekning/", views.coverage, name="coverage"),
    path("foreninger/bekraeft/<str:token>/", views.confirm_by_link, name="confirm"),
    path("foreninger/<slug:slug>/", views.detail, name="detail"),
    path("foreninger/<slug:slug>/kontakt/", views.contact, name="contact"),
    path("foreninger/<slug:slug>/ret-fejl/", views.report_error, name="report_error"),
    path("mine-foreninger/", views.dashboard, name="dashboard"),
    path("mine-foreninger/ny/", views.register, name="register"),
    path("mine-foreninger/mitid/", mitid_views.organisation, name="mitid_organisation"),
    path("mine-foreninger/mitid/anmod/", mitid_views.join, name="mitid_join"),
    path("mine-foreninger/mitid/registrer/", mitid_views.register, name="mitid_register"),
    path("mine-foreninger/<int:pk>/anmodninger/", mitid_views.join_requests, name="join_requests"),
    path("mine-foreninger/<int:pk>/", views.edit, name="edit"),
    path("mine-foreninger/<int:pk>/bekraeft/", views.confirm, name="confirm_member"),
    path("mine-foreninger/<int:pk>/samarbejdsaftale/", views.agreement, name="agreement"),
    path("mine-foreninger/<int:pk>/data.json", views.data_export, name="data_export"),
    path("mine-foreninger/<int:pk>/afgoerelse.pdf", views.rejection_pdf, name="rejection_pdf"),
    path("mine-foreninger/<int:pk>/aktiviteter/ny/", views.activity_edit, name="activity_add"),
    path(
        "mine-foreninger/<int:pk>/aktiviteter/<int:activity_pk>/",
        views.activity_edit,
        name="activity_edit",
    ),
    path(
        "mine-foreninger/<int:pk>/aktiviteter/<int:activity_pk>/slet/",
        views.activity_delete,
        name="activity_delete",
    ),
    path("mine-foreninger/<int:pk>/medlemmer/", views.members, name="members"),
    path(
        "mine-foreninger/<int:pk>/medlemmer/<int:membership_pk>/fjern/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "mine-foreninger/<int:pk>/invitationer/<int:invitation_pk>/tilbagekald/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitation/<uuid:token>/", views.invitation_accept, name="invitation_accept"),
]
