"""The volunteer jobs' pages. Their names stay in the associations' namespace
(`foreninger:opportunities`, ...), into which the project's URLconf includes them."""

from django.urls import path

from foreninger.frivilligjob import views

urlpatterns = [
    path("frivilligjob/", views.opportunity_list, name="opportunities"),
    path("frivilligjob/<int:pk>/", views.opportunity_detail, name="opportunity"),
    path(
        "frivilligjob/<int:pk>/svar/",
        views.opportunity_answer,
        name="opportunity_answer",
    ),
    path(
        "mine-foreninger/<int:pk>/frivilligjob/",
        views.my_opportunities,
        name="my_opportunities",
    ),
    path(
        "mine-foreninger/<int:pk>/frivilligjob/ny/",
        views.opportunity_edit,
        name="opportunity_add",
    ),
    path(
        "mine-foreninger/<int:pk>/frivilligjob/<int:opportunity_pk>/",
        views.opportunity_edit,
        name="opportunity_edit",
    ),
    path(
        "mine-foreninger/<int:pk>/frivilligjob/<int:opportunity_pk>/luk/",
        views.opportunity_close,
        name="opportunity_close",
    ),
    path(
        "mine-foreninger/<int:pk>/frivilligjob/<int:opportunity_pk>/svar/",
        views.opportunity_answers,
        name="opportunity_answers",
    ),
    path(
        "mine-foreninger/<int:pk>/frivilligjob/svar/<int:answer_pk>/behandlet/",
        views.answer_handle,
        name="answer_handle",
    ),
]
