"""The data version triggers on this app's tables, as its `page_scope_models` declare them: a
payment or a repayment received renews the transparency page at once."""

from django.db import migrations

from frivillig import pagecache


class Migration(migrations.Migration):
    dependencies = [("payments", "0002_line_planned_amount_and_cancelled")]

    operations = [pagecache.triggers_sync("payments")]
