"""The directory's version becomes the "foreninger" scope of the core app's data versions.

The same tables as 0007_directory_search, now counted by `frivillig_version_bump`, so that one
query (the page frame's) reads every version a cached page needs.
"""

import importlib

from django.db import migrations

versions = importlib.import_module("frivillig.migrations.0008_data_versions")
directory = importlib.import_module("foreninger.migrations.0007_directory_search")

CREATE_SCOPE, DROP_SCOPE = versions.scope_sql("foreninger", directory.TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("foreninger", "0007_directory_search"),
        ("frivillig", "0008_data_versions"),
    ]

    operations = [
        migrations.RunSQL(
            directory.DROP + CREATE_SCOPE,
            reverse_sql=DROP_SCOPE
            + directory.CREATE
            + "".join(directory.TRIGGER.format(table=table) for table in directory.TABLES),
        ),
    ]
