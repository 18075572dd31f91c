"""The "puljer" scope of the core app's data versions: what the public grant pages show.

Pools, rounds, applications and their focus areas and target groups; budget lines,
attachments, reports and case events are never shown publicly and are left out.
"""

import importlib

from django.db import migrations

versions = importlib.import_module("frivillig.migrations.0008_data_versions")

CREATE_SCOPE, DROP_SCOPE = versions.scope_sql(
    "puljer",
    [
        "puljer_pool",
        "puljer_round",
        "puljer_application",
        "puljer_application_focus_areas",
        "puljer_application_target_groups",
    ],
)


class Migration(migrations.Migration):
    dependencies = [
        ("puljer", "0002_integrity_constraints"),
        ("frivillig", "0008_data_versions"),
    ]

    operations = [
        migrations.RunSQL(CREATE_SCOPE, reverse_sql=DROP_SCOPE),
    ]
