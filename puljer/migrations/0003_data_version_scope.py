"""Once the "puljer" scope of the core app's data versions, made here by hand. The scope is now
declared in puljer/apps.py and its triggers made by 0005_version_triggers.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("puljer", "0002_integrity_constraints"),
        ("frivillig", "0008_data_versions"),
    ]

    operations = []
