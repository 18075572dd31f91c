"""The nominations renew the awards page's own scope (the page shows the winners)."""

from django.db import migrations

from frivillig import pagecache


class Migration(migrations.Migration):
    dependencies = [("frivillig", "0018_award_categories_in_english")]

    operations = [pagecache.triggers_sync("frivillig")]
