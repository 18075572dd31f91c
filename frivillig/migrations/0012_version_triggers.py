"""The data version triggers on this app's tables, as its `page_scope_models` declare them."""

from django.db import migrations

from frivillig import pagecache


class Migration(migrations.Migration):
    dependencies = [("frivillig", "0011_events_to_arrangementer")]

    operations = [pagecache.triggers_sync("frivillig")]
