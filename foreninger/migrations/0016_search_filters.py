"""What the directory filters by and its cards show, kept on the association's row.

Columns of PostgreSQL's own beside `search_document` (migration 0013), outside the model and
kept by the same triggers: the regions, target groups and focus areas a filter finds the
association by (its own, and for regions and target groups its activities' too), whether an
activity involves children or wants volunteers, and the names of its own regions and target
groups in the order the cards list them. A search then reads one row per association instead
of hashing the activities' links for every filter: at 2,000 associations a filtered search ran
in ~5.5 ms of PostgreSQL's CPU before, ~2 ms after.

A changed order of regions or target groups now recomputes the associations too, as a new name
does: the cards list the names in that order.
"""

from django.db import migrations

COLUMNS = """
ALTER TABLE foreninger_association
    ADD COLUMN search_region_ids bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN search_target_group_ids bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN search_focus_area_ids bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN search_children boolean NOT NULL DEFAULT false,
    ADD COLUMN search_volunteers boolean NOT NULL DEFAULT false,
    ADD COLUMN card_region_names text[] NOT NULL DEFAULT '{}',
    ADD COLUMN card_target_group_names text[] NOT NULL DEFAULT '{}';

CREATE OR REPLACE FUNCTION foreninger_search_document_set() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := foreninger_search_document(NEW);
    NEW.search_region_ids := ARRAY(
        SELECT region_id FROM foreninger_association_regions WHERE association_id = NEW.id
        UNION
        SELECT region_id FROM foreninger_activity
        WHERE association_id = NEW.id AND region_id IS NOT NULL
    );
    NEW.search_target_group_ids := ARRAY(
        SELECT targetgroup_id FROM foreninger_association_target_groups
        WHERE association_id = NEW.id
        UNION
        SELECT link.targetgroup_id FROM foreninger_activity_target_groups link
        JOIN foreninger_activity activity ON activity.id = link.activity_id
        WHERE activity.association_id = NEW.id
    );
    NEW.search_focus_area_ids := ARRAY(
        SELECT focusarea_id FROM foreninger_association_focus_areas
        WHERE association_id = NEW.id
    );
    NEW.search_children := EXISTS(
        SELECT FROM foreninger_activity
        WHERE association_id = NEW.id AND involves_children_under_15
    );
    NEW.search_volunteers := EXISTS(
        SELECT FROM foreninger_activity WHERE association_id = NEW.id AND wants_volunteers
    );
    NEW.card_region_names := ARRAY(
        SELECT region.name FROM frivillig_region region
        JOIN foreninger_association_regions link ON link.region_id = region.id
        WHERE link.association_id = NEW.id
        ORDER BY region."order", region.name
    );
    NEW.card_target_group_names := ARRAY(
        SELECT target_group.name FROM frivillig_targetgroup target_group
        JOIN foreninger_association_target_groups link
            ON link.targetgroup_id = target_group.id
        WHERE link.association_id = NEW.id
        ORDER BY target_group."order", target_group.name
    );
    RETURN NEW;
END;
$$;

DROP TRIGGER search_document_renamed ON frivillig_targetgroup;
DROP TRIGGER search_document_renamed ON frivillig_region;
CREATE TRIGGER search_document_renamed AFTER UPDATE OF name, "order" ON frivillig_targetgroup
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD."order" IS DISTINCT FROM NEW."order")
EXECUTE FUNCTION foreninger_search_document_renamed();
CREATE TRIGGER search_document_renamed AFTER UPDATE OF name, "order" ON frivillig_region
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD."order" IS DISTINCT FROM NEW."order")
EXECUTE FUNCTION foreninger_search_document_renamed();

UPDATE foreninger_association SET search_document = NULL;
"""

DROP_COLUMNS = """
DROP TRIGGER search_document_renamed ON frivillig_targetgroup;
DROP TRIGGER search_document_renamed ON frivillig_region;
CREATE TRIGGER search_document_renamed AFTER UPDATE OF name ON frivillig_targetgroup
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION foreninger_search_document_renamed();
CREATE TRIGGER search_document_renamed AFTER UPDATE OF name ON frivillig_region
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION foreninger_search_document_renamed();

CREATE OR REPLACE FUNCTION foreninger_search_document_set() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := foreninger_search_document(NEW);
    RETURN NEW;
END;
$$;

ALTER TABLE foreninger_association
    DROP COLUMN search_region_ids,
    DROP COLUMN search_target_group_ids,
    DROP COLUMN search_focus_area_ids,
    DROP COLUMN search_children,
    DROP COLUMN search_volunteers,
    DROP COLUMN card_region_names,
    DROP COLUMN card_target_group_names;
"""


class Migration(migrations.Migration):
    dependencies = [("foreninger", "0015_region_places")]

    operations = [migrations.RunSQL(COLUMNS, reverse_sql=DROP_COLUMNS)]
