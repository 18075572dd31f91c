"""Data versions for cached public pages, kept by PostgreSQL itself.

One number per scope (an app's public data). Every statement that writes to a table of the scope
gives its number a new value from a sequence, in the writer's transaction: whatever makes the
change (a service, the admin, a command, a bulk `update()`) and on whichever app server, the next
request reads a new number and never serves a cached page of the old data. A rolled-back change
takes its number back with it, and the sequence never hands that value out again.

The triggers run before the statement touches any row, so a writer takes the scope's row first
and holds it to its commit; two writers cannot deadlock over it and a row of the table. Writes to
a scope therefore follow one another; they are the consultant's and the associations' edits.

This migration owns the table and the function and adds the core app's scope, "frivillig": what
the front page, the focus-area pages and the other apps' pages show of the municipality's data.
Tables written by the public (nominations, workshop answers, rate limits) are left out. Each app
adds its own scope and triggers in its own migration.
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

SCOPE = """
INSERT INTO frivillig_version (scope, number) VALUES ('{scope}', nextval('frivillig_version_seq'));
"""

TRIGGER = """
CREATE TRIGGER {scope}_version
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION frivillig_version_bump('{scope}');
"""

DROP_TRIGGER = "DROP TRIGGER {scope}_version ON {table};"


def scope_sql(scope, tables):
    """SQL that adds a scope kept by triggers on `tables`, and SQL that removes it again."""
    create = SCOPE.format(scope=scope) + "".join(
        TRIGGER.format(scope=scope, table=table) for table in tables
    )
    drop = "".join(DROP_TRIGGER.format(scope=scope, table=table) for table in tables)
    return create, drop + f"DELETE FROM frivillig_version WHERE scope = '{scope}';"


TABLES = [
    "frivillig_municipality",
    "frivillig_focusarea",
    "frivillig_exampleinitiative",
    "frivillig_region",
    "frivillig_targetgroup",
    "frivillig_page",
    "frivillig_event",
    "frivillig_meetingplace",
    "frivillig_openinghours",
    "frivillig_actionplan",
    "frivillig_actionplangoal",
    "frivillig_goalstatusupdate",
    "frivillig_awardcategory",
]

CREATE_SCOPE, DROP_SCOPE = scope_sql("frivillig", TABLES)


class Migration(migrations.Migration):
    dependencies = [("frivillig", "0007_workshops")]

    operations = [
        migrations.RunSQL(CREATE + CREATE_SCOPE, reverse_sql=DROP_SCOPE + DROP),
    ]
