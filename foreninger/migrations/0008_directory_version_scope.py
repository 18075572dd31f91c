"""The directory's version gives way to the "foreninger" scope of the core app's data versions,
so that one query (the page frame's) reads every version a cached page needs. The scope's tables
are declared in foreninger/apps.py and its triggers made by 0011_version_triggers.
"""

import importlib

from django.db import migrations

directory = importlib.import_module("foreninger.migrations.0007_directory_search")


class Migration(migrations.Migration):
    dependencies = [
        ("foreninger", "0007_directory_search"),
        ("frivillig", "0008_data_versions"),
    ]

    operations = [
        migrations.RunSQL(
            directory.DROP,
            reverse_sql=directory.CREATE
            + "".join(directory.TRIGGER.format(table=table) for table in directory.TABLES),
        ),
    ]
