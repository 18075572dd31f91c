"""The data version triggers on this app's tables, as its `page_scope_models` declare them."""

from django.db import migrations

from frivillig import pagecache


class Migration(migrations.Migration):
    dependencies = [
        ("foreninger", "0010_opportunities_to_frivilligjob"),
        ("frivillig", "0008_data_versions"),
    ]

    operations = [pagecache.triggers_sync("foreninger")]
