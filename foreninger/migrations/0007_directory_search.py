"""A version number for cached directory pages, kept by PostgreSQL itself.

Every statement that writes to the associations, their activities or the links between them
and the regions, target groups and focus areas gives the one row a new number, in the same
transaction. So whatever makes the change (a service, the admin, a command, a bulk load) and
on whichever app server, the next request sees a new number and never a cached page of the
old data. The number comes from a sequence, so a rolled-back change never hands out a number
that a later change reuses.

The row is locked from a transaction's first write to these tables until its commit, so such
transactions follow one another; they are the consultant's and the associations' edits, short
and few. The trigger runs before the statement touches any row, so every writer takes the
version row first and two writers cannot deadlock over it and a row of these tables.
"""

from django.db import migrations

TABLES = [
    "foreninger_association",
    "foreninger_association_focus_areas",
    "foreninger_association_regions",
    "foreninger_association_target_groups",
    "foreninger_activity",
    "foreninger_activity_target_groups",
]

CREATE = """
CREATE SEQUENCE foreninger_directory_version_seq;
CREATE TABLE foreninger_directory_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    number bigint NOT NULL
);
INSERT INTO foreninger_directory_version (id, number)
VALUES (1, nextval('foreninger_directory_version_seq'));
CREATE FUNCTION foreninger_directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE foreninger_directory_version
    SET number = nextval('foreninger_directory_version_seq');
    RETURN NULL;
END;
$$;
"""

DROP = """
DROP FUNCTION foreninger_directory_changed() CASCADE;
DROP TABLE foreninger_directory_version;
DROP SEQUENCE foreninger_directory_version_seq;
"""

TRIGGER = """
CREATE TRIGGER directory_changed
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION foreninger_directory_changed();
"""


class Migration(migrations.Migration):
    # After 0006_opportunities rather than beside it, so that the graph keeps one leaf.
    dependencies = [("foreninger", "0006_opportunities")]

    operations = [
        migrations.RunSQL(
            CREATE + "".join(TRIGGER.format(table=table) for table in TABLES),
            reverse_sql=DROP,
        ),
    ]
