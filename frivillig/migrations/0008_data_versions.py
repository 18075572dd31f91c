"""Data versions for cached public pages, kept by PostgreSQL itself.

One number per scope (an app's public data). Every statement that writes to a table of the scope
gives its number a new value from a sequence, in the writer's transaction: whatever makes the
change (a service, the admin, a command, a bulk `update()`) and on whichever app server, the next
request reads a new number and never serves a cached page of the old data. A rolled-back change
takes its number back with it, and the sequence never hands that value out again.

The triggers run before the statement touches any row, so a writer takes the scope's row first
and holds it to its commit; two writers cannot deadlock over it and a row of the table. Writes to
a scope therefore follow one another; they are the consultant's and the associations' edits.

This migration owns the table and the function. Which tables count for which scope each app
declares for its own models (`page_scope_models`, frivillig.pagecache); the apps' migrations make
the scopes and triggers from that with `pagecache.triggers_sync`.
"""

from django.db import migrations

CREATE = """
CREATE SEQUENCE frivillig_version_seq;
CREATE TABLE frivillig_version (
    scope text PRIMARY KEY,
    number bigint NOT NULL
);
CREATE FUNCTION frivillig_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE frivillig_version SET number = nextval('frivillig_version_seq')
    WHERE scope = TG_ARGV[0];
    RETURN NULL;
END;
$$;
"""

DROP = """
DROP FUNCTION frivillig_version_bump() CASCADE;
DROP TABLE frivillig_version;
DROP SEQUENCE frivillig_version_seq;
"""


class Migration(migrations.Migration):
    dependencies = [("frivillig", "0007_workshops")]

    operations = [
        migrations.RunSQL(CREATE, reverse_sql=DROP),
    ]
