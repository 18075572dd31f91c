from django.db import migrations

# Typo-tolerant name search uses pg_trgm; a server without the extension still works, with
# full-text search only (see foreninger.search.trigram_available).
CREATE_IF_AVAILABLE = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    END IF;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("foreninger", "0001_initial")]

    operations = [migrations.RunSQL(CREATE_IF_AVAILABLE, migrations.RunSQL.noop)]
