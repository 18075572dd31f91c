from django.urls import path

from puljer import views

app_name = "puljer"

urlpatterns = [
    path("puljer/", views.index, name="index"),
    path("puljer/<int:year>/", views.year, name="year"),
    path("puljer/<int:year>/bevillinger.csv", views.year_csv, name="year_csv"),
    path("puljer/360giving.json", views.threesixtygiving_index, name="threesixtygiving"),
    *(
        path(
            f"puljer/<int:year>/360giving.{name}",
            getattr(views, f"threesixtygiving_{name}"),
            name=f"threesixtygiving_{name}",
        )
        for name in ("json", "csv", "xlsx")
    ),
    path("mine-foreninger/<int:pk>/ansoegninger/", views.applications, name="applications"),
    path(
        "mine-foreninger/<int:pk>/ansoegninger/ny/<int:round_pk>/",
        views.application_start,
        name="application_start",
    ),
    path(
        "mine-foreninger/<int:pk>/ansoegninger/<int:application_pk>/",
        views.application,
        name="application",
    ),
    path(
        "mine-foreninger/<int:pk>/ansoegninger/<int:application_pk>/bilag/",
        views.attachment_add,
        name="attachment_add",
    ),
    path(
        "mine-foreninger/<int:pk>/ansoegninger/<int:application_pk>/slet/",
        views.application_delete,
        name="application_delete",
    ),
    path(
        "mine-foreninger/<int:pk>/ansoegninger/<int:application_pk>/traek-tilbage/",
        views.withdraw,
        name="withdraw",
    ),
    path(
        "mine-foreninger/<int:pk>/ansoegninger/<int:application_pk>/afrapportering/",
        views.report,
        name="report",
    ),
    path(
        "mine-foreninger/<int:pk>/ansoegninger/<int:application_pk>/afgoerelse.pdf",
        views.decision_pdf,
        name="decision_pdf",
    ),
    path(
        "mine-foreninger/<int:pk>/ansoegninger/<int:application_pk>/partshoering/<int:hearing_pk>/",
        views.hearing_answer,
        name="hearing_answer",
    ),
    path("bilag/<uuid:attachment_pk>/", views.attachment_download, name="attachment"),
]
