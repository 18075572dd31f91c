"""The data version triggers on this app's tables, as its `page_scope_models` declare them: a
new seat, meeting or published result renews the group's cached pages at once."""

from django.db import migrations

from frivillig import pagecache


class Migration(migrations.Migration):
    dependencies = [
        ("folgegruppe", "0007_english_beside_danish"),
        ("frivillig", "0008_data_versions"),
    ]

    operations = [pagecache.triggers_sync("folgegruppe")]
