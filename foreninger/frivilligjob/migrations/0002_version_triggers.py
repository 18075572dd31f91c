"""The data version triggers on this app's tables, as its `page_scope_models` declare them."""

from django.db import migrations

from frivillig import pagecache


class Migration(migrations.Migration):
    dependencies = [
        ("frivilligjob", "0001_initial"),
        ("frivillig", "0008_data_versions"),
    ]

    operations = [pagecache.triggers_sync("frivilligjob")]
