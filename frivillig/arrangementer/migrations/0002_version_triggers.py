"""The data version triggers on this app's tables, as its `page_scope_models` declare them."""

from django.db import migrations

from frivillig import pagecache


class Migration(migrations.Migration):
    dependencies = [("arrangementer", "0001_initial")]

    operations = [pagecache.triggers_sync("arrangementer")]
